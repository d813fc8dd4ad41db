import { test, expect, Page, Browser } from '@playwright/test';
import { logIn, waitForHydration } from './helpers';

// Requests and triage: the Rossi family asks for family mediation from the service page; the
// coordinator finds it in "Richieste", gives it to the mediator and accepts it (a case path
// opens); the family reads "Accolta" on "Le mie richieste". Without JavaScript the family's form
// shows its errors next to the fields and then sends; the coordinator declines with a reason and
// the family reads it. Each test leaves no open request behind, so the phone project can run
// them again on the same server.

const FAMILY = 'famiglia.rossi@example.org';
const COORDINATOR = 'coordinatrice@ancora.example';
const SERVICE_PAGE = '/poli/ancora/servizi/mediazione-familiare';

async function noSideScroll(page: Page) {
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(widths[0], 'no horizontal scroll').toBeLessThanOrEqual(widths[1]);
}

async function asCoordinator(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled, locale: 'it-IT' });
  const page = await context.newPage();
  await logIn(page, COORDINATOR);
  return { context, page };
}

test('a family asks for mediation, the coordinator assigns and accepts it, the family sees it accepted', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const message = `Vorremmo separarci senza litigare (${Date.now()}).`;
  // Logged out, the service page's button leads to logging in and back.
  await page.goto(SERVICE_PAGE);
  await page.getByTestId('ask-service').click();
  await expect(page.getByTestId('login-prompt')).toBeVisible();
  const login = await page.getByTestId('login-prompt').getByRole('link', { name: 'Accedi' }).getAttribute('href');
  expect(decodeURIComponent(login!)).toContain('torna=/richieste/nuova?servizio=mediazione-familiare');

  await logIn(page, FAMILY);
  await page.goto(SERVICE_PAGE);
  await page.getByTestId('ask-service').click();
  await expect(page).toHaveURL(/\/richieste\/nuova\?servizio=mediazione-familiare&polo=ancora$/);
  await waitForHydration(page);
  await noSideScroll(page);
  // Nothing ticked: every problem at once, next to its field.
  await page.getByLabel('Per telefono').check();
  await page.getByLabel('Telefono', { exact: true }).fill('');
  await page.getByTestId('send-request').click();
  await expect(page.getByTestId('error-summary')).toContainText('Scegliete almeno una persona');
  await expect(page.getByTestId('error-summary')).toContainText('Scrivete un numero di telefono');

  await page.getByLabel(/^Marco Rossi/).check();
  await page.getByLabel(/^Laura Bianchi/).check();
  await page.getByLabel('Messaggio').fill(message);
  await page.getByLabel('martedì').check();
  await page.getByLabel('sera').check();
  await page.getByLabel('Telefono', { exact: true }).fill('+39 333 000 1234');
  await page.getByTestId('send-request').click();
  await expect(page).toHaveURL(/\/le-mie-richieste\?fatto=inviata$/);
  await expect(page.getByTestId('notice')).toContainText('Richiesta inviata');
  const mine = page.getByTestId('my-request').first();
  await expect(mine).toContainText('Percorsi di mediazione familiare');
  await expect(mine.getByTestId('request-status')).toHaveText('Ricevuta');
  // A second request for the same service waits for the first.
  await page.goto('/richieste/nuova?servizio=mediazione-familiare&polo=ancora');
  await expect(page.getByTestId('already-open')).toBeVisible();

  // The coordinator: the staff home counts it, the triage lists it.
  const coordinator = await asCoordinator(browser, true);
  const staff = coordinator.page;
  await staff.goto('/gestione');
  await expect(staff.getByTestId('requests-new-count')).toContainText(/Nuove: [1-9]/);
  await staff.getByTestId('requests-task').getByRole('link', { name: 'Richieste' }).click();
  await expect(staff).toHaveURL(/\/coordinamento\/richieste$/);
  const row = staff.getByTestId('triage-nuove').getByTestId('triage-row').filter({ hasText: 'Percorsi di mediazione familiare' }).last();
  await row.getByRole('link').click();
  await expect(staff.getByRole('heading', { level: 1 })).toContainText('Percorsi di mediazione familiare');
  await expect(staff.getByText(message)).toBeVisible();
  await expect(staff.getByTestId('request-members')).toContainText('Marco Rossi');
  await expect(staff.getByTestId('request-members')).toContainText('Laura Bianchi');
  await waitForHydration(staff);
  // Accepting before anyone leads it is refused, next to the decision.
  await staff.getByTestId('accept').click();
  await expect(staff.getByTestId('accept-error')).toContainText('Prima affidate la richiesta');
  await staff.getByLabel('Operatore', { exact: true }).selectOption({ label: 'Elena Marino' });
  await staff.getByTestId('assign').click();
  await expect(staff.getByTestId('notice')).toContainText('Richiesta affidata');
  await expect(staff.getByTestId('request-status')).toHaveText('In esame');
  await expect(staff.getByTestId('request-assigned')).toHaveText('Elena Marino');
  const requestUrl = staff.url();
  await staff.getByTestId('accept').click();
  // The case's page (built with the case paths).
  await expect(staff).toHaveURL(/\/gestione\/percorsi\/[0-9a-f-]{36}$/);
  await staff.goto(requestUrl);
  await expect(staff.getByTestId('request-status')).toHaveText('Accolta');
  await expect(staff.getByRole('link', { name: /^MED-\d{4}-\d{4}$/ })).toBeVisible();
  await coordinator.context.close();

  await page.goto('/le-mie-richieste');
  const accepted = page.getByTestId('my-request').first();
  await expect(accepted.getByTestId('request-status')).toHaveText('Accolta');
  await expect(accepted.getByRole('link', { name: 'Vai a «I miei percorsi»' })).toHaveAttribute('href', '/i-miei-percorsi');
  // In the account menu (a drop-down on a phone, in view on a desktop).
  // (A closed drop-down's links are hidden from roles: look for the link itself.)
  await expect(page.locator('.account-links a', { hasText: 'Le mie richieste' })).toHaveAttribute('href', '/le-mie-richieste');
});

