import { test, expect, Page, TestInfo } from '@playwright/test';
import { signUpFamily, waitForHydration, yearsAgo } from './helpers';
import AxeBuilder from '@axe-core/playwright';

// The page frame (header, account menu, footer) and the pages around it: each role's home after
// logging in, no booking buttons for staff, a meeting's own page, the privacy notice and the
// accessibility statement, cancelling a booking and removing a household member.

const PASSWORD = 'ancora-demo';

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Logs in through the form; `js: false` when the test runs without JavaScript (no hydration). */
async function logIn(page: Page, email: string, { next, js = true }: { next?: string; js?: boolean } = {}) {
  await page.goto(next ? `/accedi?torna=${encodeURIComponent(next)}` : '/accedi');
  if (js) await waitForHydration(page);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

/** A fresh family account, logged in (lands on /famiglia). */
async function signUp(page: Page, info: TestInfo, firstName: string, js = true) {
  const email = `frame.${info.project.name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
  await signUpFamily(page, { first: firstName, last: 'Colombo', birth: '1985-03-02', email }, js);
  return email;
}


test.describe('the header on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 760 } });

  test('logged in, it is short and its menu button opens the account links, "Esci" and the languages', async ({ page }, info) => {
    test.skip(info.project.name === 'desktop', 'the phone layout is checked once, in the phone project');
    await logIn(page, 'famiglia.rossi@example.org');
    await expect(page).toHaveURL(/\/le-mie-prenotazioni$/);
    await waitForHydration(page);

    const header = page.locator('header.it-header-wrapper');
    const height = (await header.boundingBox())!.height;
    expect(height, `the header is ${height}px tall`).toBeLessThanOrEqual(100);
    await expectNoHorizontalOverflow(page);

    // Closed: only the menu button, at least 44×44.
    const button = page.getByTestId('account-menu-button');
    await expect(button).toBeVisible();
    const box = (await button.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await expect(page.getByRole('button', { name: 'Esci', exact: true })).toBeHidden();

    // Open: who is logged in, the family's pages, "Esci" and the languages, 44 px tall each.
    await button.click();
    const menu = page.getByRole('navigation', { name: 'Il tuo account' });
    await expect(menu.getByTestId('account-name')).toHaveText(/Rossi/);
    await expect(menu.getByRole('link', { name: 'Le mie prenotazioni' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'La mia famiglia' })).toBeVisible();
    await expect(menu.getByRole('link', { name: 'English' })).toBeVisible();
    const logout = page.getByRole('button', { name: 'Esci', exact: true });
    await expect(logout).toBeVisible();
    for (const target of [logout, menu.getByRole('link', { name: 'La mia famiglia' }), menu.getByRole('link', { name: 'English' })]) {
      const b = (await target.boundingBox())!;
      expect(b.height).toBeGreaterThanOrEqual(44);
      expect(b.width).toBeGreaterThanOrEqual(44);
    }
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: `end2end/test-results/screens/menu-aperto-${info.project.name}.png` });
    await expectNoAxeViolations(page);

    // The button closes it again; a link leads to its page, where the menu is closed.
    await button.click();
    await expect(logout).toBeHidden();
    await button.click();
    await menu.getByRole('link', { name: 'La mia famiglia' }).click();
    await expect(page).toHaveURL(/\/famiglia$/);
    await expect(page.getByRole('button', { name: 'Esci', exact: true })).toBeHidden();

    // "Esci" from the menu.
    await button.click();
    await page.getByRole('button', { name: 'Esci', exact: true }).click();
    await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the menu opens and "Esci" logs out', async ({ page }, info) => {
      test.skip(info.project.name === 'desktop', 'the phone layout is checked once, in the phone project');
      await logIn(page, 'famiglia.haddad@example.org', { js: false });
      await expect(page).toHaveURL(/\/le-mie-prenotazioni$/);
      const height = (await page.locator('header.it-header-wrapper').boundingBox())!.height;
      expect(height).toBeLessThanOrEqual(100);
      await expect(page.getByRole('button', { name: 'Esci', exact: true })).toBeHidden();
      await page.getByTestId('account-menu-button').click();
      await expect(page.getByRole('link', { name: 'La mia famiglia' })).toBeVisible();
      await page.getByRole('button', { name: 'Esci', exact: true }).click();
      await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
    });
  });
});

test('on a desktop the account links stay in view in the slim header', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop', 'desktop layout');
  await logIn(page, 'famiglia.rossi@example.org');
  await expect(page).toHaveURL(/\/le-mie-prenotazioni$/);
  await waitForHydration(page);
  await expect(page.getByTestId('account-menu-button')).toBeHidden();
  await expect(page.getByTestId('account-name')).toBeVisible();
  await expect(page.getByRole('link', { name: 'La mia famiglia' })).toBeVisible();
  const logout = page.getByRole('button', { name: 'Esci', exact: true });
  await expect(logout).toBeVisible();
  const box = (await logout.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await expectNoAxeViolations(page);
  await logout.click();
  await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
});

test('each role lands on its own home after logging in, without a permission error', async ({ page }) => {
  const homes: [string, RegExp, string][] = [
    ['famiglia.rossi@example.org', /\/le-mie-prenotazioni$/, 'Le mie prenotazioni'],
    ['educatore@ancora.example', /\/gestione$/, 'Area del personale'],
    ['coordinatrice@ancora.example', /\/coordinamento\/annullamenti-tardivi$/, 'Annullamenti tardivi'],
    ['admin@ancora.example', /\/admin\/messaggi$/, 'Messaggi alle famiglie'],
  ];
  for (const [email, url, heading] of homes) {
    await page.context().clearCookies();
    await logIn(page, email);
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByText('Non hai i permessi')).toHaveCount(0);
  }
});

test('the staff home tells an operator what can be done', async ({ page }) => {
  await logIn(page, 'educatore@ancora.example');
  await expect(page).toHaveURL(/\/gestione$/);
  await expect(page.getByText(/Ciao Paolo/)).toBeVisible();
  const tasks = page.getByTestId('staff-tasks');
  await expect(tasks.getByRole('link', { name: 'Calendario degli incontri' })).toBeVisible();
  await expect(tasks.getByRole('link', { name: 'Registri di oggi' })).toBeVisible();
  // Operators do not manage staff nor read the outbox.
  await expect(tasks.getByRole('link', { name: 'Personale' })).toHaveCount(0);
  // The case paths they work on.
  await expect(tasks.getByRole('link', { name: 'Percorsi' })).toBeVisible();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /personale/);
  await waitForHydration(page);
  await expectNoAxeViolations(page);
  // A staff account coming back from a family page lands on its own home.
  await page.context().clearCookies();
  await logIn(page, 'mediatrice@ancora.example', { next: '/le-mie-prenotazioni' });
  await expect(page).toHaveURL(/\/gestione$/);
});

test('staff never see booking buttons; visitors do', async ({ page }) => {
  await page.goto('/poli/ancora/servizi/gruppi-genitori');
  await expect(page.getByTestId('meeting').first()).toBeVisible();
  await expect(page.getByTestId('book-link').first()).toBeVisible();

  await logIn(page, 'coordinatrice@ancora.example');
  await expect(page).toHaveURL(/\/coordinamento\/annullamenti-tardivi$/);
  for (const path of ['/', '/poli/ancora/servizi/gruppi-genitori', '/poli/ancora/servizi/gruppi-parola']) {
    await page.goto(path);
    await expect(page.getByTestId('meeting').first()).toBeVisible();
    await expect(page.getByTestId('book-link')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Prenota/ })).toHaveCount(0);
  }
  // Nor on a meeting's own page (the service page lists its meetings by day: a meeting's title
  // is a heading under its day's).
  await page.getByTestId('meeting').first().getByRole('heading', { level: 4 }).getByRole('link').click();
  await expect(page).toHaveURL(/\/incontri\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('meeting-booking')).toBeVisible();
  await expect(page.getByTestId('book-link')).toHaveCount(0);
});

test('the footer leads to the privacy notice and the accessibility statement, in both languages', async ({ page }) => {
  await page.goto('/');
  const footer = page.locator('footer');
  await footer.getByRole('link', { name: 'Informativa privacy' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informativa sul trattamento dei dati personali');
  await expect(page).toHaveTitle(/Informativa sul trattamento dei dati personali/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /dati/);
  const notice = page.getByTestId('privacy-notice');
  await expect(notice).toContainText('Roma Capitale – Municipio VIII');
  await expect(notice).toContainText(/minori/);
  await expect(notice).toContainText(/interesse pubblico/);
  await expect(notice).toContainText(/consenso/);
  for (const right of ['accesso', 'rettifica', 'cancellazione', 'limitazione', 'opposizione', 'portabilità']) {
    await expect(notice.getByText(right, { exact: true }).first()).toBeVisible();
  }
  await expect(notice).toContainText(/Garante per la protezione dei dati personali/);
  await expect(notice).toContainText(/Responsabile della protezione dei dati/);
  // The periods the retention job keeps to (app/src/privacy/domain.rs).
  await expect(notice).toContainText('Tentativi di accesso: 30 giorni');
  await expect(notice).toContainText('mai confermata dall\'e-mail è cancellata dopo 7 giorni');
  await waitForHydration(page);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);

  await page.locator('footer').getByRole('link', { name: 'Dichiarazione di accessibilità' }).click();
  await expect(page).toHaveURL(/\/accessibilita$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dichiarazione di accessibilità');
  const statement = page.getByTestId('accessibility-statement');
  for (const heading of ['Stato di conformità', 'Contenuti non accessibili', 'Feedback e recapiti', 'Procedura di attuazione']) {
    await expect(statement.getByRole('heading', { name: heading })).toBeVisible();
  }
  await expect(statement.getByRole('link', { name: 'form.agid.gov.it' })).toHaveAttribute('href', 'https://form.agid.gov.it');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /accessibilità/);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);

  // In English.
  await page.getByRole('link', { name: 'English' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
  await page.locator('footer').getByRole('link', { name: 'Privacy notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
  await expect(page.getByTestId('privacy-notice')).toContainText(/right|erasure|portability/);
  await page.getByRole('link', { name: 'Italiano' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Informativa sul trattamento dei dati personali');
});

test('the sign-up checkbox links to the privacy notice; login and sign-up have a description', async ({ page }) => {
  await page.goto('/registrati');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /famiglia/);
  // The word "informativa" in the checkbox's label opens the notice (in a new tab, said so).
  const link = page.locator('label').getByRole('link', { name: /^informativa/ });
  await expect(link).toHaveAttribute('href', '/privacy');
  await expect(link).toHaveAttribute('target', '_blank');
  await page.goto('/accedi');
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /prenot/);
});

test('a meeting has its own page, reached from its service: details, its cycle and Prenota', async ({ page }) => {
  // A meeting of a cycle: "Gruppi di parola" meets four times, led by the mediator.
  await page.goto('/poli/ancora/servizi/gruppi-parola');
  const first = page.getByTestId('meeting').first();
  const title = (await first.getByRole('heading', { level: 4 }).textContent())!.trim();
  const place = (await first.locator('.badge.cycle').textContent())!.trim();
  expect(place).toMatch(/^Incontro \d di 4$/);
  await first.getByRole('heading', { level: 4 }).getByRole('link').click();
  await expect(page).toHaveURL(/\/incontri\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page).toHaveTitle(new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Prenota/);
  const facts = page.getByTestId('meeting-facts');
  await expect(facts).toContainText('Quando');
  await expect(facts).toContainText(/\d{2}:\d{2}–\d{2}:\d{2}/);
  await expect(facts).toContainText('ora di Roma');
  await expect(facts).toContainText('Sala Gioco');
  await expect(facts).toContainText(/6–12 anni/);
  // Leaders by first name only.
  await expect(page.getByTestId('meeting-leaders')).toHaveText('Elena');
  await expect(page.getByTestId('cycle-place')).toHaveText(place);
  const cycle = page.getByTestId('cycle-meetings');
  await expect(cycle.getByRole('listitem')).toHaveCount(4);
  await expect(cycle.locator('[aria-current="page"]')).toContainText(place);
  const booking = page.getByTestId('meeting-booking');
  await expect(booking.getByTestId('seats')).toContainText(/Posti liberi|Ultimi posti|lista d'attesa/);
  await expect(booking.getByTestId('book-link')).toHaveAttribute('href', /^\/prenota\/ciclo\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  await expectNoHorizontalOverflow(page);
  await expectNoAxeViolations(page);
  // The cycle's other meetings have their pages too.
  const other = cycle.getByRole('link').last();
  const otherPlace = (await other.textContent())!.match(/Incontro \d di 4/)![0];
  expect(otherPlace).not.toBe(place);
  await other.click();
  await expect(page.getByTestId('cycle-place')).toHaveText(otherPlace);

  // A stand-alone meeting: "Prenota" goes to the booking of that meeting, which asks a visitor
  // to log in.
  await page.goto('/poli/ancora/servizi/gruppi-genitori');
  await page.getByTestId('meeting').first().getByRole('heading', { level: 4 }).getByRole('link').click();
  await expect(page).toHaveURL(/\/incontri\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('meeting-leaders')).toHaveText('Paolo');
  await expect(page.getByTestId('cycle-meetings')).toHaveCount(0);
  const book = page.getByTestId('meeting-booking').getByTestId('book-link');
  await expect(book).toHaveAttribute('href', /^\/prenota\/incontro\/[0-9a-f-]{36}$/);
  await book.click();
  await expect(page.getByTestId('login-prompt')).toBeVisible();
});

test('an unknown meeting answers 404', async ({ page }) => {
  for (const id of ['00000000-0000-4000-8000-000000000000', 'non-esiste']) {
    const response = await page.goto(`/incontri/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
  }
});

