import { test, expect, Page, TestInfo } from '@playwright/test';
import { logIn, openWeekly, romeDay } from './helpers';

// Staff plan the calendar: "Nuovo incontro" (a weekly series, a room clash), "Sposta…" with the
// keyboard only, "Annulla" with a reason, "Modifica" for the whole series, and "La mia settimana". Every flow runs hydrated,
// without JavaScript and on a 360 px phone, in both projects (desktop, phone): each of those six
// runs plans its meetings in its own weeks, far after the demo calendar, at a random quarter hour,
// so runs never clash with each other or with the demo meetings.

const COORDINATOR = 'coordinatrice@ancora.example';
const OPERATOR = 'educatore@ancora.example';

const iso = (day: Date) => day.toISOString().slice(0, 10);
const WEEKDAYS = ['dom', 'lun', 'mar', 'mer', 'gio', 'ven', 'sab'];
const pad = (n: number) => String(n).padStart(2, '0');

/// The first day and times of this run's series.
function slot(info: TestInfo, mode: number) {
  const run = (info.project.name === 'phone' ? 3 : 0) + mode;
  // Three weekly meetings, on days the polo is open.
  const first = new Date(`${openWeekly(romeDay(7 * (20 + run * 4)), 3)}T12:00:00Z`);
  // 13:00 to 16:45: an arrow up on the hours never crosses noon or midnight, whether the
  // browser shows the time on a 24- or a 12-hour clock.
  const startMinutes = 13 * 60 + 15 * Math.floor(Math.random() * 16);
  const start = `${pad(Math.floor(startMinutes / 60))}:${pad(startMinutes % 60)}`;
  const endMinutes = startMinutes + 90;
  const end = `${pad(Math.floor(endMinutes / 60))}:${pad(endMinutes % 60)}`;
  return { first, start, end, startMinutes };
}

/// Keeps pressing Tab until the focus is on `selector` (keyboard only).
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

