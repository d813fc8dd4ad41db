// Fault injection, part 1: a booking storm the server is killed in the middle of.
// Usage: node benches/fault-storm.mjs BASE_URL TOKENS_FILE MEETING_IDS(comma-separated) TOLD_FILE
// Every family (TOKENS_FILE: "<session token> <member id>" per line) books every meeting in turn,
// all families at once, as a family without JavaScript would (a form post answered by a redirect
// to the booking). A booking the client "was told about" is one whose answer redirected to it:
// its id goes to TOLD_FILE, one "<booking id> <member id> <meeting id>" per line. A dropped
// connection (the server killed) is tried again until the server is back; the first try may have
// been saved, unseen, and the second is then refused as a double booking: never told, never lost.
// Prints one JSON line of counts; exits 1 on any 5xx other than the 503 of a restart.
import { readFileSync, writeFileSync } from 'node:fs';

const [base, tokensFile, meetingList, toldFile] = process.argv.slice(2);
const families = readFileSync(tokensFile, 'utf8').trim().split('\n').map((line) => line.split(' '));
const meetings = meetingList.split(',');
const deadline = Date.now() + 120_000;
const statuses = {};
const told = [];
let retries = 0;

const count = (key) => { statuses[key] = (statuses[key] ?? 0) + 1; };
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function book(token, member, meeting) {
  for (;;) {
    if (Date.now() > deadline) { count('gave up'); return; }
    try {
      const response = await fetch(`${base}/api/booking/book`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: base,
          cookie: `ancora_sid=${token}`,
        },
        body: `kind=incontro&id=${meeting}&members%5B%5D=${member}`,
        signal: AbortSignal.timeout(30_000),
      });
      await response.arrayBuffer();
      count(String(response.status));
      if (response.status === 503) { retries++; await pause(200); continue; }
      const where = response.headers.get('location') ?? '';
      const id = where.match(/prenotazione=([0-9a-f-]{36})/);
      if (id) told.push(`${id[1]} ${member} ${meeting}`);
      return;
    } catch {
      // The server is gone (killed) or not yet back: the same booking again, shortly.
      count('connection lost');
      retries++;
      await pause(200);
    }
  }
}

async function family([token, member]) {
  for (const meeting of meetings) await book(token, member, meeting);
}

const started = performance.now();
await Promise.all(families.map(family));
writeFileSync(toldFile, told.join('\n') + '\n');
const serverErrors = Object.entries(statuses)
  .filter(([code]) => /^5\d\d$/.test(code) && code !== '503')
  .reduce((sum, [, n]) => sum + n, 0);
console.log(JSON.stringify({
  requests_answered: Object.entries(statuses).filter(([code]) => /^\d+$/.test(code)).reduce((s, [, n]) => s + n, 0),
  told: told.length,
  retries,
  total_ms: Math.round(performance.now() - started),
  statuses,
  server_errors: serverErrors,
}));
process.exit(serverErrors === 0 ? 0 : 1);
