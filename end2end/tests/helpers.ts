import { expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import { join as pathJoin } from 'node:path';

// What many specs do the same way: log in as a demo account, wait for the islands, read the
// e-mails the server wrote (a new family's welcome link).

/** The password of every demo account (README.md). */
export const DEMO_PASSWORD = 'ancora-demo';

/** Logs `page` in as `email` through the login server function (its cookie lands in the
 *  page's context), as the login form posts it. */
export async function logIn(page: Page, email: string) {
  const response = await page.request.post('/api/accounts/login', {
    form: { email, password: DEMO_PASSWORD, next: '' },
    headers: { accept: 'application/json' },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBeLessThan(400);
}

/** Waits until the bundle has loaded and the islands are live (the app marks <html>). The debug
 *  bundle is compiled by the browser on each new page; on a busy 2-core machine that once took
 *  more than the usual 10 s, so this waits 20 s and, if the mark never comes, says what the page
 *  loaded of the bundle (to tell a slow machine from a broken hydration). */
export async function waitForHydration(page: Page) {
  try {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
  } catch (error) {
    const bundle = await page
      .evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.includes('/pkg/'))
          .map((entry) => `${entry.name.split('/').pop()} ${Math.round(entry.duration)} ms`)
          .join(', '),
      )
      .catch(() => 'unknown');
    throw new Error(`the page never hydrated (bundle files loaded: ${bundle || 'none'}): ${error}`);
  }
}

/** The newest link to `path` in the e-mails to `to`. In tests the server writes every e-mail
 *  as a file into ANCORA_MAIL_DIR (scripts/test sets it); this waits up to 15 s for it. */
export async function linkInMail(to: string, path = '/reimposta-password'): Promise<string> {
  const dir = process.env.ANCORA_MAIL_DIR;
  if (!dir) throw new Error('ANCORA_MAIL_DIR is not set: the server must write e-mails to files');
  const pattern = new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\S*`);
  for (let attempt = 0; attempt < 60; attempt++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse() : [];
    for (const file of files) {
      const text = fs.readFileSync(pathJoin(dir, file), 'utf8');
      if (!text.toLowerCase().startsWith(`to: ${to.toLowerCase()}\n`)) continue;
      const link = text.match(pattern);
      if (link) {
        const url = new URL(link[0]);
        return url.pathname + url.search;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no e-mail to ${to} with a link to ${path}`);
}

/** The password every family signed up by a test chooses. */
export const NEW_FAMILY_PASSWORD = 'una frase facile da ricordare';

/** After "Crea l'account": the page asks to look in the mailbox; the welcome e-mail's link
 *  leads to choosing the password, which logs the family in on /famiglia. Works with and
 *  without JavaScript. */
export async function confirmByMail(page: Page, email: string) {
  await expect(page).toHaveURL(/\/registrati\/controlla-la-posta$/);
  await expect(page.getByTestId('check-mail')).toBeVisible();
  await page.goto(await linkInMail(email));
  await page.getByLabel('Scegli una password').fill(NEW_FAMILY_PASSWORD);
  await page.getByRole('button', { name: 'Salva la password' }).click();
  await expect(page).toHaveURL(/\/famiglia(\?|$)/);
}

/** A new family's account holder, as typed into the sign-up form (/registrati). */
export interface NewFamily {
  first: string;
  last: string;
  /** yyyy-mm-dd */
  birth: string;
  email: string;
}

/** Types `family` into the sign-up form, already open; the privacy box is left as it is. */
export async function fillSignUp(page: Page, family: NewFamily) {
  await page.getByLabel('Nome', { exact: true }).fill(family.first);
  await page.getByLabel('Cognome').fill(family.last);
  await page.getByLabel('Data di nascita').fill(family.birth);
  await page.getByLabel('E-mail').fill(family.email);
}

/** Ticks the privacy box: on the design system's drawn box, at the start of the label (its
 *  middle links the notice). */
export async function acceptPrivacy(page: Page) {
  await page.locator('label[for="privacy"]').click({ position: { x: 10, y: 10 } });
  await expect(page.locator('#privacy')).toBeChecked();
}

