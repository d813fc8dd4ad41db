// Register saves: CONNECTIONS staff phones tap marks on one meeting's register for SECONDS,
// each tap a new mark (a new client id) for a random person, the way the register island sends
// it. Usage: node benches/register-save.mjs BASE_URL MEETING_ID STAFF_TOKEN MEMBERS_FILE
// [CONNECTIONS=8] [SECONDS=10]. MEMBERS_FILE: "<anything> <member id>" per line. Prints JSON.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [base, meeting, token, membersFile, connections = '8', seconds = '10'] = process.argv.slice(2);
const members = readFileSync(membersFile, 'utf8').trim().split('\n').map((line) => line.split(' ')[1]);
const marks = ['present', 'late', 'excused', 'absent'];
const until = performance.now() + Number(seconds) * 1000;
const latencies = [];
const statuses = {};

async function phone() {
  while (performance.now() < until) {
    const member = members[Math.floor(Math.random() * members.length)];
    const mark = marks[Math.floor(Math.random() * marks.length)];
    const started = performance.now();
    const response = await fetch(`${base}/api/register/mark`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        cookie: `ancora_sid=${token}`,
      },
      body: `meeting=${meeting}&member=${member}&mark=${mark}&client_id=${randomUUID()}`,
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: Number(connections) }, phone));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const quantile = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
console.log(JSON.stringify({
  requests: latencies.length,
  rps: Math.round(latencies.length / elapsed),
  p50_ms: +quantile(0.5).toFixed(1),
  p99_ms: +quantile(0.99).toFixed(1),
  statuses,
}));