test('a cancelled booking leaves "Prossime" and the page says it was cancelled', async ({ page }, info) => {
  await signUp(page, info, 'Chiara');
  await page.goto('/poli/ancora/servizi/gruppi-genitori');
  await waitForHydration(page);
  await page.getByTestId('book-link').filter({ hasText: /^Prenota/ }).first().click();
  await expect(page).toHaveURL(/\/prenota\/incontro\//);
  await waitForHydration(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await page.locator('label').filter({ hasText: 'Chiara Colombo' }).click();
  await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
  await expect(page).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);

  const upcoming = page.locator('section[aria-labelledby="prossime"]');
  const booking = upcoming.getByTestId('booking').filter({ hasText: title });
  await expect(booking.getByTestId('booking-status')).toHaveText('Confermata');
  await booking.getByText('Annulla la prenotazione').click();
  await booking.getByRole('button', { name: 'Sì, annulla' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Prenotazione annullata' })).toContainText(title);
  await expect(upcoming.getByTestId('booking').filter({ hasText: title })).toHaveCount(0);
  const past = page.locator('section[aria-labelledby="passate"]');
  await expect(past.getByRole('heading', { level: 2 })).toHaveText('Passate e annullate');
  await expect(past.getByTestId('booking').filter({ hasText: title }).getByTestId('booking-status')).toHaveText('Annullata');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('cancelling a booking shows the confirmation and moves it out of "Prossime"', async ({ page }, info) => {
    await signUp(page, info, 'Bruno', false);
    await page.goto('/poli/ancora/servizi/gruppi-genitori');
    await page.getByTestId('book-link').filter({ hasText: /^Prenota/ }).first().click();
    const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    await page.locator('label').filter({ hasText: 'Bruno Colombo' }).click();
    await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
    await expect(page).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);
    const upcoming = page.locator('section[aria-labelledby="prossime"]');
    const booking = upcoming.getByTestId('booking').filter({ hasText: title });
    await booking.getByText('Annulla la prenotazione').click();
    await booking.getByRole('button', { name: 'Sì, annulla' }).click();
    await expect(page).toHaveURL(/\/le-mie-prenotazioni\?annullata=/);
    await expect(page.getByTestId('cancel-notice')).toContainText(title);
    await expect(page.getByTestId('cancel-notice')).toHaveAttribute('role', 'status');
    await expect(upcoming.getByTestId('booking').filter({ hasText: title })).toHaveCount(0);
  });

  test('removing a household member asks first', async ({ page }, info) => {
    await signUp(page, info, 'Dario', false);
    await page.locator('#nuovo-first_name').fill('Luca');
    await page.locator('#nuovo-last_name').fill('Colombo');
    await page.locator('#nuovo-birth_date').fill(yearsAgo(4));
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    const luca = page.getByTestId('member').filter({ hasText: 'Luca Colombo' });
    await expect(luca).toBeVisible();
    await luca.getByText('Modifica').click();
    await luca.getByText('Rimuovi Luca Colombo').click();
    await expect(luca.getByText('Rimuovere Luca Colombo dal nucleo familiare?')).toBeVisible();
    // "Annulla" keeps him.
    await luca.getByRole('link', { name: 'Annulla' }).click();
    await expect(page.getByTestId('member').filter({ hasText: 'Luca Colombo' })).toHaveCount(1);
    await expect(page.getByText('Rimuovere Luca Colombo dal nucleo familiare?')).toBeHidden();
    // "Sì, rimuovi" removes him.
    const again = page.getByTestId('member').filter({ hasText: 'Luca Colombo' });
    await again.getByText('Modifica').click();
    await again.getByText('Rimuovi Luca Colombo').click();
    await again.getByRole('button', { name: 'Sì, rimuovi' }).click();
    await expect(page.getByTestId('member').filter({ hasText: 'Luca Colombo' })).toHaveCount(0);
  });
});

test('removing a household member asks first, and "Annulla" closes the question', async ({ page }, info) => {
  await signUp(page, info, 'Elisa');
  await waitForHydration(page);
  await page.locator('#nuovo-first_name').fill('Luca');
  await page.locator('#nuovo-last_name').fill('Colombo');
  await page.locator('#nuovo-birth_date').fill(yearsAgo(4));
  await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
  const luca = page.getByTestId('member').filter({ hasText: 'Luca Colombo' });
  await expect(luca).toBeVisible();
  await luca.getByText('Modifica').click();
  const remove = luca.getByText('Rimuovi Luca Colombo');
  await remove.click();
  const question = luca.getByText('Rimuovere Luca Colombo dal nucleo familiare?');
  await expect(question).toBeVisible();
  await expectNoAxeViolations(page);
  await luca.getByRole('link', { name: 'Annulla' }).click();
  await expect(question).toBeHidden();
  await expect(page).toHaveURL(/\/famiglia(#membri)?$/);
  // The page comes back with every form closed: nothing was removed.
  await expect(luca).toBeVisible();
  await luca.getByText('Modifica').click();
  await remove.click();
  await luca.getByRole('button', { name: 'Sì, rimuovi' }).click();
  await expect(page.getByTestId('member').filter({ hasText: 'Luca Colombo' })).toHaveCount(0);
  await expect(page.getByTestId('member')).toHaveCount(1);
});