function flows(mode: number) {
  test('the coordinator creates a weekly series, moves one meeting with the keyboard and cancels another', async ({ page }, info) => {
    test.setTimeout(90_000);
    const { first, start, end, startMinutes } = slot(info, mode);
    const title = `Gruppo di prova ${info.project.name}-${mode}-${Date.now()}`;
    await logIn(page, COORDINATOR);

    // "Nuovo incontro": a weekly open series of three meetings, led by the coordinator.
    await page.goto('/gestione/calendario/nuovo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuovo incontro');
    await page.getByLabel('Servizio').selectOption({ label: 'Gruppi con i genitori' });
    await page.getByLabel('Titolo').fill(title);
    await page.getByLabel('Descrizione (facoltativa)').fill('Un incontro per conoscersi.');
    await page.getByLabel('Giorno', { exact: true }).fill(iso(first));
    await page.getByLabel('Inizio').fill(start);
    await page.getByLabel('Fine').fill(end);
    await expect(page.getByRole('checkbox', { name: 'Giulia Conti' })).toBeChecked();
    await page.getByLabel('Posti', { exact: true }).fill('8');
    await page.getByRole('radio', { name: 'Ogni settimana' }).check();
    await page.getByRole('checkbox', { name: { lun: 'lunedì', mar: 'martedì', mer: 'mercoledì', gio: 'giovedì', ven: 'venerdì', sab: 'sabato', dom: 'domenica' }[WEEKDAYS[first.getUTCDay()]]! }).check();
    await page.getByRole('radio', { name: 'Per il numero di incontri indicato qui sotto' }).check();
    await page.getByRole('spinbutton', { name: 'Numero di incontri' }).fill('3');
    await page.getByRole('button', { name: "Crea l'incontro" }).click();
    await expect(page).toHaveURL(new RegExp(`/gestione/calendario\\?vista=settimana&data=${iso(first)}&creati=3&saltati=\\d+$`));

    // Her agenda in that week: the first meeting, which she moves with the keyboard only.
    await page.goto(`/gestione/agenda?data=${iso(first)}`);
    const row = page.getByTestId('agenda-meeting').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`${start}–${end}`);
    await row.getByRole('link', { name: /^Sposta…/ }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/gestione\/calendario\/incontri\/[0-9a-f-]+\/sposta$/);
    await expect(page.getByTestId('meeting-facts')).toContainText(title);
    await expect(page.getByTestId('families-told')).toContainText('Nessuna famiglia ha prenotato');
    // One hour later: the hours of both times, one arrow up each.
    await tabTo(page, '#start');
    await page.keyboard.press('ArrowUp');
    await tabTo(page, '#end');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: 'Solo questo incontro' })).toBeChecked();
    await tabTo(page, 'button[type=submit]:has-text("Sposta l\'incontro")');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/spostati=1&avvisate=0$/);
    const later = (minutes: number) => `${pad(Math.floor(minutes / 60) + 1)}:${pad(minutes % 60)}`;
    await page.goto(`/gestione/agenda?data=${iso(first)}`);
    await expect(page.getByTestId('agenda-meeting').filter({ hasText: title })).toContainText(
      `${later(startMinutes)}–${later(startMinutes + 90)}`,
    );

    // The next week's meeting is cancelled, with a reason the families read.
    const second = new Date(first);
    second.setUTCDate(second.getUTCDate() + 7);
    await page.goto(`/gestione/agenda?data=${iso(second)}`);
    await page.getByTestId('agenda-meeting').filter({ hasText: title }).getByRole('link', { name: /^Annulla/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Annulla l'incontro");
    // Without a reason nothing is cancelled: the reason is asked for next to its field.
    await page.getByRole('button', { name: /^Annulla l'incontro/ }).click();
    await expect(page.locator('#reason-errore')).toHaveText('Campo obbligatorio.');
    await expect(page.getByTestId('error-summary')).toContainText('Motivo');
    await page.getByLabel('Motivo').fill('La sala è in manutenzione.');
    await page.getByRole('button', { name: /^Annulla l'incontro/ }).click();
    await expect(page).toHaveURL(/annullati=1&avvisate=0$/);
    await page.goto(`/gestione/agenda?data=${iso(second)}`);
    const cancelled = page.getByTestId('agenda-meeting').filter({ hasText: title });
    await expect(cancelled).toHaveClass(/agenda-cancelled/);
    await expect(cancelled).toContainText('Annullato: La sala è in manutenzione.');
    await expect(cancelled.getByRole('link', { name: /^Sposta…/ })).toHaveCount(0);

    // "Modifica" on the third meeting: a new title and description for every meeting still to
    // come (the first and the third; the cancelled one keeps its own).
    const third = new Date(second);
    third.setUTCDate(third.getUTCDate() + 7);
    await page.goto(`/gestione/agenda?data=${iso(third)}`);
    await page.getByTestId('agenda-meeting').filter({ hasText: title }).getByRole('link', { name: /^Modifica/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Modifica l'incontro");
    const titleField = page.getByRole('textbox', { name: 'Titolo', exact: true });
    await expect(titleField).toHaveValue(title);
    await expect(page.getByLabel('Descrizione (facoltativa)')).toHaveValue('Un incontro per conoscersi.');
    await expect(page.getByRole('checkbox', { name: 'Giulia Conti' })).toBeChecked();
    // An empty title is refused next to its field, and nothing changes.
    await titleField.fill('');
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page.locator('#title-errore')).toHaveText('Campo obbligatorio.');
    const renamed = `${title} (nuovo titolo)`;
    await titleField.fill(renamed);
    await page.getByLabel('Descrizione (facoltativa)').fill('Primo rigo.\nSecondo rigo.');
    await page.getByRole('radio', { name: 'Tutti gli incontri della serie' }).check();
    await page.getByRole('button', { name: 'Salva le modifiche' }).click();
    await expect(page).toHaveURL(/modificati=2$/);
    await expect(page.getByTestId('planning-notice')).toHaveText('Incontri modificati: 2.');
    await page.goto(`/gestione/agenda?data=${iso(first)}`);
    await expect(page.getByTestId('agenda-meeting').filter({ hasText: renamed })).toHaveCount(1);
    await page.goto(`/gestione/agenda?data=${iso(second)}`);
    await expect(page.getByTestId('agenda-meeting').filter({ hasText: renamed })).toHaveCount(0);
  });

  test('a meeting in a room already taken is refused, naming the other meeting', async ({ page }) => {
    // A demo meeting with a room, as its "Sposta…" page shows it.
    await logIn(page, OPERATOR);
    let link = null as string | null;
    for (const week of ['', '?data=' + romeDay(7)]) {
      await page.goto(`/gestione/agenda${week}`);
      const rows = page.getByTestId('agenda-meeting').filter({ hasNot: page.locator('.agenda-cancelled') });
      const hrefs = await rows.getByRole('link', { name: /^Sposta…/ }).evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      for (const href of hrefs) {
        await page.goto(href!);
        if ((await page.locator('#room').inputValue()) !== '') {
          link = href;
          break;
        }
      }
      if (link) break;
    }
    expect(link, 'a demo meeting with a room that the operator leads').not.toBeNull();
    const other = (await page.getByTestId('meeting-facts').locator('.meeting-facts-title').innerText()).trim();
    const date = await page.locator('#date').inputValue();
    const start = await page.locator('#start').inputValue();
    const end = await page.locator('#end').inputValue();
    const room = await page.locator('#room').inputValue();

    await logIn(page, COORDINATOR);
    await page.goto(`/gestione/calendario/nuovo?data=${date}&ora=${start}&sala=${room}`);
    await expect(page.getByLabel('Giorno', { exact: true })).toHaveValue(date);
    await expect(page.getByLabel('Inizio')).toHaveValue(start);
    await expect(page.getByLabel('Sala')).toHaveValue(room);
    await page.getByLabel('Fine').fill(end);
    await page.getByLabel('Titolo').fill('Incontro sovrapposto');
    await page.getByRole('button', { name: "Crea l'incontro" }).click();
    await expect(page.locator('#room-errore')).toContainText("La sala è già occupata in quell'orario:");
    await expect(page.locator('#room-errore')).toContainText(other);
    await expect(page.getByTestId('error-summary')).toContainText('Sala:');
    await expect(page.getByLabel('Sala')).toHaveAttribute('aria-invalid', 'true');
    // What was typed is still there.
    await expect(page.getByLabel('Titolo')).toHaveValue('Incontro sovrapposto');
    await expect(page).toHaveURL(/\/gestione\/calendario\/nuovo/);
  });

  test("the operator's agenda lists the meetings they lead, week by week", async ({ page }) => {
    await logIn(page, OPERATOR);
    await page.goto('/gestione/agenda');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('La mia settimana');
    await expect(page.getByTestId('agenda-week')).toContainText('Paolo Ferri');
    // Six weeks of demo meetings: this week or the next has some of Paolo's.
    let rows = await page.getByTestId('agenda-meeting').count();
    if (rows === 0) {
      await page.getByRole('link', { name: /Settimana successiva/ }).click();
      rows = await page.getByTestId('agenda-meeting').count();
    }
    expect(rows).toBeGreaterThan(0);
    const first = page.getByTestId('agenda-meeting').first();
    await expect(first.locator('a[href^="/incontri/"]')).toHaveCount(1);
    await expect(first).toContainText(/\d\d:\d\d–\d\d:\d\d/);
    await expect(first).toContainText(/\d+\/\d+/);
    // A date that is not one shows this week; the previous week is one link away.
    await page.goto('/gestione/agenda?data=ieri');
    await expect(page.getByRole('link', { name: /Settimana precedente/ })).toBeVisible();
  });

  test('families and visitors do not get the planning pages', async ({ page }) => {
    const visitor = await page.goto('/gestione/calendario/nuovo');
    expect(visitor?.status()).toBe(401);
    await expect(page.getByTestId('login-prompt')).toBeVisible();
    await logIn(page, 'famiglia.rossi@example.org');
    const family = await page.goto('/gestione/agenda');
    expect(family?.status()).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await logIn(page, COORDINATOR);
    const unknown = await page.goto('/gestione/calendario/incontri/00000000-0000-0000-0000-000000000000/sposta');
    expect(unknown?.status()).toBe(404);
  });
}

test.describe('with JavaScript', () => {
  flows(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  flows(1);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });
  flows(2);
});
