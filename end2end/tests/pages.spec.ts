import { test, expect, Page } from '@playwright/test';
import { waitForHydration } from './helpers';
import AxeBuilder from '@axe-core/playwright';

// The ten services of the seed, as families see them in Italian.
const SERVICES_IT = [
  'Gruppi con i genitori',
  'Tutoraggio educativo domiciliare',
  'Gruppi di bambini e/o adolescenti',
  'Percorsi di mediazione familiare',
  'Spazio Neutro',
  'Gruppi di parola per bambini di genitori separati',
  'Gruppi di genitori separati',
  'Percorsi di solidarietà familiare',
  'Attività culturali e di aggregazione tra famiglie',
  'Affido familiare informale',
];

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('the home page presents the polo, its three areas, the ten services and upcoming meetings', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Àncora/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Àncora');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /famiglie/);
  for (const area of ['Sostegno alla genitorialità', 'Coppie conflittuali e/o in separazione', 'Solidarietà familiare e affido']) {
    await expect(page.getByRole('heading', { name: area })).toBeVisible();
  }
  for (const name of SERVICES_IT) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  const meetings = page.getByTestId('meeting');
  await expect(meetings.first()).toBeVisible();
  expect(await meetings.count()).toBeGreaterThanOrEqual(6);
  // Every meeting says how many seats are left.
  await expect(meetings.first().getByTestId('seats')).toContainText(/post|pieno/i);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
});

test('a service page describes the service and lists its next meetings', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Gruppi di bambini e/o adolescenti', exact: true }).click();
  await expect(page).toHaveURL(/\/poli\/ancora\/servizi\/gruppi-bambini-adolescenti$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gruppi di bambini e/o adolescenti');
  await expect(page).toHaveTitle(/Gruppi di bambini e\/o adolescenti/);
  await expect(page.getByText('Prenotabile online').first()).toBeVisible();
  const meetings = page.getByTestId('meeting');
  await expect(meetings.first()).toBeVisible();
  // Only this service's meetings, with their age band.
  await expect(meetings.first()).toContainText(/anni/);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
});

test('a service that is not booked online says how to reach it', async ({ page }) => {
  await page.goto('/poli/ancora/servizi/spazio-neutro');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spazio Neutro');
  await expect(page.getByText(/servizi sociali o dall.autorità giudiziaria/).first()).toBeVisible();
  await expect(page.getByTestId('meeting')).toHaveCount(0);
});

test('an unknown service answers 404 with a page that leads back home', async ({ page }) => {
  const response = await page.goto('/poli/ancora/servizi/non-esiste');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('link', { name: /home|inizio|pagina iniziale/i }).first()).toBeVisible();
});

test('the language can be switched to English and back, and the choice is remembered', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Support for parents' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Parent groups', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Support for parents' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Italiano' }).click();
  await expect(page.getByRole('heading', { name: 'Sostegno alla genitorialità' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the pages render and the language switch still works', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Àncora');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Support for parents' })).toBeVisible();
    await page.getByRole('link', { name: 'Parent groups', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Parent groups');
  });
});

test.describe('a browser that asks for English', () => {
  test.use({ locale: 'en-GB' });

  test('gets the pages in English from its Accept-Language', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Support for parents' })).toBeVisible();
  });
});
