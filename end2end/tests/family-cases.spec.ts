import { test, expect, type Browser } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { logIn, waitForHydration } from './helpers';

// "I miei percorsi" for the two parties of the demo's Spazio Neutro case: the custodial mother
// (Sara Neri) and the visiting father (Stefano Bianchi), each logged in on a phone, see the
// visits at their own times (he arrives 15 minutes before and leaves 15 minutes after) and
// nothing of the other: not the name, the e-mail, the phone nor the times, anywhere in the
// page's HTML (the islands' data included).

const PARTIES = [
  {
    email: 'famiglia.neri@example.org',
    own: 'Arrivo 15:00 · Uscita 16:00',
    other: ['Stefano', 'Bianchi', 'papa.bianchi', '0000 0302', '14:45', '16:15'],
  },
  {
    email: 'papa.bianchi@example.org',
    own: 'Arrivo 14:45 · Uscita 16:15',
    other: ['Sara Neri', 'Giorgia', 'famiglia.neri', '0000 0301', 'Arrivo 15:00', 'Uscita 16:00'],
  },
];

async function phonePage(browser: Browser, email: string) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
    locale: 'it-IT',
  });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

for (const party of PARTIES) {
  test(`the Spazio Neutro party ${party.email} sees only its own times, on a phone`, async ({ browser }, info) => {
    const page = await phonePage(browser, party.email);
    await page.goto('/i-miei-percorsi');
    await waitForHydration(page);
    const cases = page.getByTestId('case');
    await expect(cases).toHaveCount(1);
    await expect(cases.getByRole('heading', { level: 2 })).toHaveText('Spazio Neutro');
    await expect(cases.getByTestId('case-status')).toHaveText('Aperto');
    await expect(cases.getByTestId('case-lead')).toHaveText('Ti segue: Paolo Ferri');
    const times = page.getByTestId('appointment-times');
    await expect(times).toHaveCount(2);
    for (const text of await times.allTextContents()) expect(text.trim()).toBe(party.own);
    await expect(page.getByTestId('appointment-place').first()).toContainText('Stanza colloqui');
    await expect(page.getByTestId('past-appointment')).toHaveCount(1);
    await expect(page.getByTestId('past-appointment')).toContainText('presente');
    const html = await page.content();
    for (const text of party.other) expect(html, `${party.email} must not see ${text}`).not.toContain(text);
    // Nothing runs off a 360 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `end2end/test-results/screens/family-cases-${party.email.split('@')[0]}-${info.project.name}.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // The visit's calendar file has the same times and nothing of the other party.
    const href = await page.locator('a[href$="/appuntamento.ics"]').first().getAttribute('href');
    const ics = await page.request.get(href!);
    expect(ics.status()).toBe(200);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    const body = (await ics.text()).replace(/\r\n /g, '');
    expect(body).toContain('SUMMARY:Spazio Neutro – incontro');
    for (const text of party.other.filter((t) => !/^\d|Arrivo|Uscita/.test(t))) expect(body).not.toContain(text);
    await page.context().close();
  });
}

test('another family finds nothing of the Spazio Neutro case and no calendar file of it', async ({ browser }) => {
  const bianchi = await phonePage(browser, 'papa.bianchi@example.org');
  await bianchi.goto('/i-miei-percorsi');
  const href = await bianchi.locator('a[href$="/appuntamento.ics"]').first().getAttribute('href');
  await bianchi.context().close();

  const rossi = await phonePage(browser, 'famiglia.rossi@example.org');
  await rossi.goto('/i-miei-percorsi');
  // The Rossi may have case paths of their own (the requests' tests open one): never this one.
  await expect(rossi.getByTestId('my-cases')).toBeVisible();
  const html = await rossi.content();
  for (const text of ['Spazio Neutro</h2>', 'Bianchi', 'Neri']) expect(html).not.toContain(text);
  expect((await rossi.request.get(href!)).status()).toBe(404);
  await rossi.context().close();
});

test('the mediation path is linked from the account menu and the household page, at desktop size', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'desktop layout');
  await logIn(page, 'famiglia.haddad@example.org');
  await page.goto('/famiglia');
  await page.getByTestId('my-cases-link').click();
  await expect(page).toHaveURL(/\/i-miei-percorsi$/);
  await expect(page.getByTestId('case').getByRole('heading', { level: 2 })).toHaveText('Percorsi di mediazione familiare');
  await expect(page.getByTestId('appointment-times').first()).toHaveText('Arrivo 10:00 · Uscita 11:00');
  await expect(page.getByTestId('case-lead')).toHaveText('Ti segue: Elena Marino');
  await page.screenshot({ path: 'end2end/test-results/screens/family-cases-haddad-desktop.png', fullPage: true });
  await page.goto('/');
  await expect(page.locator('.account-links a[href="/i-miei-percorsi"]')).toHaveText('I miei percorsi');
});

test('the erasure page of a party of a court-ordered case says its record is kept', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'one run is enough');
  await logIn(page, 'famiglia.neri@example.org');
  await page.goto('/famiglia/elimina-account');
  await expect(page.getByTestId('kept-case')).toContainText('Il percorso Spazio Neutro è disposto dal Tribunale');
  await expect(page.getByTestId('kept-case')).toContainText('il tuo account e gli altri dati saranno cancellati');
});
