import { test, expect, Page, TestInfo } from '@playwright/test';
import { logIn, openWeekly, romeDay } from './helpers';

// The audit log: the coordinator moves a meeting, opens "Registro degli accessi", filters it by
// action and finds her move (who, what, which meeting), hydrated, without JavaScript and on a
// 360 px phone; operators, families and visitors do not get the page. Each run plans its meeting
// in its own week, far after the demo calendar and the other specs' weeks, at a random quarter
// hour, so runs never clash.

const COORDINATOR = 'coordinatrice@ancora.example';
const PATH = '/coordinamento/registro-accessi';
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (day: Date) => day.toISOString().slice(0, 10);

function slot(info: TestInfo, mode: number) {
  const run = (info.project.name === 'phone' ? 3 : 0) + mode;
  const day = openWeekly(romeDay(7 * (70 + run * 2)));
  const minutes = 9 * 60 + 15 * Math.floor(Math.random() * 16);
  const time = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
  return { day, start: time(minutes), end: time(minutes + 60), later: time(minutes + 60), laterEnd: time(minutes + 120) };
}

/** Creates a meeting led by the coordinator and moves it one hour later; returns its id. */
async function createAndMove(page: Page, info: TestInfo, mode: number) {
  const { day, start, end, later, laterEnd } = slot(info, mode);
  const title = `Registro ${info.project.name}-${mode}-${Date.now()}`;
  await page.goto('/gestione/calendario/nuovo');
  await page.getByLabel('Servizio').selectOption({ label: 'Gruppi con i genitori' });
  await page.getByLabel('Titolo').fill(title);
  await page.getByLabel('Giorno', { exact: true }).fill(day);
  await page.getByLabel('Inizio').fill(start);
  await page.getByLabel('Fine').fill(end);
  await page.getByLabel('Posti', { exact: true }).fill('8');
  await page.getByRole('button', { name: "Crea l'incontro" }).click();
  await expect(page).toHaveURL(/creati=1/);
  await page.goto(`/gestione/agenda?data=${day}`);
  const move = await page.getByTestId('agenda-meeting').filter({ hasText: title }).getByRole('link', { name: /^Sposta…/ }).getAttribute('href');
  await page.goto(move!);
  await expect(page).toHaveURL(/\/gestione\/calendario\/incontri\/[0-9a-f-]+\/sposta$/);
  const id = page.url().match(/incontri\/([0-9a-f-]+)\/sposta/)![1];
  await page.locator('#start').fill(later);
  await page.locator('#end').fill(laterEnd);
  await page.getByRole('button', { name: "Sposta l'incontro" }).click();
  await expect(page).toHaveURL(/spostati=1&avvisate=0$/);
  return id;
}

/** Opens the log, filters it by "Incontro spostato" with the keyboard, and finds the move. */
async function findTheMove(page: Page, id: string) {
  await page.goto(PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registro degli accessi');
  await page.getByLabel('Azione', { exact: true }).selectOption({ label: 'Incontro spostato' });
  await page.getByRole('button', { name: 'Filtra' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/azione=meeting\.move/);
  await expect(page.getByLabel('Azione', { exact: true })).toHaveValue('meeting.move');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toBeVisible();
  // Only moves, newest first: hers is the first.
  for (const action of await rows.evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))) {
    expect(action).toBe('meeting.move');
  }
  const mine = rows.first();
  await expect(mine).toContainText('Incontro spostato');
  await expect(mine).toContainText('Giulia Conti');
  await expect(mine).toContainText('Àncora');
  await expect(mine).toContainText(id.replace(/-/g, '').slice(0, 8));
  await expect(mine.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
  // Clearing the filters shows every kind again, this reading among them.
  await page.getByRole('link', { name: 'Togli i filtri' }).click();
  await expect(page).toHaveURL(new RegExp(`${PATH}$`));
  await expect(page.locator('[data-testid=audit-row][data-action="audit_log.read"]').first()).toBeVisible();
}

async function noSideScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0], 'no horizontal scroll').toBeLessThanOrEqual(widths[1]);
}

test('the coordinator moves a meeting and finds it in the access log', async ({ page }, info) => {
  test.setTimeout(60_000);
  await logIn(page, COORDINATOR);
  const id = await createAndMove(page, info, 0);
  await findTheMove(page, id);
  // The log is linked from the staff home.
  await page.goto('/gestione');
  await page.getByTestId('staff-tasks').getByRole('link', { name: 'Registro degli accessi' }).click();
  await expect(page).toHaveURL(new RegExp(`${PATH}$`));
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the filters are a plain GET form', async ({ page }, info) => {
    test.setTimeout(60_000);
    await logIn(page, COORDINATOR);
    const id = await createAndMove(page, info, 1);
    await findTheMove(page, id);
  });
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the log reads without sideways scrolling', async ({ page }, info) => {
    test.setTimeout(60_000);
    await logIn(page, COORDINATOR);
    const id = await createAndMove(page, info, 2);
    await findTheMove(page, id);
    await noSideScroll(page);
    await page.getByLabel('Azione', { exact: true }).selectOption('meeting.create');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await expect(page.getByTestId('audit-row').first()).toContainText('Incontri creati');
    await noSideScroll(page);
  });
});

test('operators and families get 403, visitors the login', async ({ page }) => {
  const visitor = await page.goto(PATH);
  expect(visitor!.status()).toBe(401);
  await expect(page.getByTestId('login-prompt')).toBeVisible();
  for (const email of ['educatore@ancora.example', 'famiglia.rossi@example.org']) {
    await page.context().clearCookies();
    await logIn(page, email);
    const response = await page.goto(PATH);
    expect(response!.status(), email).toBe(403);
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expect(page.getByTestId('audit-row')).toHaveCount(0);
  }
});
