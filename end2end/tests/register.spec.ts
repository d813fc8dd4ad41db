import { test, expect, type Browser, type Page } from '@playwright/test';
import { clockHeader, logIn, openWorkday, romeDay, romeInstant, waitForHydration } from './helpers';

// The register on a phone in the room: an operator marks the persons booked for a meeting that
// is about to start, some of them with the network cut, reloads the page while offline, and
// every mark reaches the server exactly once when the connection is back.

const COORDINATOR = 'coordinatrice@ancora.example';
const OPERATOR = 'mediatrice@ancora.example'; // Elena Marino: she leads no demo meeting
const FAMILY = 'famiglia.rossi@example.org';

/** A meeting on the next open weekday from 10:15 to 10:30, and the instant the test runs at:
 *  10:05 that day, when its register is open (from 30 minutes before the start) and it can still
 *  be booked. Every request of this test carries that instant (`clockHeader`), so the test runs
 *  the same on any day and at any hour, a holiday or late at night included. */
function slotAboutToStart() {
  const day = openWorkday(1);
  return { day, start: '10:15', end: '10:30', at: romeInstant(day, '10:05') };
}

async function asUser(browser: Browser, email: string, phone = false, javaScriptEnabled = true, at?: Date): Promise<Page> {
  const context = await browser.newContext({
    ...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}),
    javaScriptEnabled,
    ...(at ? { extraHTTPHeaders: clockHeader(at) } : {}),
  });
  const page = await context.newPage();
  await logIn(page, email);
  return page;
}

