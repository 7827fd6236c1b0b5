// simulated_class.mjs — a class of simulated students for the load test and the benchmark: each
// joins over HTTP, listens to its event stream, and when it is its turn makes an offer (conceding
// clause by clause from its best outcome, by the worths the server sends), or accepts once its own
// patience runs out, never below its reservation value. Bounded: every loop has a fixed maximum, and the run stops by itself.
import {call, events, sleep} from './class_server.mjs';

// A small seeded generator (mulberry32), so that a run is the same every time.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Waits for change events on the student's stream; `next(ms)` resolves at the next one (at once
// when one came since the last call), or after `ms`.
function eventStream(base, seat) {
  let waiting = [];
  let pending = false;
  const stream = events(base, '/api/events', seat, () => {
    pending = true;
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  });
  return {
    next(ms) {
      if (pending) { pending = false; return Promise.resolve(); }
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiting.push(() => { clearTimeout(timer); resolve(); });
      }).then(() => { pending = false; });
    },
    close() { stream.close(); },
  };
}

// The offer after `step` concessions: on each clause, the options ranked by their worth to the
// student, walking one rank down every `pace` steps on the clause chosen by `random`.
function concede(view, ranks, state, random) {
  const issues = Object.keys(view.worth);
  const issue = issues[Math.floor(random() * issues.length)];
  state[issue] = Math.min(state[issue] + 1, ranks[issue].length - 1);
  const outcome = {};
  for (const i of issues) outcome[i] = ranks[i][state[i]];
  return outcome;
}

// Runs `count` students through one round started by the teacher; resolves to
// {latencies: [ms of every action], actions, ends: {end: count}, students}.
export async function simulateClass(server, count, {seed = 1, deadline = 20, pairing = 'students',
  maxSeconds = 120} = {}) {
  const {base, ready} = server;
  const seats = [];
  for (let i = 0; i < count; ++i) {
    const answer = await call(base, 'POST', '/api/join', {body: {code: ready.code, name: `student ${i + 1}`}});
    if (answer.status !== 200) throw new Error('join failed: ' + JSON.stringify(answer.body));
    seats.push(answer.body.seat);
  }
  const streams = seats.map((seat) => eventStream(base, seat));
  await sleep(200);  // let the streams open
  const started = await call(base, 'POST', '/api/teacher/round', {token: ready.teacher_token,
    body: {pairing, deadline}});
  if (started.status !== 200) throw new Error('round failed: ' + JSON.stringify(started.body));
  const stopAt = Date.now() + maxSeconds * 1000;
  const latencies = [];
  const ends = {};
  const timed = async (path, seat, body) => {
    const begin = process.hrtime.bigint();
    const answer = await call(base, 'POST', path, {token: seat, body});
    latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const student = async (index) => {
    const seat = seats[index];
    const random = generator(seed * 1000 + index);
    const patience = 6 + Math.floor(random() * 14);  // accepts from this offer index on
    let ranks = null;
    let state = null;
    for (let step = 0; step < 400 && Date.now() < stopAt; ++step) {
      const me = (await call(base, 'GET', '/api/me', {token: seat})).body;
      const n = me.negotiation;
      if (!n) { await streams[index].next(500); continue; }
      if (n.end !== 'running') { ends[n.end] = (ends[n.end] || 0) + 1; return; }
      if (!n.your_turn) { await streams[index].next(2000); continue; }
      if (!ranks) {
        ranks = {};
        state = {};
        for (const [issue, worth] of Object.entries(n.worth)) {
          ranks[issue] = Object.keys(worth).sort((a, b) => worth[b] - worth[a]);
          state[issue] = 0;
        }
      }
      // A sensible student never accepts less than no deal (its reservation value).
      const pending = n.answering ? n.offers[n.offers.length - 1] : null;
      const acceptable = pending && pending.utility >= n.reservation;
      if (n.answering && n.last_offer && !acceptable) {
        await timed('/api/reject', seat, {negotiation: n.id});
      } else if (n.answering && acceptable && (n.offer_index >= patience || n.last_offer)) {
        await timed(n.last_offer && random() < 0.3 ? '/api/reject' : '/api/accept', seat, {negotiation: n.id});
      } else {
        const outcome = n.offers.length < 2 ? n.best_outcome : concede(n, ranks, state, random);
        await timed('/api/offer', seat, {negotiation: n.id, outcome});
      }
    }
    throw new Error(`student ${index + 1} did not finish in time`);
  };
  try {
    await Promise.all(seats.map((_, i) => student(i)));
  } finally {
    for (const s of streams) s.close();
  }
  return {latencies, actions: latencies.length, ends, students: count};
}

// The p-th percentile (0–100) of `values`, by the nearest-rank method.
export function percentile(values, p) {
  const sorted = values.slice().sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// CPU seconds (user + system) and peak resident memory (MiB) of a process, from /proc.
import {readFileSync} from 'node:fs';
export function processUsage(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100;  // USER_HZ on Linux
  const cpu = (Number(fields[11]) + Number(fields[12])) / ticks;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = Number((status.match(/VmHWM:\s+(\d+) kB/) || [0, 0])[1]) / 1024;
  return {cpuSeconds: cpu, peakMiB: hwm};
}
