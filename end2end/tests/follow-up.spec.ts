import { test, expect, Page } from '@playwright/test';
import { logIn, waitForHydration } from './helpers';

// The follow-up list: the demo coordinator finds persons to call (the demo data has absences in
// its past registers), writes a note and marks one as called: they leave the list. Without
// JavaScript a note that is too long comes back with its message next to the field and nobody
// leaves the list. Each run of the marking test takes one person off (the demo has three), so
// the other tests never need a particular one.

const COORDINATOR = 'coordinatrice@ancora.example';
const PATH = '/coordinamento/da-richiamare';

async function noSideScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0], 'no horizontal scroll').toBeLessThanOrEqual(widths[1]);
}

test('the coordinator calls a family back and the person leaves the list', async ({ page }) => {
  test.setTimeout(60_000);
  await logIn(page, COORDINATOR);
  // Linked from the staff home.
  await page.goto('/gestione');
  await expect(page.getByTestId('staff-tasks').getByRole('link', { name: 'Da richiamare' })).toHaveAttribute('href', PATH);
  await page.goto(PATH);
  await waitForHydration(page);
  const rows = page.getByTestId('follow-up-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const first = rows.first();
  const name = (await first.getByRole('heading', { level: 2 }).textContent())!.trim();
  await expect(first).toContainText(/Assente senza avviso|Annullamento tardivo/);
  await expect(first.getByRole('link', { name: /@example\.org/ }).first()).toBeVisible();
  await noSideScroll(page);

  await first.getByLabel('Nota della chiamata').fill('Parlato con la famiglia: torna la prossima settimana.');
  await first.getByRole('button', { name: new RegExp(`Segna come chiamata – ${name}`) }).click();
  await expect(page.getByTestId('notice')).toContainText('Chiamata registrata');
  await expect(rows.filter({ has: page.getByRole('heading', { name, exact: true }) })).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);
  // Still gone after a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Da richiamare');
  await expect(rows.filter({ has: page.getByRole('heading', { name, exact: true }) })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a note that is too long comes back with its message and changes nothing', async ({ page }) => {
    await logIn(page, COORDINATOR);
    await page.goto(PATH);
    const rows = page.getByTestId('follow-up-row');
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();
    const first = rows.first();
    const name = (await first.getByRole('heading', { level: 2 }).textContent())!.trim();
    await first.getByLabel('Nota della chiamata').fill('x'.repeat(1001));
    await first.getByRole('button', { name: /^Segna come chiamata/ }).click();
    await expect(page).toHaveURL(new RegExp(`${PATH}$`));
    const again = rows.filter({ has: page.getByRole('heading', { name, exact: true }) });
    await expect(again).toHaveCount(1);
    await expect(again.getByTestId('note-error')).toHaveText('La nota è troppo lunga: al massimo 1000 caratteri.');
    await expect(again.getByLabel('Nota della chiamata')).toHaveAttribute('aria-invalid', 'true');
    await expect(rows).toHaveCount(before);
  });
});

test('families and operators do not get the list', async ({ page }) => {
  for (const email of ['famiglia.rossi@example.org', 'educatore@ancora.example']) {
    await page.context().clearCookies();
    await logIn(page, email);
    const response = await page.goto(PATH);
    expect(response!.status()).toBe(403);
    await expect(page.getByTestId('follow-up-row')).toHaveCount(0);
  }
});

test('a family sees the meetings it attended on its page', async ({ page }) => {
  await logIn(page, 'famiglia.rossi@example.org');
  await page.goto('/famiglia');
  const section = page.getByTestId('attended');
  await expect(section.getByRole('heading', { name: 'Incontri frequentati' })).toBeVisible();
  await expect(section.getByTestId('attended-meeting').first()).toContainText('Presenti:');
  await expect(section).not.toContainText('Haddad');
});