test('Spazio Neutro cannot be asked for: the page says how it is reached', async ({ page }) => {
  await logIn(page, FAMILY);
  await page.goto('/poli/ancora/servizi/spazio-neutro');
  await expect(page.getByTestId('ask-service')).toHaveCount(0);
  await page.goto('/richieste/nuova?servizio=spazio-neutro');
  await expect(page.getByTestId('referral-only')).toContainText('servizio sociale');
  await expect(page.getByTestId('send-request')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the family form shows its errors, then sends; a decline reaches the family with its reason', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const reason = `Il servizio è al completo fino a marzo (${Date.now()}).`;
    await logIn(page, FAMILY);
    await page.goto('/richieste/nuova?servizio=tutoraggio-domiciliare&polo=ancora');
    await page.getByLabel('Messaggio').fill('Aiuto con i compiti di Sofia.');
    await page.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/richieste\/nuova\?servizio=tutoraggio-domiciliare&polo=ancora$/);
    await expect(page.getByTestId('error-summary')).toContainText('Scegliete almeno una persona');
    // What was typed is still there.
    await expect(page.getByLabel('Messaggio')).toHaveValue('Aiuto con i compiti di Sofia.');
    await page.getByLabel(/^Sofia Rossi/).check();
    await page.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/le-mie-richieste\?fatto=inviata$/);
    await expect(page.getByTestId('my-request').first()).toContainText('Tutoraggio educativo domiciliare');
    await expect(page.getByTestId('my-request').first().getByTestId('request-status')).toHaveText('Ricevuta');

    const coordinator = await asCoordinator(browser, false);
    const staff = coordinator.page;
    await staff.goto('/coordinamento/richieste');
    await staff.getByTestId('triage-nuove').getByTestId('triage-row').filter({ hasText: 'Tutoraggio educativo domiciliare' }).last().getByRole('link').click();
    // A decline without a reason comes back with the message next to the field.
    await staff.getByTestId('decline').click();
    await expect(staff.getByText('Scrivete il motivo: la famiglia lo riceve.').first()).toBeVisible();
    await staff.getByLabel('Motivo').fill(reason);
    await staff.getByTestId('decline').click();
    await expect(staff.getByTestId('notice')).toContainText('Richiesta non accolta');
    await expect(staff.getByTestId('request-status')).toHaveText('Non accolta');
    await coordinator.context.close();

    await page.goto('/le-mie-richieste');
    const declined = page.getByTestId('my-request').first();
    await expect(declined.getByTestId('request-status')).toHaveText('Non accolta');
    await expect(declined).toContainText(reason);
  });
});