test('an operator marks a register on a phone, with the network cut for a while, and every mark is saved once', async ({ browser }, info) => {
  test.skip(info.project.name !== 'phone', 'the phone project runs it (one meeting per run)');
  test.setTimeout(150_000);
  const slot = slotAboutToStart();
  const title = `Laboratorio del registro ${Date.now()}`;

  // The coordinator plans it, led by Elena Marino.
  const coordinator = await asUser(browser, COORDINATOR, false, true, slot.at);
  await coordinator.goto('/gestione/calendario/nuovo');
  await coordinator.getByLabel('Servizio').selectOption({ label: 'Attività culturali e di aggregazione tra famiglie' });
  await coordinator.getByLabel('Titolo').fill(title);
  await coordinator.getByLabel('Giorno', { exact: true }).fill(slot.day);
  await coordinator.getByLabel('Inizio').fill(slot.start);
  await coordinator.getByLabel('Fine').fill(slot.end);
  await coordinator.getByRole('checkbox', { name: 'Giulia Conti' }).uncheck();
  await coordinator.getByRole('checkbox', { name: 'Elena Marino' }).check();
  await coordinator.getByLabel('Posti', { exact: true }).fill('10');
  await coordinator.getByRole('button', { name: "Crea l'incontro" }).click();
  await expect(coordinator).toHaveURL(/creati=1/);

  // Her "Registri di oggi" lists it; its register is still empty.
  const operator = await asUser(browser, OPERATOR, true, true, slot.at);
  await operator.goto('/gestione/registri');
  await operator.getByTestId('today-register').filter({ hasText: title }).getByRole('link').click();
  await expect(operator).toHaveURL(/\/gestione\/registro\/[0-9a-f-]{36}$/);
  const registerUrl = operator.url();
  const meeting = registerUrl.split('/').pop()!;
  await expect(operator.getByTestId('register-empty')).toBeVisible();

  // The Rossi book three of them.
  const family = await asUser(browser, FAMILY, false, true, slot.at);
  await family.goto(`/prenota/incontro/${meeting}`);
  for (const name of ['Marco Rossi', 'Sofia Rossi', 'Luca Rossi']) {
    await family.locator('label').filter({ hasText: name }).click();
  }
  await family.getByRole('button', { name: 'Conferma la prenotazione' }).click();
  await expect(family).toHaveURL(/\/le-mie-prenotazioni\?prenotazione=/);

  // On the phone: three persons, one tap each.
  await operator.goto(registerUrl);
  await waitForHydration(operator);
  const person = (name: string) => operator.getByTestId('register-person').filter({ hasText: name });
  await expect(operator.getByTestId('register-person')).toHaveCount(3);
  await operator.screenshot({ path: `end2end/test-results/screens/registro-${info.project.name}.png`, fullPage: true });
  await person('Marco Rossi').getByRole('button', { name: 'Presente' }).click();
  await expect(person('Marco Rossi').getByRole('button', { name: 'Presente' })).toHaveAttribute('aria-pressed', 'true');
  await expect(operator.getByTestId('register-unsaved')).toHaveText('Tutte le presenze sono salvate.');

  // The network goes: the marks stay on the page, "not yet saved".
  await operator.context().setOffline(true);
  await person('Sofia Rossi').getByRole('button', { name: 'Assente' }).click();
  await person('Luca Rossi').getByRole('button', { name: 'In ritardo' }).click();
  await expect(operator.getByTestId('register-unsaved')).toContainText('2 modifiche non ancora salvate');
  await expect(person('Sofia Rossi')).toHaveAttribute('data-state', 'pending');
  await expect(person('Luca Rossi')).toContainText('Non ancora salvato');
  await operator.screenshot({ path: `end2end/test-results/screens/registro-offline-${info.project.name}.png`, fullPage: true });
  // A retry or two while still offline (every 4 s).
  await operator.waitForTimeout(5_000);
  await expect(operator.getByTestId('register-unsaved')).toContainText('2 modifiche non ancora salvate');

  // Back online: the page sends the marks it kept. (Reopening the register while marks wait
  // loses them today: see the test below, and issue 19, "The register crashes".)
  await operator.context().setOffline(false);
  await expect(operator.getByTestId('register-unsaved')).toHaveText('Tutte le presenze sono salvate.', { timeout: 15_000 });

  // As the server has them (a fresh page, rendered by the server).
  await operator.goto(registerUrl);
  await expect(person('Marco Rossi').getByRole('button', { name: 'Presente' })).toHaveAttribute('aria-pressed', 'true');
  await expect(person('Sofia Rossi').getByRole('button', { name: 'Assente' })).toHaveAttribute('aria-pressed', 'true');
  await expect(person('Luca Rossi').getByRole('button', { name: 'In ritardo' })).toHaveAttribute('aria-pressed', 'true');
  await expect(operator.getByTestId('register-tally')).toContainText('Presenti 2 (di cui in ritardo 1)');

  // Exactly once: one "Presenza segnata" row in the audit log for each of them.
  const members: Record<string, string> = {};
  for (const name of ['Marco Rossi', 'Sofia Rossi', 'Luca Rossi']) {
    members[name] = (await person(name).getAttribute('data-member'))!.replace(/-/g, '').slice(0, 8);
  }
  await coordinator.goto('/coordinamento/registro-accessi?azione=attendance.mark');
  const rows = coordinator.getByTestId('audit-row');
  for (const [name, prefix] of Object.entries(members)) {
    await expect(rows.filter({ hasText: prefix }), `${name}'s marks in the audit log`).toHaveCount(1);
  }

  // Without JavaScript each button posts its form and the register comes back with the mark.
  const plain = await asUser(browser, OPERATOR, true, false, slot.at);
  await plain.goto(registerUrl);
  const marco = plain.getByTestId('register-person').filter({ hasText: 'Marco Rossi' });
  await marco.getByRole('button', { name: 'Giustificato' }).click();
  await expect(plain).toHaveURL(new RegExp(`/gestione/registro/${meeting}#persona-`));
  await expect(marco.getByRole('button', { name: 'Giustificato' })).toHaveAttribute('aria-pressed', 'true');
  await expect(plain.getByTestId('register-tally')).toContainText('giustificati 1');
});

