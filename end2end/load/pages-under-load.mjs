// The pages under load: a correctness check, not a timing. Sends REQUESTS_PER_PAGE requests to
// every public page and to the pages of a logged-in family, CONNECTIONS at a time over kept-alive
// connections (as browsers do), all pages mixed, and fails when any answer is a 5xx or a page
// answers another status than it should. scripts/test also checks the server's log for panics.
// Every page added to the app joins PAGES below.
//
// Usage: node end2end/load/pages-under-load.mjs BASE_URL
// Environment: REQUESTS_PER_PAGE (default 200), CONNECTIONS (default 16).

const base = process.argv[2];
if (!base) {
  console.error('usage: node end2end/load/pages-under-load.mjs BASE_URL');
  process.exit(2);
}
const perPage = Number(process.env.REQUESTS_PER_PAGE ?? 200);
const connections = Number(process.env.CONNECTIONS ?? 16);

// Public pages: [path, expected status]. Service and meeting pages are found on the home page.
const PAGES = [
  ['/', 200],
  ['/poli/ancora', 200],
  ['/accedi', 200],
  ['/registrati', 200],
  ['/registrati/controlla-la-posta', 200],
  ['/password-dimenticata', 200],
  ['/reimposta-password', 200],
  ['/privacy', 200],
  ['/accessibilita', 200],
  ['/account-eliminato', 200],
  ['/calendario', 200],
  ['/calendario?vista=settimana&data=2026-12-02', 200],
  ['/calendario?vista=elenco&area=genitorialita&pubblico=bambini&posti=1', 200],
  ['/calendario?vista=giorno&data=non-una-data&figlio=x', 200],
  ['/non-esiste', 404],
];
// The pages of a logged-in family.
const FAMILY_PAGES = [
  ['/le-mie-prenotazioni', 200],
  ['/i-miei-percorsi', 200],
  ['/famiglia', 200],
  ['/famiglia/i-miei-dati', 200],
  ['/famiglia/i-miei-dati.json', 200],
  ['/famiglia/elimina-account', 200],
  ['/le-mie-richieste', 200],
  ['/richieste/nuova?servizio=mediazione-familiare', 200],
  ['/richieste/nuova?servizio=non-esiste', 404],
  ['/coordinamento/richieste?x=1', 403],
  // Staff pages (each path only once in the whole list: the counts are kept by path).
  ['/gestione/agenda?data=2026-12-01', 403],
  ['/gestione/calendario/nuovo?data=2026-12-01', 403],
  ['/coordinamento/registro-accessi?azione=meeting.move', 403],
  ['/coordinamento/da-richiamare?x=1', 403],
  ['/coordinamento/report?polo=ancora', 403],
  ['/coordinamento/report.csv', 403],
  ['/gestione/percorsi?miei=1', 403],
];
const FAMILY = { email: 'famiglia.rossi@example.org', password: 'ancora-demo' };
// The pages of a logged-in coordinator.
const COORDINATOR_PAGES = [
  ['/gestione/calendario/nuovo', 200],
  ['/gestione/calendario/nuovo?data=2026-12-01&ora=17:00&sala=non-una-sala', 200],
  ['/gestione/agenda', 200],
  ['/gestione/agenda?data=non-una-data', 200],
  ['/gestione/calendario/incontri/non-un-id/sposta', 404],
  ['/gestione/calendario/incontri/00000000-0000-0000-0000-000000000000/annulla', 404],
  ['/gestione/sale', 200],
  ['/gestione/chiusure', 200],
  // A family's own data: staff have none.
  ['/famiglia/elimina-account?consenso=ritirato', 403],
  ['/coordinamento/registro-accessi', 200],
  ['/coordinamento/da-richiamare', 200],
  ['/coordinamento/richieste', 200],
  ['/coordinamento/richieste/segnalazione', 200],
  ['/coordinamento/richieste/00000000-0000-0000-0000-000000000000', 404],
  ['/richieste/nuova?servizio=mediazione-familiare&polo=ancora', 403],
  ['/coordinamento/registro-accessi?dal=2026-01-01&al=non-una-data&chi=x&azione=meeting.move&prima=-1', 200],
  ['/coordinamento/report', 200],
  ['/coordinamento/report?dal=2026-01-01&al=2026-12-31&polo=ancora', 200],
  ['/coordinamento/report?dal=non-una-data&al=1999-01-01&polo=', 200],
  ['/coordinamento/report?polo=non-esiste', 404],
  ['/coordinamento/report.csv?dal=2026-01-01&al=2026-12-31', 200],
  ['/gestione/percorsi', 200],
  ['/gestione/percorsi/non-un-id', 404],
  ['/gestione/percorsi/00000000-0000-0000-0000-000000000000/note', 404],
];
const COORDINATOR = { email: 'coordinatrice@ancora.example', password: 'ancora-demo' };

