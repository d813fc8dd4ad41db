import { test, expect, Page } from '@playwright/test';
import { waitForHydration } from './helpers';

// The public calendar (/calendario): months, weeks, days and the list, its filters, a family's
// "suitable for" filter that leads to a booking; at desktop and phone size (the projects of
// playwright.config.ts, and 360×740 below), and with JavaScript off.

const heading = (page: Page) => page.locator('#calendar-period');

async function logInAsFamily(page: Page) {
  const response = await page.request.post('/api/accounts/login', {
    form: { email: 'famiglia.rossi@example.org', password: 'ancora-demo', next: '' },
    headers: { accept: 'application/json' },
    maxRedirects: 0,
  });
  expect(response.status(), 'login').toBeLessThan(400);
}

async function openFilters(page: Page) {
  const details = page.getByTestId('calendar-filters');
  if ((await details.getAttribute('open')) === null) {
    await details.locator('summary').click();
  }
}

test('a visitor moves from month to month and switches views', async ({ page }, info) => {
  await page.goto('/calendario?vista=mese');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendario degli incontri');
  const grid = page.locator('table#calendar-grid[role="grid"]');
  await expect(grid).toBeVisible();
  await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(grid.locator('th[scope="col"]')).toHaveCount(7);
  const thisMonth = (await heading(page).textContent())!.trim();
  await expect(heading(page)).toHaveAttribute('aria-live', 'polite');
  await page.screenshot({ path: `end2end/test-results/screens/calendario-mese-${info.project.name}.png`, fullPage: true });

  await page.getByTestId('calendar-next').click();
  await expect(heading(page)).not.toHaveText(thisMonth);
  const nextMonth = (await heading(page).textContent())!.trim();
  await page.getByTestId('calendar-next').click();
  await expect(heading(page)).not.toHaveText(nextMonth);
  // Back one month at a time, as a person reads each month before the next tap (a tap while
  // the previous month is still coming in is not what this test is about).
  await page.getByTestId('calendar-prev').click();
  await expect(heading(page)).toHaveText(nextMonth);
  await page.getByTestId('calendar-prev').click();
  await expect(heading(page)).toHaveText(thisMonth);

  await page.getByRole('link', { name: 'Settimana', exact: true }).click();
  await expect(page).toHaveURL(/vista=settimana/);
  await expect(page.getByTestId('time-grid')).toBeVisible();
  await expect(heading(page)).toHaveText(/ – /);
  const week = (await heading(page).textContent())!.trim();
  await page.getByTestId('calendar-next').click();
  await expect(heading(page)).not.toHaveText(week);
  await page.screenshot({ path: `end2end/test-results/screens/calendario-settimana-${info.project.name}.png`, fullPage: true });

  await page.getByRole('link', { name: 'Giorno', exact: true }).click();
  await expect(page).toHaveURL(/vista=giorno/);
  await expect(heading(page)).toHaveText(/\d{4}$/);

  await page.getByRole('link', { name: 'Elenco', exact: true }).click();
  await expect(page).toHaveURL(/vista=elenco/);
  await page.getByTestId('calendar-today').click();
  await expect(page.getByTestId('list-view')).toBeVisible();
  await expect(page.getByTestId('meeting').first()).toBeVisible();

  // The date picker.
  await page.goto('/calendario?vista=mese');
  await page.locator('#calendar-date').fill('2027-01-15');
  await page.getByRole('button', { name: 'Vai', exact: true }).click();
  await expect(heading(page)).toHaveText('Gennaio 2027', { ignoreCase: true });
  await expect(page).toHaveURL(/vista=mese/);
});

test('a visitor filters by area and by seats left, and the filters stay while moving', async ({ page }) => {
  await page.goto('/calendario?vista=elenco');
  const all = await page.getByTestId('meeting').count();
  expect(all).toBeGreaterThan(0);
  await openFilters(page);
  await page.getByLabel('Area', { exact: true }).selectOption('coppie-separazione');
  await page.getByLabel('Solo con posti liberi').check();
  await page.getByRole('button', { name: 'Applica i filtri' }).click();
  await expect(page).toHaveURL(/area=coppie-separazione/);
  await expect(page).toHaveURL(/posti=1/);
  const items = page.getByTestId('meeting');
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(all);
  for (let i = 0; i < count; i++) {
    await expect(items.nth(i)).toHaveClass(/area-coppie/);
    await expect(items.nth(i).getByTestId('seats')).not.toHaveText(/Completo/);
  }
  // Moving on keeps the filters.
  await page.getByTestId('calendar-next').click();
  await expect(page).toHaveURL(/area=coppie-separazione/);
  await openFilters(page);
  await expect(page.getByLabel('Area', { exact: true })).toHaveValue('coppie-separazione');
  await expect(page.getByLabel('Solo con posti liberi')).toBeChecked();
  // A bad address is a calendar, not an error.
  const response = await page.goto('/calendario?vista=boh&data=2026-02-31&figlio=x&area=%3Cscript%3E');
  expect(response!.status()).toBe(200);
  await expect(heading(page)).toBeVisible();
});

