import { test, expect } from '@playwright/test';
import { confirmByMail, fillSignUp, yearsAgo } from './helpers';

// The same family flow with JavaScript off: every form posts to its server function and the
// server answers with the next page (or the same page with the error next to the field).
test.use({ javaScriptEnabled: false });


test('without JavaScript a family signs up, adds a child, books and cancels', async ({ page }, info) => {
  const email = `nojs.${info.project.name}.${Date.now()}@example.org`;
  const ahmed = { first: 'Ahmed', last: 'Benali', birth: '1984-09-30', email };
  await page.goto('/registrati');
  await fillSignUp(page, ahmed);
  // The privacy box left unticked: the server says so, next to it.
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await expect(page.locator('#privacy-errore')).toHaveText("Per registrarti devi accettare l'informativa sulla privacy.");
  await fillSignUp(page, ahmed);
  await page.getByText(/Ho letto l'informativa/).click();
  await page.getByRole('button', { name: "Crea l'account" }).click();
  // The welcome e-mail's link, then the password: logged in on the household page.
  await confirmByMail(page, email);
  await expect(page.getByTestId('account-name')).toHaveText(/Ahmed Benali/);

  await page.locator('#nuovo-first_name').fill('Yasmin');
  await page.locator('#nuovo-last_name').fill('Benali');
  await page.locator('#nuovo-birth_date').fill(yearsAgo(7));
  await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
  await expect(page.getByTestId('member').filter({ hasText: 'Yasmin Benali' })).toBeVisible();

  await page.goto('/poli/ancora/servizi/gruppi-bambini-adolescenti');
  await page.getByTestId('meeting').filter({ hasText: '6–10 anni' }).getByTestId('book-link')
    .filter({ hasText: /^Prenota/ }).first().click();
  await page.locator('label').filter({ hasText: 'Yasmin Benali' }).click();
  await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
  await expect(page).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);
  const booking = page.getByTestId('booking').filter({ hasText: 'Per: Yasmin' });
  await expect(booking.getByTestId('booking-status')).toHaveText('Confermata');

  await booking.getByText('Annulla la prenotazione').click();
  await booking.getByRole('button', { name: 'Sì, annulla' }).click();
  await expect(page.getByTestId('booking').filter({ hasText: 'Per: Yasmin' }).getByTestId('booking-status')).toHaveText(/Annullata/);

  // The calendar feed: made on request, its address shown this once.
  await page.getByRole('button', { name: "Crea l'indirizzo del calendario" }).click();
  await expect(page.getByTestId('feed-url')).toHaveValue(/\/calendario\/[A-Za-z0-9_-]{43}\/prenotazioni\.ics$/);
  await page.goto('/le-mie-prenotazioni');
  await expect(page.getByTestId('feed-url')).toHaveCount(0);
  await expect(page.getByTestId('feed-since')).toBeVisible();

  // "Log out on every device", from the household page: this browser is logged out too.
  await page.goto('/famiglia');
  await page.getByTestId('sessions').getByRole('button', { name: 'Esci da tutti i dispositivi' }).click();
  await expect(page).toHaveURL(/\/accedi\?fatto=ovunque$/);
  await expect(page.getByRole('status')).toContainText('Sei uscito da tutti i dispositivi');
  await page.goto('/famiglia');
  await expect(page.getByTestId('login-prompt')).toBeVisible();
});
