import { test, expect, Page } from '@playwright/test';
import { logIn, waitForHydration, romeDay, weekday } from './helpers';

// A coordinator keeps the polo's rooms and closed days (/gestione/sale, /gestione/chiusure):
// hydrated and with JavaScript off, at desktop and phone size (the two projects of
// playwright.config.ts). Each run uses its own room names and its own closed days, so the four
// runs share the demo database without meeting.

/**
 * Two days in a row, from tomorrow on, on which the demo has meetings (Tuesday and Wednesday,
 * or Wednesday and Thursday) and the page lists no closure yet: each run (desktop, phone, with
 * and without JavaScript) finds its own, whatever the date and the holidays the demo closed.
 */
async function freeDays(page: Page): Promise<[string, string]> {
  for (let offset = 1; offset < 40; offset++) {
    const day = weekday(romeDay(offset));
    if (day !== 2 && day !== 3) continue;
    const pair: [string, string] = [romeDay(offset), romeDay(offset + 1)];
    const listed = await page.locator(pair.map((d) => `#giorno-${d}`).join(', ')).count();
    if (listed === 0) return pair;
  }
  throw new Error('no two free days with meetings in the next 40 days');
}

function italian(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

async function ready(page: Page, javaScript: boolean) {
  if (javaScript) await waitForHydration(page);
}

async function roomsFlow(page: Page, name: string, javaScript: boolean, shots: string) {
  await page.goto('/gestione/sale');
  await ready(page, javaScript);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sale del polo');

  // Add a room: the notice names it and it is in the list.
  const add = page.getByRole('region', { name: 'Aggiungi una sala' });
  await add.getByLabel('Nome della sala').fill(name);
  await add.getByLabel('Posti (persone)').fill('12');
  await add.getByRole('button', { name: 'Aggiungi la sala' }).click();
  await expect(page.getByTestId('notice')).toHaveText(`La sala «${name}» è stata aggiunta.`);
  const row = page.getByTestId('room').filter({ hasText: name });
  await expect(row).toContainText('12');

  // Bad capacity: the error is next to the field and nothing is added.
  await add.getByLabel('Nome della sala').fill(`${name} bis`);
  await add.getByLabel('Posti (persone)').fill('0');
  await add.getByRole('button', { name: 'Aggiungi la sala' }).click();
  await expect(page.locator('#nuova-capacity-errore')).toHaveText('I posti devono essere tra 1 e 1000.');
  await expect(page.getByTestId('room').filter({ hasText: `${name} bis` })).toHaveCount(0);

  // Rename it and make it bigger.
  const renamed = `${name} rinnovata`;
  await page.getByTestId('room').filter({ hasText: name }).getByRole('link', { name: `Modifica ${name}` }).click();
  const edit = page.getByTestId('room-edit');
  await edit.getByLabel('Nome della sala').fill(renamed);
  await edit.getByLabel('Posti (persone)').fill('16');
  await edit.getByLabel(/^Accessibile/).selectOption('no');
  await edit.getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.getByTestId('notice')).toHaveText(`Le modifiche alla sala «${renamed}» sono state salvate.`);
  const renamedRow = page.getByTestId('room').filter({ hasText: renamed });
  await expect(renamedRow).toContainText('16');
  await expect(renamedRow).toContainText('No');

  // A name the polo already has: refused next to the name, the form still open with it.
  await renamedRow.getByRole('link', { name: `Modifica ${renamed}` }).click();
  await page.getByTestId('room-edit').getByLabel('Nome della sala').fill('sala gioco');
  await page.getByTestId('room-edit').getByRole('button', { name: 'Salva le modifiche' }).click();
  await expect(page.locator('#modifica-name-errore')).toHaveText('Il polo ha già una sala con questo nome.');
  await expect(page.getByTestId('error-summary')).toContainText('Nome della sala');
  await expect(page.getByTestId('room-edit').getByLabel('Nome della sala')).toHaveValue('sala gioco');
  await page.screenshot({ path: `end2end/test-results/screens/centre/${shots}-sale-errore.png`, fullPage: true });

  // Deactivate it, and bring it back.
  await page.goto('/gestione/sale');
  await page.getByTestId('room').filter({ hasText: renamed }).getByRole('button', { name: `Disattiva ${renamed}` }).click();
  await expect(page.getByTestId('notice')).toContainText(`La sala «${renamed}» non è più attiva`);
  await expect(page.getByTestId('room').filter({ hasText: renamed })).toContainText('Non attiva');
  await page.getByTestId('room').filter({ hasText: renamed }).getByRole('button', { name: `Riattiva ${renamed}` }).click();
  await expect(page.getByTestId('notice')).toHaveText(`La sala «${renamed}» è di nuovo attiva.`);
  await page.screenshot({ path: `end2end/test-results/screens/centre/${shots}-sale.png`, fullPage: true });
}