/** "Presenti" of the report's summary, as a number. */
async function presentInReport(page: Page): Promise<number> {
  await page.goto('/coordinamento/report');
  const fact = page.getByTestId('report-summary').locator('.report-fact').filter({ has: page.locator('dt', { hasText: /^Presenti$/ }) });
  return Number((await fact.locator('dd').textContent())!.trim());
}

// Known bug (issue 19, "The register crashes"): a register reopened while marks made offline
// still wait, or opened while offline, must keep and send every mark. Not yet: the page comes
// back without them. The test is written; it runs once the bug is fixed.
test.fixme('a register reopened while marks made offline wait sends every one of them', async ({ browser }) => {
  const slot = slotAboutToStart();
  const operator = await asUser(browser, OPERATOR, true, true, slot.at);
  await operator.goto('/gestione/registri');
  await operator.getByTestId('today-register').first().getByRole('link').click();
  const registerUrl = operator.url();
  await waitForHydration(operator);
  await operator.context().setOffline(true);
  await operator.getByTestId('register-person').first().getByRole('button', { name: 'Assente' }).click();
  await operator.reload().catch(() => {});
  await operator.context().setOffline(false);
  await operator.goto(registerUrl);
  await waitForHydration(operator);
  await expect(operator.getByTestId('register-unsaved')).toHaveText('Tutte le presenze sono salvate.', { timeout: 15_000 });
  await operator.goto(registerUrl);
  await expect(operator.getByTestId('register-person').first().getByRole('button', { name: 'Assente' })).toHaveAttribute('aria-pressed', 'true');
});

test('a coordinator corrects a past register and the report for the Municipio follows', async ({ browser }, info) => {
  test.skip(info.project.name !== 'phone', 'the phone project runs it (it changes the demo figures)');
  test.setTimeout(90_000);
  const coordinator = await asUser(browser, COORDINATOR);
  const before = await presentInReport(coordinator);
  expect(before, 'the demo has past registers filled').toBeGreaterThan(0);

  // Last week's calendar: the register of a meeting held there.
  const lastWeek = romeDay(-7);
  await coordinator.goto(`/gestione/calendario?vista=settimana&data=${lastWeek}`);
  await coordinator.getByTestId('register-link').first().click();
  await expect(coordinator).toHaveURL(/\/gestione\/registro\/[0-9a-f-]{36}$/);
  await waitForHydration(coordinator);
  const persons = coordinator.getByTestId('register-person');
  expect(await persons.count()).toBeGreaterThan(0);

  // Someone not marked present becomes present (+1); if everyone was, one becomes absent (-1).
  const notPresent = persons.filter({ hasNot: coordinator.locator('button.register-present[aria-pressed="true"], button.register-late[aria-pressed="true"]') });
  // Each row pinned by its person, since a filter on the mark stops matching once it changes.
  const pinned = async (rows: typeof persons) =>
    coordinator.locator(`[data-testid="register-person"][data-member="${await rows.first().getAttribute('data-member')}"]`);
  let change: number;
  let row;
  if ((await notPresent.count()) > 0) {
    row = await pinned(notPresent);
    await row.getByRole('button', { name: 'Presente' }).click();
    await expect(row.getByRole('button', { name: 'Presente' })).toHaveAttribute('aria-pressed', 'true');
    change = 1;
  } else {
    row = await pinned(persons.filter({ has: coordinator.locator('button.register-present[aria-pressed="true"]') }));
    await row.getByRole('button', { name: 'Assente' }).click();
    await expect(row.getByRole('button', { name: 'Assente' })).toHaveAttribute('aria-pressed', 'true');
    change = -1;
  }
  await expect(coordinator.getByTestId('register-unsaved')).toHaveText('Tutte le presenze sono salvate.');
  expect(await presentInReport(coordinator)).toBe(before + change);
  await coordinator.screenshot({ path: `end2end/test-results/screens/report-${info.project.name}.png`, fullPage: true });
});
