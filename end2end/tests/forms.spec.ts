import { test, expect, Page } from '@playwright/test';
import { acceptPrivacy, confirmByMail, signUpFamily, waitForHydration, yearsAgo } from './helpers';

// The form kit as a new family meets it: every problem at once in a summary at the top of the
// form (which takes the focus), each field's own message, a confirmation after a success, no
// double additions, errors only under the form that was sent, names in every script; and the
// same without JavaScript, at a clean address with what was typed still there.


function uniqueEmail(prefix: string, project: string): string {
  return `${prefix}.${project}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
}

/** Ticks the privacy box as a person does: on the design system's drawn box, at the start of
 * its label (the label's middle holds the link to the notice). */
/** Signs a new family up and confirms it by e-mail (works with and without JavaScript): lands
 * on /famiglia, logged in. */
async function signUp(page: Page, first: string, last: string, email: string) {
  await signUpFamily(page, { first, last, birth: '1985-02-20', email });
}

/** The edit form of the member named `name` on /famiglia, opened. */
async function openEdit(page: Page, name: string) {
  const member = page.getByTestId('member').filter({ hasText: name });
  await member.locator('summary', { hasText: 'Modifica' }).click();
  return member;
}

test.describe('with JavaScript', () => {
  test('an empty sign-up form lists every problem at once, at the top, with the focus on it', async ({ page }) => {
    await page.goto('/registrati');
    await waitForHydration(page);
    await page.getByRole('button', { name: "Crea l'account" }).click();

    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toHaveAttribute('role', 'alert');
    await expect(summary).toHaveAttribute('tabindex', '-1');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('heading')).toHaveText('Ci sono 5 errori da correggere');
    const links = summary.getByRole('link');
    await expect(links).toHaveText([
      'Nome: Campo obbligatorio.',
      'Cognome: Campo obbligatorio.',
      'Data di nascita: Campo obbligatorio.',
      'E-mail: Scrivi il tuo indirizzo e-mail.',
      "Privacy: Per registrarti devi accettare l'informativa sulla privacy.",
    ]);
    await expect(links.nth(0)).toHaveAttribute('href', '#first_name');
    await expect(links.nth(4)).toHaveAttribute('href', '#privacy');

    // Each field keeps its own message below it, tied to it for screen readers.
    await expect(page.locator('#first_name-errore')).toHaveText('Campo obbligatorio.');
    await expect(page.locator('#last_name-errore')).toHaveText('Campo obbligatorio.');
    await expect(page.locator('#birth_date-errore')).toHaveText('Campo obbligatorio.');
    await expect(page.locator('#email-errore')).toHaveText('Scrivi il tuo indirizzo e-mail.');
    await expect(page.locator('#privacy-errore')).toHaveText("Per registrarti devi accettare l'informativa sulla privacy.");
    await expect(page.locator('#first_name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#first_name')).toHaveAttribute('aria-describedby', 'first_name-errore');
    await expect(page.locator('#privacy')).toHaveAttribute('aria-invalid', 'true');

    // A link of the summary takes the family to its field.
    await links.filter({ hasText: 'E-mail:' }).click();
    await expect(page.locator('#email')).toBeFocused();

    // Half fixed: only what is still wrong is listed, and the summary takes the focus again.
    await page.getByLabel('Nome', { exact: true }).fill('Giulia');
    await page.getByLabel('Cognome').fill('Esposito');
    await page.getByLabel('E-mail').fill('giulia@');
    await page.getByRole('button', { name: "Crea l'account" }).click();
    await expect(summary.getByRole('heading')).toHaveText('Ci sono 3 errori da correggere');
    await expect(summary).toBeFocused();
    await expect(page.locator('#first_name-errore')).toBeEmpty();
    await expect(page.locator('#first_name')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#email-errore')).toHaveText(/non è valido/);
    // What was typed stays.
    await expect(page.getByLabel('Nome', { exact: true })).toHaveValue('Giulia');
  });

  test('a single problem says so in the singular', async ({ page }) => {
    await page.goto('/accedi');
    await waitForHydration(page);
    await page.getByLabel('E-mail').fill('famiglia.rossi@example.org');
    await page.getByRole('button', { name: 'Accedi' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary.getByRole('heading')).toHaveText("C'è un errore da correggere");
    await expect(summary.getByRole('link')).toHaveText(['Password: Scrivi la password.']);
    await expect(page.locator('#email-errore')).toBeEmpty();
  });

  test('names in every script are welcome; digits and emoji are not', async ({ page }, info) => {
    await page.goto('/registrati');
    await waitForHydration(page);
    await page.getByLabel('Nome', { exact: true }).fill('Bob1');
    await page.getByLabel('Cognome').fill('Rossi 😀');
    await page.getByLabel('Data di nascita').fill('1985-02-20');
    const email = uniqueEmail('nomi', info.project.name);
    await page.getByLabel('E-mail').fill(email);
    await acceptPrivacy(page);
    await page.getByRole('button', { name: "Crea l'account" }).click();
    const allowed = "Usa solo lettere (di qualsiasi alfabeto), spazi, apostrofi ('), trattini (-) e punti. Niente numeri, simboli o emoji.";
    await expect(page.locator('#first_name-errore')).toHaveText(allowed);
    await expect(page.locator('#last_name-errore')).toHaveText(allowed);
    await expect(page.getByTestId('error-summary').getByRole('link')).toHaveCount(2);

    await page.getByLabel('Nome', { exact: true }).fill('Zoë Anne-Marie');
    await page.getByLabel('Cognome').fill("D'Amico");
    await page.getByRole('button', { name: "Crea l'account" }).click();
    await confirmByMail(page, email);
    await expect(page.getByTestId('account-name')).toHaveText(/Zoë Anne-Marie D'Amico/);

    // Children with names in Arabic, Chinese and Bengali.
    await waitForHydration(page);
    for (const [first, last] of [['محمد', 'حداد'], ['王芳', '王'], ['রহিম', 'উদ্দিন']]) {
      await page.locator('#nuovo-first_name').fill(first);
      await page.locator('#nuovo-last_name').fill(last);
      await page.locator('#nuovo-birth_date').fill(yearsAgo(6));
      await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
      await expect(page.getByTestId('member').filter({ hasText: `${first} ${last}` })).toHaveCount(1);
    }
  });

  test('adding a child confirms it, empties the form and never adds the same child twice', async ({ page }, info) => {
    await signUp(page, 'Giulia', 'Esposito', uniqueEmail('aggiungi', info.project.name));
    await waitForHydration(page);
    const birth = yearsAgo(8);
    const add = page.getByRole('button', { name: 'Aggiungi', exact: true });

    await page.locator('#nuovo-first_name').fill('Sofia');
    await page.locator('#nuovo-last_name').fill('Esposito');
    await page.locator('#nuovo-birth_date').fill(birth);
    await add.click();
    const notice = page.locator('section[aria-labelledby="aggiungi"]').getByTestId('notice');
    await expect(notice).toHaveText(/^Sofia è ora nel tuo nucleo familiare\./);
    await expect(page.locator('section[aria-labelledby="aggiungi"] [role="status"]')).toContainText('Sofia');
    await expect(page.getByTestId('member').filter({ hasText: 'Sofia Esposito' })).toHaveCount(1);
    // The form is empty again, ready for the next child.
    await expect(page.locator('#nuovo-first_name')).toHaveValue('');
    await expect(page.locator('#nuovo-last_name')).toHaveValue('');
    await expect(page.locator('#nuovo-birth_date')).toHaveValue('');
    await expect(add).toBeEnabled();

    // The same child typed again (in other letter case) is refused, next to the name.
    await page.locator('#nuovo-first_name').fill('sofia');
    await page.locator('#nuovo-last_name').fill('ESPOSITO');
    await page.locator('#nuovo-birth_date').fill(birth);
    await add.click();
    await expect(page.locator('#nuovo-first_name-errore')).toHaveText(
      'Questa persona è già nel tuo nucleo familiare (stesso nome, cognome e data di nascita).',
    );
    await expect(page.getByTestId('error-summary')).toBeFocused();
    await expect(notice).toHaveCount(0);
    await expect(page.getByTestId('member')).toHaveCount(2);
    // What was typed stays, to be corrected.
    await expect(page.locator('#nuovo-first_name')).toHaveValue('sofia');

    // A double tap on "Aggiungi": one child, however many taps reach the server (the server
    // refuses the same child twice).
    await page.locator('#nuovo-first_name').fill('Luca');
    await page.locator('#nuovo-last_name').fill('Esposito');
    await page.locator('#nuovo-birth_date').fill(yearsAgo(4));
    await add.dblclick();
    await expect(page.getByTestId('member').filter({ hasText: 'Luca Esposito' })).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('member').filter({ hasText: 'Luca Esposito' })).toHaveCount(1);
    await expect(page.getByTestId('member')).toHaveCount(3);
  });

  test('an error in one member\'s form shows under that form only', async ({ page }, info) => {
    await signUp(page, 'Marta', 'Bianchi', uniqueEmail('modifica', info.project.name));
    await waitForHydration(page);
    await page.locator('#nuovo-first_name').fill('Pietro');
    await page.locator('#nuovo-last_name').fill('Bianchi');
    await page.locator('#nuovo-birth_date').fill(yearsAgo(5));
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await expect(page.getByTestId('member')).toHaveCount(2);

    const pietro = await openEdit(page, 'Pietro Bianchi');
    await pietro.getByLabel('Nome', { exact: true }).fill('');
    await pietro.getByRole('button', { name: 'Salva' }).click();
    await expect(pietro.locator('.field-error').filter({ hasText: 'Campo obbligatorio.' })).toHaveCount(1);
    // Nowhere else: not under Marta's form, not under the form to add someone.
    await expect(page.locator('.field-error').filter({ hasText: 'Campo obbligatorio.' })).toHaveCount(1);
    await expect(page.getByTestId('error-summary')).toHaveCount(1);
    await expect(pietro.getByTestId('error-summary')).toBeFocused();

    await pietro.getByLabel('Nome', { exact: true }).fill('Piero');
    await pietro.getByRole('button', { name: 'Salva' }).click();
    const piero = page.getByTestId('member').filter({ hasText: 'Piero Bianchi' });
    await expect(piero.getByTestId('notice')).toHaveText('Dati di Piero salvati.');
    await expect(page.getByTestId('error-summary')).toHaveCount(0);
  });

  test('inviting a colleague lists every problem, then confirms and empties the form', async ({ page }, info) => {
    await page.goto('/accedi?torna=/admin/personale');
    await waitForHydration(page);
    await page.getByLabel('E-mail').fill('coordinatrice@ancora.example');
    await page.getByLabel('Password', { exact: true }).fill('ancora-demo');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page).toHaveURL(/\/admin\/personale$/);
    await waitForHydration(page);
    await page.getByLabel('Ruolo').selectOption('admin');
    await page.getByRole('button', { name: "Invia l'invito" }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary.getByRole('heading')).toHaveText('Ci sono 3 errori da correggere');
    await expect(page.locator('#role-errore')).toHaveText('Non puoi creare account con questo ruolo.');
    await expect(page.getByLabel('Ruolo')).toHaveAttribute('aria-describedby', 'role-errore');

    const email = uniqueEmail('collega', info.project.name).replace('example.org', 'ancora.example');
    await page.getByLabel('Nome e cognome').fill('Chiara Neri');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Ruolo').selectOption('operator');
    await page.getByRole('button', { name: "Invia l'invito" }).click();
    await expect(page.getByTestId('notice')).toHaveText('Invito inviato.');
    await expect(page.getByLabel('Nome e cognome')).toHaveValue('');
    await expect(page.getByTestId('staff-member').filter({ hasText: email })).toHaveCount(1);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a failed login comes back at a clean address, with the e-mail kept and the header intact', async ({ page }, info) => {
    // An address without an account: the same answer as a wrong password, and no demo account
    // gets closer to its pause after repeated failures.
    const nobody = uniqueEmail('nessuno', info.project.name);
    await page.goto('/accedi?torna=%2Ffamiglia');
    await page.getByLabel('E-mail').fill(nobody);
    await page.getByLabel('Password', { exact: true }).fill('sbagliata');
    await page.getByRole('button', { name: 'Accedi' }).click();

    await expect(page).toHaveURL(/\/accedi\?torna=%2Ffamiglia$/);
    expect(page.url()).not.toContain('__err');
    await expect(page.locator('#password-errore')).toHaveText('E-mail o password non corretti.');
    await expect(page.getByTestId('error-summary').getByRole('link')).toHaveText([
      'Password: E-mail o password non corretti.',
    ]);
    await expect(page.getByTestId('error-summary')).toBeFocused();
    await expect(page.getByLabel('E-mail')).toHaveValue(nobody);
    // Never a password.
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();

    // The error is shown once: a reload gives the plain page.
    await page.reload();
    await expect(page.getByTestId('error-summary')).toHaveCount(0);
    await expect(page.locator('#password-errore')).toBeEmpty();

    // And the right password still logs in, back where the family was going.
    await page.getByLabel('E-mail').fill('famiglia.rossi@example.org');
    await page.getByLabel('Password', { exact: true }).fill('ancora-demo');
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page).toHaveURL(/\/famiglia$/);
  });

  test('an empty sign-up lists every problem and keeps what was typed', async ({ page }) => {
    await page.goto('/registrati');
    await page.getByLabel('Nome', { exact: true }).fill('Ahmed');
    await page.getByLabel('E-mail').fill('ahmed@');
    await page.getByRole('button', { name: "Crea l'account" }).click();

    await expect(page).toHaveURL(/\/registrati$/);
    const summary = page.getByTestId('error-summary');
    await expect(summary.getByRole('heading')).toHaveText('Ci sono 4 errori da correggere');
    await expect(summary.getByRole('link')).toHaveText([
      'Cognome: Campo obbligatorio.',
      'Data di nascita: Campo obbligatorio.',
      "E-mail: L'indirizzo e-mail non è valido (esempio: nome@esempio.it).",
      "Privacy: Per registrarti devi accettare l'informativa sulla privacy.",
    ]);
    await expect(page.locator('#last_name-errore')).toHaveText('Campo obbligatorio.');
    await expect(page.getByLabel('Nome', { exact: true })).toHaveValue('Ahmed');
    await expect(page.getByLabel('E-mail')).toHaveValue('ahmed@');
    await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
  });

  test('the household page confirms each change, refuses a duplicate and scopes errors to their member', async ({ page }, info) => {
    await signUp(page, 'Amina', 'Haddad', uniqueEmail('nojs.famiglia', info.project.name));
    const birth = yearsAgo(7);

    await page.locator('#nuovo-first_name').fill('Lina');
    await page.locator('#nuovo-last_name').fill('Haddad');
    await page.locator('#nuovo-birth_date').fill(birth);
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await expect(page).toHaveURL(/\/famiglia\?fatto=aggiunto&membro=[0-9a-f-]{36}#aggiungi$/);
    await expect(page.getByTestId('notice')).toHaveText(/^Lina è ora nel tuo nucleo familiare\./);
    await expect(page.locator('#nuovo-first_name')).toHaveValue('');
    await expect(page.getByTestId('member').filter({ hasText: 'Lina Haddad' })).toHaveCount(1);

    // The same child again (a second tap that reached the server): refused, nothing added.
    await page.locator('#nuovo-first_name').fill('Lina');
    await page.locator('#nuovo-last_name').fill('Haddad');
    await page.locator('#nuovo-birth_date').fill(birth);
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await expect(page).toHaveURL(/\/famiglia$/);
    await expect(page.locator('#nuovo-first_name-errore')).toHaveText(/già nel tuo nucleo familiare/);
    await expect(page.locator('#nuovo-first_name')).toHaveValue('Lina');
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await expect(page.getByTestId('member')).toHaveCount(2);

    // An empty name in Lina's form: the error under her form only, what was typed kept.
    const lina = await openEdit(page, 'Lina Haddad');
    await lina.getByLabel('Nome', { exact: true }).fill('');
    await lina.getByLabel('Cognome').fill('Haddad-Rossi');
    await lina.getByRole('button', { name: 'Salva' }).click();
    await expect(page).toHaveURL(/\/famiglia$/);
    const linaAgain = page.getByTestId('member').filter({ hasText: 'Lina Haddad' });
    await expect(linaAgain.getByTestId('error-summary')).toHaveCount(1);
    await expect(page.getByTestId('error-summary')).toHaveCount(1);
    await expect(page.locator('.field-error').filter({ hasText: 'Campo obbligatorio.' })).toHaveCount(1);
    await expect(linaAgain.getByLabel('Cognome')).toHaveValue('Haddad-Rossi');

    // Her form came back open, with the error in it.
    await expect(linaAgain.locator('details.member-edit')).toHaveAttribute('open', '');
    await expect(linaAgain.getByTestId('error-summary')).toBeVisible();

    // Saved: the page confirms it next to her.
    await linaAgain.getByLabel('Nome', { exact: true }).fill('Lina');
    await linaAgain.getByRole('button', { name: 'Salva' }).click();
    await expect(page).toHaveURL(/\/famiglia\?fatto=salvato&membro=[0-9a-f-]{36}#membro-/);
    await expect(page.getByTestId('member').filter({ hasText: 'Lina Haddad-Rossi' }).getByTestId('notice'))
      .toHaveText('Dati di Lina salvati.');
  });
});
