import { test, expect, Page, TestInfo } from '@playwright/test';
import { logIn, NEW_FAMILY_PASSWORD, signUpFamily, yearsAgo, romeDay } from './helpers';

// A household's rights: a new family books a meeting for its child, downloads its data (the
// JSON file holds the child), deletes its account and can no longer log in; the centre still
// counts the (late) cancelled booking, without a name. Run hydrated, without JavaScript, and on
// a 360 px phone, in both projects. Each run books its own meeting, which the coordinator
// creates with a 720-hour cancellation cut-off, so that the erasure's cancellation is late and
// shows on the coordinator's list of late cancellations.

const COORDINATOR = 'coordinatrice@ancora.example';
const PASSWORD = NEW_FAMILY_PASSWORD;
const pad = (n: number) => String(n).padStart(2, '0');
/** One surname per run mode (names take letters only). */
const SURNAMES = ['Galli', 'Gallo', 'Galletti'];


/** The coordinator creates a one-off evening meeting of the families' activities, 10 to 20 days
 *  ahead (the next open day), and returns its id. */
async function meetingWithLongCutoff(page: Page, info: TestInfo, mode: number, title: string): Promise<string> {
  await logIn(page, COORDINATOR);
  const run = (info.project.name === 'phone' ? 3 : 0) + mode;
  const startMinutes = 19 * 60 + 15 * Math.floor(Math.random() * 8);
  const start = `${pad(Math.floor(startMinutes / 60))}:${pad(startMinutes % 60)}`;
  const end = `${pad(Math.floor(startMinutes / 60) + 1)}:${pad(startMinutes % 60)}`;
  for (let extra = 0; extra < 6; extra++) {
    const date = romeDay(10 + run + 6 * extra);
    await page.goto('/gestione/calendario/nuovo');
    await page.getByLabel('Servizio').selectOption({ label: 'Attività culturali e di aggregazione tra famiglie' });
    await page.getByLabel('Titolo').fill(title);
    await page.getByLabel('Giorno', { exact: true }).fill(date);
    await page.getByLabel('Inizio').fill(start);
    await page.getByLabel('Fine').fill(end);
    await page.getByLabel('Posti', { exact: true }).fill('6');
    await page.getByLabel('Annullamento libero fino a (ore prima)').fill('720');
    await page.getByRole('button', { name: "Crea l'incontro" }).click();
    await page.waitForLoadState();
    if (!/creati=1/.test(page.url())) continue; // a closed day, or a clash: the next try
    await page.goto(`/gestione/agenda?data=${date}`);
    const href = await page.getByTestId('agenda-meeting').filter({ hasText: title })
      .getByRole('link', { name: /^Sposta…/ }).getAttribute('href');
    const id = href!.match(/incontri\/([0-9a-f-]{36})\//)![1];
    await page.context().clearCookies();
    return id;
  }
  throw new Error('no day to create the meeting on');
}

async function screenshot(page: Page, name: string, info: TestInfo, variant: string) {
  await page.screenshot({ path: `end2end/test-results/screens/privacy/${name}-${variant}-${info.project.name}.png`, fullPage: true });
}

function flows(mode: number, variant: string) {
  test(`a family downloads its data, deletes its account and cannot log in any more (${variant})`, async ({ page }, info) => {
    test.setTimeout(120_000);
    const stamp = `${info.project.name}${mode}${Date.now()}`;
    const title = `Serata giochi ${stamp}`;
    const meeting = await meetingWithLongCutoff(page, info, mode, title);
    const email = `privacy.${stamp}@example.org`;

    // Sign up, add a child, book the meeting for her.
    await signUpFamily(page, { first: 'Noemi', last: SURNAMES[mode], birth: '1990-02-11', email });
    await page.locator('#nuovo-first_name').fill('Viola');
    await page.locator('#nuovo-last_name').fill(SURNAMES[mode]);
    await page.locator('#nuovo-birth_date').fill(yearsAgo(7));
    await page.getByRole('button', { name: 'Aggiungi', exact: true }).click();
    await expect(page.getByTestId('member').filter({ hasText: 'Viola' })).toBeVisible();
    await page.goto(`/prenota/incontro/${meeting}`);
    await page.locator('label').filter({ hasText: 'Viola' }).click();
    await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
    await expect(page).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);
    await expect(page.getByTestId('booking').filter({ hasText: title }).getByTestId('booking-status')).toHaveText('Confermata');

    // "Scarica i miei dati": a JSON file with the child, the booking and the e-mails.
    await page.goto('/famiglia');
    await screenshot(page, 'famiglia', info, variant);
    const link = page.getByTestId('data-rights').getByRole('link', { name: 'Scarica i miei dati' });
    await expect(link).toHaveAttribute('download', 'ancora-i-miei-dati.json');
    const file = await page.request.get((await link.getAttribute('href'))!);
    expect(file.headers()['content-disposition']).toBe('attachment; filename="ancora-i-miei-dati.json"');
    expect(file.headers()['content-type']).toContain('application/json');
    const data = await file.json();
    expect(data.accounts.map((a: { email: string }) => a.email)).toEqual([email]);
    expect(data.members).toEqual(expect.arrayContaining([
      expect.objectContaining({ first_name: 'Viola', last_name: SURNAMES[mode], birth_date: yearsAgo(7), kind: 'child' }),
    ]));
    expect(data.bookings).toEqual([expect.objectContaining({ title, status: 'confirmed', who: [`Viola ${SURNAMES[mode]}`] })]);
    expect(data.messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash|calendar_token/);

    // The same, as a page to read and print.
    await page.getByRole('link', { name: 'Leggi i miei dati in una pagina' }).click();
    await expect(page).toHaveURL(/\/famiglia\/i-miei-dati$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('I miei dati');
    await expect(page.getByTestId('data-member').filter({ hasText: `Viola ${SURNAMES[mode]}` })).toContainText('minore');
    await expect(page.getByTestId('data-booking').filter({ hasText: title })).toContainText('Confermata');
    await screenshot(page, 'i-miei-dati', info, variant);

    // "Elimina il mio account": what happens, in plain words; a wrong password changes nothing.
    await page.goto('/famiglia');
    await page.getByTestId('delete-account-link').click();
    await expect(page).toHaveURL(/\/famiglia\/elimina-account$/);
    await expect(page.getByTestId('what-goes')).toContainText(email);
    await expect(page.getByTestId('what-goes')).toContainText('Le prenotazioni che devono ancora arrivare (1)');
    await screenshot(page, 'elimina-account', info, variant);
    await page.getByLabel('La tua password', { exact: true }).fill('non è la mia password');
    await page.getByRole('button', { name: 'Elimina il mio account' }).click();
    await expect(page.locator('#password-errore')).toHaveText('La password non è corretta.');
    await expect(page).toHaveURL(/\/famiglia\/elimina-account$/);
    await page.getByLabel('La tua password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Elimina il mio account' }).click();
    await expect(page).toHaveURL(/\/account-eliminato$/);
    await expect(page.getByTestId('account-erased')).toContainText('Il tuo account è stato eliminato');
    await expect(page.getByRole('navigation', { name: 'Il tuo account' }).getByRole('link', { name: 'Accedi' })).toBeVisible();
    await screenshot(page, 'account-eliminato', info, variant);

    // Logged out for good: the pages ask to log in, and the password opens nothing.
    await page.goto('/famiglia');
    await expect(page.getByTestId('login-prompt')).toBeVisible();
    await page.goto('/accedi');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await expect(page.locator('#password-errore')).toHaveText('E-mail o password non corretti.');

    // The centre still counts the booking (cancelled late, one person), and it names nobody.
    await logIn(page, COORDINATOR);
    await page.goto('/coordinamento/annullamenti-tardivi');
    const row = page.locator('tr').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('1 persone');
    await expect(row).not.toContainText('Noemi');
    await expect(row).not.toContainText('Galli');
  });
}