/** Signs `family` up and confirms it through the welcome e-mail: lands on /famiglia, logged in.
 *  Works with and without JavaScript (`hydrated`: wait for the islands first). */
export async function signUpFamily(page: Page, family: NewFamily, hydrated = false) {
  await page.goto('/registrati');
  if (hydrated) await waitForHydration(page);
  await fillSignUp(page, family);
  await acceptPrivacy(page);
  await page.getByRole('button', { name: "Crea l'account" }).click();
  await confirmByMail(page, family.email);
}

// The tests' clock. scripts/test may run the whole suite as if on another day or hour
// (ANCORA_CLOCK="2026-12-08 23:50"): it then sets ANCORA_CLOCK_OFFSET to the seconds between that
// moment and the real one, runs the server and PostgreSQL on a clock moved by as much, and these
// helpers read the same offset. No spec reads `new Date()` or `Date.now()` for a date: they ask
// these.

const CLOCK_OFFSET_MS = Number(process.env.ANCORA_CLOCK_OFFSET ?? '0') * 1000;

/** Now, on the tests' (and the server's) clock. */
export function now(): Date {
  return new Date(Date.now() + CLOCK_OFFSET_MS);
}

/** YYYY-MM-DD of `at` in Rome. */
export function romeDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(at);
}

/** YYYY-MM-DD `n` days after the day `iso` (calendar days, whatever the clock changes). */
export function addDays(iso: string, n: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** YYYY-MM-DD of today in Rome, plus `days`. */
export function romeDay(days = 0): string {
  return addDays(romeDate(now()), days);
}

/** 0 = Sunday … 6 = Saturday, of the day `iso`. */
export function weekday(iso: string): number {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}

/** YYYY-MM-DD `years` years before today (a birth date). */
export function yearsAgo(years: number): string {
  const [y, m, d] = romeDay().split('-').map(Number);
  // 29 February of a year that has none becomes 1 March.
  return addDays(`${y - years}-${String(m).padStart(2, '0')}-01`, d - 1);
}

/** The days the demo polo is closed, as MM-DD (app/src/demo.rs, CLOSED_DAYS). */
const DEMO_CLOSED = ['11-01', '12-08', '12-24', '12-25', '12-26', '12-31', '01-01', '01-06', '04-25'];

/** Whether the demo polo is closed on the day `iso`. */
export function demoClosed(iso: string): boolean {
  return DEMO_CLOSED.includes(iso.slice(5));
}

/** The day `iso`, or the first day after it on the same weekday on which the demo polo is open
 *  for `weeks` weeks in a row (a weekly series of that many meetings). */
export function openWeekly(iso: string, weeks = 1): string {
  let day = iso;
  while ([...Array(weeks).keys()].some((week) => demoClosed(addDays(day, 7 * week)))) day = addDays(day, 7);
  return day;
}

/** The next weekday (Monday to Friday) from today plus `days` on which the demo polo is open. */
export function openWorkday(days = 0): string {
  let day = romeDay(days);
  while (demoClosed(day) || weekday(day) === 0 || weekday(day) === 6) day = addDays(day, 1);
  return day;
}

/** The instant of a wall-clock time in Rome (`iso` day, `hhmm` time). */
export function romeInstant(iso: string, hhmm: string): Date {
  const guess = new Date(`${iso}T${hhmm}:00Z`);
  const shown = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(guess);
  const [h, m] = shown.split(':').map(Number);
  const [wantH, wantM] = hhmm.split(':').map(Number);
  let diff = (h * 60 + m) - (wantH * 60 + wantM);
  if (diff > 12 * 60) diff -= 24 * 60;
  if (diff < -12 * 60) diff += 24 * 60;
  return new Date(guess.getTime() - diff * 60_000);
}

/** The header with which a test runs its requests at an instant of its choosing (the server
 *  honours it only under a test clock, which production refuses). */
export function clockHeader(at: Date): Record<string, string> {
  return { 'x-ancora-clock': at.toISOString() };
}
