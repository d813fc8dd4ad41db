import { test, expect, Page } from '@playwright/test';
import { fillSignUp, linkInMail, NEW_FAMILY_PASSWORD, waitForHydration, yearsAgo } from './helpers';

// The heart of the product, as a family lives it: sign up, add a child, book a children's group,
// find it in "my bookings", cancel it. Run at desktop and phone size (see playwright.config.ts).


test('a new family signs up, adds a child, books a children\'s group, sees it and cancels it', async ({ page }, info) => {
  const email = `famiglia.${info.project.name}.${Date.now()}@example.org`;

  // Sign up: no password yet, it is chosen through the welcome e-mail (which proves the address).
  await page.goto('/registrati');
  await waitForHydration(page);
  await fillSignUp(page, { first: 'Giulia', last: 'Esposito', birth: '1987-05-14', email });
  await page.getByRole('button', { name: "Crea l'account" }).click();
  // Bad input: a clear message next to the field, nothing created.
  await expect(page.locator('#privacy-errore')).toHaveText("Per registrarti devi accettare l'informativa sulla privacy.");
  await page.getByText(/Ho letto l'informativa/).click();
  await expect(page.getByLabel(/Ho letto l'informativa/)).toBeChecked();
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page).toHaveURL(/\/registrati\/controlla-la-posta$/);
  await expect(page.getByTestId('check-mail')).toContainText('48 ore');
  await page.screenshot({ path: `end2end/test-results/screens/controlla-posta-${info.project.name}.png`, fullPage: true });
  // The welcome e-mail's link: choose the password (too short first).
  await page.goto(await linkInMail(email));
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scegli la password');
  await page.getByLabel('Scegli una password').fill('corta');
  await page.getByRole('button', { name: 'Salva la password' }).click();
  await expect(page.locator('#password-errore')).toHaveText('La password deve avere almeno 10 caratteri.');
  await page.getByLabel('Scegli una password').fill(NEW_FAMILY_PASSWORD);
  await page.getByRole('button', { name: 'Salva la password' }).click();
  await expect(page).toHaveURL(/\/famiglia$/);
  await expect(page.getByTestId('account-name')).toHaveText(/Giulia Esposito/);
  await page.screenshot({ path: `end2end/test-results/screens/famiglia-${info.project.name}.png`, fullPage: true });

  // Add a child of eight.
  await expect(page.getByTestId('member')).toHaveCount(1);
  await page.locator('#nuovo-first_name').fill('Matteo');
  await page.locator('#nuovo-last_name').fill('Esposito');
  await page.locator('#nuovo-birth_date').fill(yearsAgo(8));
  await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
  await expect(page.getByTestId('member')).toHaveCount(2);
  await expect(page.getByTestId('member').filter({ hasText: 'Matteo Esposito' })).toContainText('Figlio o figlia');

  // Book a children's group for him.
  await page.goto('/poli/ancora/servizi/gruppi-bambini-adolescenti');
  await waitForHydration(page);
  // A group for his age (6–10): the page lists the older children's group too.
  await page
    .getByTestId('meeting')
    .filter({ hasText: '6–10 anni' })
    .getByTestId('book-link')
    .filter({ hasText: /^Prenota/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/prenota\/incontro\//);
  await waitForHydration(page);
  const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  // The parent is not a child: she cannot be chosen.
  await expect(page.getByLabel(/Giulia Esposito/)).toBeDisabled();
  await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
  await expect(page.locator('#members-errore')).toHaveText('Scegli almeno una persona.');
  await page.locator('label').filter({ hasText: 'Matteo Esposito' }).click();
  await expect(page.getByLabel(/Matteo Esposito/)).toBeChecked();
  await page.screenshot({ path: `end2end/test-results/screens/prenota-${info.project.name}.png`, fullPage: true });
  await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();

  // My bookings: confirmed.
  await expect(page).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);
  await expect(page.getByTestId('booking-notice')).toContainText('Prenotazione confermata');
  const booking = page.getByTestId('booking').filter({ hasText: title });
  await expect(booking).toContainText('Per: Matteo');
  await expect(booking.getByTestId('booking-status')).toHaveText('Confermata');
  await page.screenshot({ path: `end2end/test-results/screens/prenotazioni-${info.project.name}.png`, fullPage: true });
  // Into the phone's calendar: a file per booking, and a private feed of them all.
  const ics = booking.getByRole('link', { name: /Aggiungi al calendario/ });
  await expect(ics).toHaveAttribute('href', /\/calendario\.ics$/);
  const download = await page.request.get((await ics.getAttribute('href'))!);
  expect(download.headers()['content-type']).toContain('text/calendar');
  expect(await download.text()).toContain(`SUMMARY:${title.replace(/([,;])/g, '\\$1')}`);
  // The private feed: made on request, its address shown once.
  await expect(page.getByTestId('feed-none')).toBeVisible();
  await page.getByRole('button', { name: "Crea l'indirizzo del calendario" }).click();
  await expect(page.getByTestId('feed-url')).toHaveValue(/\/calendario\/[A-Za-z0-9_-]{43}\/prenotazioni\.ics$/);
  const feed = new URL(await page.getByTestId('feed-url').inputValue());
  expect((await page.request.get(feed.pathname)).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('feed-url')).toHaveCount(0);
  await expect(page.getByTestId('feed-since')).toBeVisible();

  // Cancel it.
  await booking.getByText('Annulla la prenotazione').click();
  await booking.getByLabel('Motivo (facoltativo)').fill('Febbre');
  await booking.getByRole('button', { name: 'Sì, annulla' }).click();
  await expect(page.getByTestId('booking').filter({ hasText: title }).getByTestId('booking-status')).toHaveText(/Annullata/);

  // Log out.
  // On a phone "Esci" is in the account menu, behind its button.
  const menuButton = page.getByTestId('account-menu-button');
  if (await menuButton.isVisible()) await menuButton.click();
  await page.getByRole('button', { name: 'Esci', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
});

test('a booking page asks a visitor to log in and brings them back', async ({ page }) => {
  await page.goto('/poli/ancora/servizi/gruppi-genitori');
  await page.getByTestId('book-link').first().click();
  await expect(page.getByTestId('login-prompt')).toBeVisible();
  await page.getByTestId('login-prompt').getByRole('link', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/accedi\?torna=(%2F|\/)prenota/);
  await waitForHydration(page);
  await page.getByLabel('E-mail').fill('famiglia.rossi@example.org');
  await page.getByLabel('Password', { exact: true }).fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.locator('#password-errore')).toHaveText('E-mail o password non corretti.');
  await page.getByLabel('Password', { exact: true }).fill('ancora-demo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/prenota\/(incontro|ciclo)\//);
  await expect(page.getByRole('heading', { level: 2, name: 'Chi partecipa?' }).or(page.getByText('Chi partecipa?'))).toBeVisible();
});