test.describe('with JavaScript', () => {
  flows(0, 'js');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  flows(1, 'nojs');
});

test.describe('on a 360 px phone', () => {
  test.use({ viewport: { width: 360, height: 780 } });
  flows(2, '360');
});

test('withdrawing the consent to the processing of the data leads to the erasure page', async ({ page }, info) => {
  const email = `consenso.${info.project.name}.${Date.now()}@example.org`;
  await signUpFamily(page, { first: 'Omar', last: 'Sala', birth: '1982-07-21', email });
  await page.getByTestId('consent-data_processing').getByRole('button', { name: 'Ritira il consenso' }).click();
  await expect(page).toHaveURL(/\/famiglia\/elimina-account\?consenso=ritirato$/);
  await expect(page.getByTestId('consent-withdrawn')).toContainText('Senza questo consenso il Polo non può tenere il tuo account');
  // Back on the household page the consent shows as withdrawn, with the way to the erasure.
  await page.goto('/famiglia');
  await expect(page.getByTestId('consent-withdrawn')).toBeVisible();
  await page.getByTestId('consent-withdrawn').getByRole('link').click();
  await expect(page).toHaveURL(/\/famiglia\/elimina-account\?consenso=ritirato$/);
  // Having second thoughts: the consent given again, the notice goes.
  await page.getByRole('link', { name: 'Dai di nuovo il consenso' }).click();
  await page.getByTestId('consent-data_processing').getByRole('button', { name: 'Dai il consenso' }).click();
  await expect(page.getByTestId('consent-withdrawn')).toHaveCount(0);
});
