// The booking storm: N families press "Prenota" on the same meeting at the same instant.
// Usage: node benches/booking-storm.mjs BASE_URL MEETING_ID TOKENS_FILE
// TOKENS_FILE has one line per family: "<session token> <member id>". Prints one JSON line.
import { readFileSync } from 'node:fs';

const [base, meeting, tokensFile] = process.argv.slice(2);
const families = readFileSync(tokensFile, 'utf8').trim().split('\n').map((line) => line.split(' '));

async function book([token, member]) {
  const started = performance.now();
  const response = await fetch(`${base}/api/booking/book`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      cookie: `ancora_sid=${token}`,
    },
    body: `kind=incontro&id=${meeting}&members%5B%5D=${member}`,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const started = performance.now();
const results = await Promise.all(families.map(book));
const totalMs = performance.now() - started;
const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
const quantile = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
const statuses = {};
for (const { status } of results) statuses[status] = (statuses[status] ?? 0) + 1;
console.log(JSON.stringify({
  requests: results.length,
  total_ms: Math.round(totalMs),
  p50_ms: Math.round(quantile(0.5)),
  p99_ms: Math.round(quantile(0.99)),
  max_ms: Math.round(latencies[latencies.length - 1]),
  statuses,
}));
