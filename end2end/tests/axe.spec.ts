import { test, expect, Page } from '@playwright/test';
import { waitForHydration } from './helpers';
import AxeBuilder from '@axe-core/playwright';

// axe-core (WCAG 2.1 A and AA) on every page, for every role, at desktop and phone size (the two
// projects of playwright.config.ts), once hydrated. Each page is also photographed under
// end2end/test-results/screens/axe/ for a person to look at. Every page added to the app joins
// the list of the roles that can open it.

const PASSWORD = 'ancora-demo';
const ACCOUNTS = {
  family: 'famiglia.rossi@example.org',
  operator: 'educatore@ancora.example',
  coordinator: 'coordinatrice@ancora.example',
  admin: 'admin@ancora.example',
} as const;
type Role = 'visitor' | keyof typeof ACCOUNTS;

async function logIn(page: Page, role: Role) {
  if (role === 'visitor') return;
  const response = await page.request.post('/api/accounts/login', {
    form: { email: ACCOUNTS[role], password: PASSWORD, next: '' },
    headers: { accept: 'application/json' },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${role}`).toBeLessThan(400);
}

async function expectAccessible(page: Page, name: string, project: string) {
  await waitForHydration(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  await page.screenshot({ path: `end2end/test-results/screens/axe/${name}-${project}.png`, fullPage: true });
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
    `axe on ${page.url()}`,
  ).toEqual([]);
}

// A service page with meetings that can be booked online, and one of its meetings.
async function bookableLinks(page: Page) {
  await page.goto('/poli/ancora/servizi/gruppi-bambini-adolescenti');
  const meeting = await page.locator('a[href^="/incontri/"]').first().getAttribute('href');
  const booking = await page.locator('a[href^="/prenota/"]').first().getAttribute('href');
  return { meeting, booking };
}

const PUBLIC_PAGES = [
  '/',
  '/poli/ancora',
  '/poli/ancora/servizi/gruppi-bambini-adolescenti',
  '/poli/ancora/servizi/spazio-neutro',
  '/accedi',
  '/registrati',
  '/registrati/controlla-la-posta',
  '/password-dimenticata',
  '/reimposta-password?token=non-valido',
  '/privacy',
  '/accessibilita',
  '/account-eliminato',
  '/pagina-che-non-esiste',
];

// The public calendar in each of its views, and filtered.
const CALENDAR_PAGES = [
  '/calendario',
  '/calendario?vista=mese',
  '/calendario?vista=settimana',
  '/calendario?vista=giorno',
  '/calendario?vista=elenco&area=genitorialita&posti=1',
];

// The staff planning pages; "Sposta…", "Modifica" and "Annulla" of a real meeting are added by
// staffMeetingLinks.
const PLANNING_PAGES = ['/gestione/calendario/nuovo', '/gestione/agenda', '/gestione/registri'];

// "Sposta…", "Modifica" and "Annulla" of a meeting staff may change: one linked from a service page (every
// demo staff member works in the polo).
async function staffMeetingLinks(page: Page) {
  await page.goto('/poli/ancora/servizi/gruppi-bambini-adolescenti');
  const meeting = await page.locator('a[href^="/incontri/"]').first().getAttribute('href');
  if (!meeting) return [];
  const id = meeting.replace('/incontri/', '');
  return [
    ...['sposta', 'modifica', 'annulla'].map((action) => `/gestione/calendario${meeting}/${action}`),
    // Its register (read-only until half an hour before it starts) and the register's print view.
    `/gestione/registro/${id}`,
    `/gestione/registro/${id}/stampa`,
  ];
}

/** A case path the staff member reaches (the first of their list), its notes and its first
 * appointment. */
async function staffCaseLinks(page: Page) {
  await page.goto('/gestione/percorsi');
  const href = await page.locator('a.case-item-link').first().getAttribute('href');
  if (!href) return [];
  await page.goto(href);
  const appointment = await page.locator('a.appointment-when').first().getAttribute('href');
  return [href, `${href}/note`, ...(appointment ? [appointment] : [])];
}

/** The page of a request in the triage, when there is one (the demo data may have none). */
async function requestLinks(page: Page) {
  await page.goto('/coordinamento/richieste');
  const links = await page.locator('a[href^="/coordinamento/richieste/"]').evaluateAll((as) =>
    as.map((a) => a.getAttribute('href')).filter((href) => href && !href.endsWith('/segnalazione')),
  );
  return links.slice(0, 1) as string[];
}

const PAGES_BY_ROLE: Record<Role, string[]> = {
  visitor: [...PUBLIC_PAGES, '/le-mie-prenotazioni', '/i-miei-percorsi', '/famiglia', ...CALENDAR_PAGES],
  family: ['/', '/le-mie-prenotazioni', '/i-miei-percorsi', '/le-mie-richieste', '/richieste/nuova?servizio=mediazione-familiare&polo=ancora', '/richieste/nuova?servizio=spazio-neutro', '/famiglia', '/famiglia/i-miei-dati', '/famiglia/elimina-account', '/famiglia/elimina-account?consenso=ritirato', '/calendario?vista=elenco', '/gestione/agenda'],
  operator: ['/', '/gestione', '/le-mie-prenotazioni', '/gestione/sale', '/gestione/chiusure', ...PLANNING_PAGES],
  coordinator: ['/', '/famiglia/i-miei-dati', '/coordinamento/richieste', '/coordinamento/richieste/segnalazione', '/coordinamento/annullamenti-tardivi', '/coordinamento/da-richiamare', '/coordinamento/registro-accessi', '/coordinamento/registro-accessi?azione=meeting.move', '/coordinamento/report', '/coordinamento/report?dal=non-una-data&al=2026-01-01', '/admin/personale', '/gestione/sale', '/gestione/chiusure', ...PLANNING_PAGES],
  admin: ['/', '/admin/messaggi', '/admin/personale', '/coordinamento/richieste', '/coordinamento/richieste/segnalazione', '/coordinamento/annullamenti-tardivi', '/coordinamento/da-richiamare', '/coordinamento/registro-accessi', '/coordinamento/report', '/coordinamento/report?polo=ancora', '/gestione/sale', '/gestione/chiusure', ...PLANNING_PAGES],
};

const slug = (path: string) => path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

for (const role of Object.keys(PAGES_BY_ROLE) as Role[]) {
  test(`axe: every page a ${role} can open has no violations`, async ({ page }, info) => {
    test.setTimeout(120_000);
    await logIn(page, role);
    const pages = [...PAGES_BY_ROLE[role]];
    if (role === 'visitor' || role === 'family') {
      const { meeting, booking } = await bookableLinks(page);
      if (meeting) pages.push(meeting);
      if (booking) pages.push(booking);
    }
    if (role === 'operator' || role === 'coordinator' || role === 'admin') {
      pages.push(...(await staffMeetingLinks(page)));
      pages.push('/gestione/percorsi', ...(await staffCaseLinks(page)));
    }
    if (role === 'coordinator' || role === 'admin') {
      pages.push(...(await requestLinks(page)));
    }
    for (const path of pages) {
      await page.goto(path);
      await expectAccessible(page, `${role}-${slug(path)}`, info.project.name);
    }
  });
}

test('axe: forms showing their errors have no violations', async ({ page }, info) => {
  await page.goto('/registrati');
  await waitForHydration(page);
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page.locator('.field-error').filter({ hasText: /\S/ }).first()).toBeVisible();
  await expectAccessible(page, 'visitor-registrati-errori', info.project.name);

  await page.goto('/accedi');
  await waitForHydration(page);
  await page.getByLabel('E-mail').fill('nessuno@example.org');
  await page.getByLabel('Password', { exact: true }).fill('sbagliata-di-sicuro');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /\S/ }).first()).toBeVisible();
  await expectAccessible(page, 'visitor-accedi-errore', info.project.name);
});
