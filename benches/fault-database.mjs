// Fault injection, part 2: PostgreSQL stopped and started again under load.
// Usage: node benches/fault-database.mjs BASE_URL SESSION_TOKEN STOP_COMMAND START_COMMAND
// Eight clients ask for pages without pause (public pages and a family's bookings, which all
// read the database). After 4 s the database is stopped (STOP_COMMAND), after 6 s more started
// again (START_COMMAND, which waits until it accepts connections). Checks, and exits 1 if any
// fails: before the stop every answer is 200; while the database is away every answer is 200 or
// a 503 page that says the service is unavailable, none hangs (30 s) and none is another 5xx;
// after the start the server answers 200 again by itself within 30 s and stays so for 3 s.
// Prints one JSON line with the counts and the recovery time.
import { execSync } from 'node:child_process';

const [base, token, stopCommand, startCommand] = process.argv.slice(2);
const pages = ['/', '/calendario?vista=mese', '/poli/ancora', '/le-mie-prenotazioni'];
const phases = { up: {}, down: {}, after: {} };
let phase = 'up';
let running = true;
let startedAt = 0;
let lastFailureAt = 0;
let firstOkAfterStart = 0;
let slowest = { up: 0, down: 0, after: 0 };
const problems = [];

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function client(n) {
  for (let i = n; running; i++) {
    const path = pages[i % pages.length];
    const at = performance.now();
    let status;
    let body = '';
    try {
      const response = await fetch(`${base}${path}`, {
        headers: { cookie: `ancora_sid=${token}`, 'accept-language': 'it' },
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      body = await response.text();
      status = String(response.status);
    } catch (error) {
      status = error.name === 'TimeoutError' ? 'hung (30 s)' : 'connection error';
    }
    const ms = performance.now() - at;
    // Counted in the phase it ended in: a request under way when the database stopped may fail.
    const asked = phase;
    phases[asked][status] = (phases[asked][status] ?? 0) + 1;
    slowest[asked] = Math.max(slowest[asked], ms);
    if (status !== '200') lastFailureAt = performance.now();
    if (asked === 'after' && status === '200' && !firstOkAfterStart) firstOkAfterStart = performance.now();
    if (asked === 'up' && status !== '200') problems.push(`before the stop, ${path} answered ${status}`);
    if (status === '503' && !/non è disponibile|non disponibile|unavailable/i.test(body))
      problems.push(`a 503 for ${path} without a page that says the service is unavailable`);
    if (status !== '200' && status !== '503' && asked !== 'after')
      problems.push(`${path} answered ${status} while the database was ${asked}`);
    if (status !== '200' && status !== '503') await pause(50);
  }
}

const clients = Array.from({ length: 8 }, (_, n) => client(n));
await pause(4_000);
// execSync holds the clients while it runs: the answers that come meanwhile count as "down".
phase = 'down';
execSync(stopCommand, { stdio: 'inherit' });
await pause(6_000);
phase = 'after';
startedAt = performance.now();
execSync(startCommand, { stdio: 'inherit' });
// Recovered: 3 s in a row without a failure, within 30 s of the start.
while (performance.now() - startedAt < 30_000) {
  await pause(250);
  if (firstOkAfterStart && performance.now() - Math.max(lastFailureAt, startedAt) > 3_000) break;
}
running = false;
await Promise.all(clients);
const recovered = firstOkAfterStart > 0 && performance.now() - Math.max(lastFailureAt, startedAt) > 3_000;
if (!recovered) problems.push('the server did not answer 200 again within 30 s of the database coming back');
for (const [name, counts] of Object.entries(phases))
  for (const status of Object.keys(counts))
    if (/^5\d\d$/.test(status) && status !== '503') problems.push(`${counts[status]} × ${status} (${name})`);
console.log(JSON.stringify({
  statuses: phases,
  slowest_ms: Object.fromEntries(Object.entries(slowest).map(([k, v]) => [k, Math.round(v)])),
  recovered_after_ms: firstOkAfterStart ? Math.round(firstOkAfterStart - startedAt) : null,
  last_failure_after_start_ms: lastFailureAt > startedAt ? Math.round(lastFailureAt - startedAt) : 0,
  problems: [...new Set(problems)].slice(0, 20),
}));
process.exit(problems.length === 0 ? 0 : 1);