async function login({ email, password }) {
  const response = await fetch(`${base}/api/accounts/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ email, password, next: '' }).toString(),
  });
  await response.arrayBuffer();
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('ancora_sid='));
  if (!cookie) throw new Error(`login as ${email} failed: HTTP ${response.status}`);
  return cookie;
}

async function linksOnHome() {
  const html = await (await fetch(`${base}/`)).text();
  const services = [...new Set([...html.matchAll(/href="(\/poli\/[^"/]+\/servizi\/[^"]+)"/g)].map((m) => m[1]))];
  const meetings = [...new Set([...html.matchAll(/href="(\/incontri\/[^"]+)"/g)].map((m) => m[1]))];
  if (services.length === 0) throw new Error('no service page linked from the home page');
  return [...services.map((p) => [p, 200]), ...meetings.slice(0, 3).map((p) => [p, 200])];
}

const cookie = await login(FAMILY);
const coordinatorCookie = await login(COORDINATOR);
const targets = [
  ...PAGES.map(([path, status]) => ({ path, status })),
  ...(await linksOnHome()).map(([path, status]) => ({ path, status })),
  ...FAMILY_PAGES.map(([path, status]) => ({ path, status, cookie })),
  ...COORDINATOR_PAGES.map(([path, status]) => ({ path, status, cookie: coordinatorCookie })),
  // "Sposta…", "Modifica" and "Annulla" of real meetings (the ones linked from the home page).
  ...(await linksOnHome())
    .filter(([path]) => path.startsWith('/incontri/'))
    .slice(0, 2)
    .flatMap(([path]) => ['sposta', 'modifica', 'annulla'].map((page) => `/gestione/calendario${path}/${page}`))
    .map((path) => ({ path, status: 200, cookie: coordinatorCookie })),
];

// One queue, all pages interleaved, so different pages render at the same time.
const queue = [];
for (let i = 0; i < perPage; i++) for (const target of targets) queue.push(target);
const counts = new Map(targets.map((t) => [t.path, { sent: 0, statuses: {} }]));
const failures = [];
let next = 0;

async function worker() {
  while (next < queue.length) {
    const target = queue[next++];
    let status;
    try {
      const response = await fetch(`${base}${target.path}`, {
        redirect: 'manual',
        headers: target.cookie ? { cookie: target.cookie } : {},
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (error) {
      status = `network error: ${error.cause?.code ?? error.message}`;
    }
    const entry = counts.get(target.path);
    entry.sent++;
    entry.statuses[status] = (entry.statuses[status] ?? 0) + 1;
    if (status !== target.status && failures.length < 20) {
      failures.push(`${target.path}: ${status} (expected ${target.status})`);
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, worker));
const seconds = (performance.now() - started) / 1000;

let bad = 0;
for (const [path, { sent, statuses }] of counts) {
  const expected = targets.find((t) => t.path === path).status;
  const wrong = Object.entries(statuses).filter(([s]) => String(s) !== String(expected));
  bad += wrong.reduce((n, [, c]) => n + c, 0);
  console.log(`${path.padEnd(48)} ${String(sent).padStart(5)} requests  ${JSON.stringify(statuses)}`);
}
console.log(`${queue.length} requests, ${connections} connections, ${seconds.toFixed(1)} s`);
if (bad > 0) {
  console.error(`${bad} answers with the wrong status, e.g.:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