async function closedDaysFlow(page: Page, javaScript: boolean, shots: string) {
  await page.goto('/gestione/chiusure');
  await ready(page, javaScript);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Giorni di chiusura');
  const [from, to] = await freeDays(page);

  // The last day before the first: refused next to it.
  const add = page.getByRole('region', { name: 'Aggiungi una chiusura' });
  await add.getByLabel('Dal giorno').fill(to);
  await add.getByLabel('Al giorno (facoltativo)').fill(from);
  await add.getByLabel('Motivo').fill('Chiusura di prova');
  await add.getByRole('button', { name: 'Registra la chiusura' }).click();
  await expect(page.locator('#chiusura-to-errore')).toHaveText("L'ultimo giorno non può venire prima del primo.");

  // Two days with demo meetings: recorded, and the meetings are pointed out, not changed.
  await add.getByLabel('Dal giorno').fill(from);
  await add.getByLabel('Al giorno (facoltativo)').fill(to);
  await add.getByLabel('Motivo').fill('Chiusura di prova');
  await add.getByRole('button', { name: 'Registra la chiusura' }).click();
  await expect(page.getByTestId('notice')).toContainText('Chiusura registrata: 2 giorni');
  await expect(page.getByTestId('closed-meetings-warning')).toBeVisible();
  for (const day of [from, to]) {
    await expect(page.locator(`#giorno-${day}`)).toContainText('Chiusura di prova');
  }
  const meetings = page.locator(`#giorno-${from}`).getByTestId('closed-day-meetings');
  await expect(meetings).toContainText(/c'è 1 incontro in programma|ci sono \d+ incontri in programma/);
  const link = meetings.locator('a[href^="/incontri/"]').first();
  await expect(link).toBeVisible();
  await page.screenshot({ path: `end2end/test-results/screens/centre/${shots}-chiusure.png`, fullPage: true });

  // The meeting is still scheduled: its page offers it as before.
  const href = await link.getAttribute('href');
  await page.goto(href!);
  await expect(page.locator('.meeting-cancelled')).toHaveCount(0);

  // Remove the second day.
  await page.goto('/gestione/chiusure');
  await page.locator(`#giorno-${to}`).getByRole('button', { name: /^Rimuovi/ }).click();
  await expect(page.getByTestId('notice')).toHaveText(`La chiusura del ${italian(to)} è stata rimossa.`);
  await expect(page.locator(`#giorno-${to}`)).toHaveCount(0);
  await expect(page.locator(`#giorno-${from}`)).toBeVisible();
  // And the first, so the demo calendar is as it was for the next run.
  await page.locator(`#giorno-${from}`).getByRole('button', { name: /^Rimuovi/ }).click();
  await expect(page.locator(`#giorno-${from}`)).toHaveCount(0);
}

test('a coordinator adds, renames and deactivates a room, and records closed days', async ({ page }, info) => {
  test.setTimeout(60_000);
  await logIn(page, 'coordinatrice@ancora.example');
  const project = info.project.name;
  await roomsFlow(page, `Sala prova ${project} ${Date.now() % 100000}`, true, `js-${project}`);
  await closedDaysFlow(page, true, `js-${project}`);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a coordinator keeps rooms and closed days with plain forms', async ({ page }, info) => {
    test.setTimeout(60_000);
    await logIn(page, 'coordinatrice@ancora.example');
    const project = info.project.name;
    await roomsFlow(page, `Sala nojs ${project} ${Date.now() % 100000}`, false, `nojs-${project}`);
    await closedDaysFlow(page, false, `nojs-${project}`);
  });
});

test('operators read the rooms, families and visitors do not', async ({ page }) => {
  await page.goto('/gestione/sale');
  await expect(page.getByTestId('login-prompt')).toBeVisible();

  await logIn(page, 'educatore@ancora.example');
  await page.goto('/gestione/sale');
  await expect(page.getByTestId('room').filter({ hasText: 'Sala Gioco' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Aggiungi una sala' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Disattiva/ })).toHaveCount(0);
  await page.goto('/gestione/chiusure');
  await expect(page.getByRole('region', { name: 'Aggiungi una chiusura' })).toHaveCount(0);

  await page.context().clearCookies();
  await logIn(page, 'famiglia.rossi@example.org');
  const response = await page.goto('/gestione/chiusure');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('alert').filter({ hasText: 'Non hai i permessi' })).toBeVisible();
});