test('a family filters for a child, opens a meeting and reaches its booking', async ({ page }, info) => {
  await logInAsFamily(page);
  await page.goto('/calendario?vista=elenco');
  await openFilters(page);
  const sofia = await page.locator('#filtro-figlio option', { hasText: 'Sofia' }).getAttribute('value');
  expect(sofia).toBeTruthy();
  await page.locator('#filtro-figlio').selectOption(sofia!);
  await page.getByRole('button', { name: 'Applica i filtri' }).click();
  await expect(page).toHaveURL(new RegExp(`figlio=${sofia}`));
  const items = page.getByTestId('meeting');
  const count = await items.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await expect(items.nth(i)).not.toContainText('Per adulti');
  }
  await page.screenshot({ path: `end2end/test-results/screens/calendario-figlio-${info.project.name}.png`, fullPage: true });
  // A children's group she may join: its page, then its booking.
  const open = items.filter({ hasText: 'Per bambini e ragazzi' }).filter({ has: page.getByTestId('book-link') }).first();
  await open.getByTestId('calendar-meeting').click();
  await expect(page).toHaveURL(/\/incontri\//);
  await page.getByTestId('meeting-booking').getByTestId('book-link').click();
  await expect(page).toHaveURL(/\/prenota\//);
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('the calendar scrolls inside its box, never the page, and the default view is the list', async ({ page }, info) => {
    for (const path of ['/calendario', '/calendario?vista=mese', '/calendario?vista=settimana', '/calendario?vista=giorno']) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `end2end/test-results/screens/calendario-360-${path.replace(/\W+/g, '-')}-${info.project.name}.png`, fullPage: true });
    }
    await page.goto('/calendario');
    await expect(page.getByTestId('list-view')).toBeVisible();
    await expect(page.locator('#calendar-grid')).toBeHidden();
    // Navigation targets are at least 44 px.
    const next = await page.getByTestId('calendar-next').boundingBox();
    expect(next!.height).toBeGreaterThanOrEqual(44);
    expect(next!.width).toBeGreaterThanOrEqual(44);
  });
});

test('the month grid is used with the keyboard once JavaScript is there', async ({ page }) => {
  await page.goto('/calendario?vista=mese&data=2026-12-15');
  await waitForHydration(page);
  const start = page.locator('#calendar-grid td[tabindex="0"]');
  await expect(start).toHaveAttribute('data-date', /^\d{4}-\d{2}-\d{2}$/);
  await page.locator('#calendar-grid td[data-date="2026-12-02"]').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('data-date', '2026-12-03');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('data-date', '2026-12-10');
  await page.keyboard.press('Home');
  await expect(page.locator(':focus')).toHaveAttribute('data-date', '2026-12-07');
  await expect(page.locator('#calendar-grid [tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press('PageDown');
  await expect(page).toHaveURL(/data=2027-01-07/);
  await page.locator('#calendar-grid td[data-date="2027-01-07"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/vista=giorno&data=2027-01-07/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the links, the date picker and the filters work as plain HTML', async ({ page }) => {
    await page.goto('/calendario?vista=mese&data=2026-12-15');
    await expect(heading(page)).toHaveText('Dicembre 2026', { ignoreCase: true });
    await page.getByTestId('calendar-next').click();
    await expect(heading(page)).toHaveText('Gennaio 2027', { ignoreCase: true });
    await page.getByRole('link', { name: 'Settimana', exact: true }).click();
    await expect(page.getByTestId('time-grid')).toBeVisible();
    await page.locator('#calendar-date').fill('2026-12-01');
    await page.getByRole('button', { name: 'Vai', exact: true }).click();
    await expect(heading(page)).toHaveText('30 novembre – 6 dicembre 2026');
    await page.getByRole('link', { name: 'Elenco', exact: true }).click();
    await page.getByTestId('calendar-today').click();
    await page.locator('summary').filter({ hasText: 'Filtra gli incontri' }).click();
    await page.getByLabel('Area', { exact: true }).selectOption('genitorialita');
    await page.getByRole('button', { name: 'Applica i filtri' }).click();
    await expect(page).toHaveURL(/area=genitorialita/);
    await expect(page).toHaveURL(/vista=elenco/);
    const items = page.getByTestId('meeting');
    expect(await items.count()).toBeGreaterThan(0);
    await expect(items.first()).toHaveClass(/area-genitorialita/);
    await items.first().getByTestId('calendar-meeting').click();
    await expect(page).toHaveURL(/\/incontri\//);
  });
});
