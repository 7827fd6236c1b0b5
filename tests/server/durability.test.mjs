// durability.test.mjs — `kill -9` in the middle of a burst of actions, then a restart on the same
// database: every action the server acknowledged is there. 40 students negotiate in 20 pairs,
// all at once, while 10 more join; the server is killed without warning after 150 acknowledged
// actions, with requests still in flight. After the restart: every acknowledged join's seat works,
// every negotiation has at least as many offers as its last acknowledgement said, each
// acknowledged offer is in the history at its place with its clauses, and an acknowledged end
// (agreement, walk away) is the negotiation's end. What was in flight may or may not be there;
// whichever it is, the class goes on from it.
//
// Usage (from the source root): node tests/server/durability.test.mjs build/bin/treatysim
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, call, tempDir, removeDir, sleep} from './lib/class_server.mjs';

const binary = process.argv[2] || 'build/bin/treatysim';
const scenario = 'configs/three-clauses.toml';
const offers = [
  {ip: 'IP0', data: 'D0', dual_use: 'G0'}, {ip: 'IP1', data: 'D1', dual_use: 'G1'},
  {ip: 'IP2', data: 'D2', dual_use: 'G2'}, {ip: 'IP3', data: 'D3', dual_use: 'G3'},
];

test('kill -9 during a burst: nothing acknowledged is lost', {timeout: 120000}, async () => {
  const dir = tempDir();
  let server = await startServer(binary, scenario, dir);
  try {
    const {base} = server;
    const code = server.ready.code;
    const seats = [];
    for (let k = 0; k < 40; ++k) {
      const r = await call(base, 'POST', '/api/join', {body: {code, name: `student ${k}`}});
      assert.equal(r.status, 200);
      seats.push(r.body.seat);
    }
    const round = await call(base, 'POST', '/api/teacher/round',
      {token: server.ready.teacher_token, body: {pairing: 'students', deadline: 30}});
    assert.equal(round.status, 200);
    assert.equal(round.body.negotiations.length, 20);

    // acknowledged[negotiation] = [{offers, end, outcome?}] in the order the answers came.
    const acknowledged = new Map();
    const joined = [];
    let acks = 0;
    let killed = false;
    const note = (id, entry) => {
      if (!acknowledged.has(id)) acknowledged.set(id, []);
      acknowledged.get(id).push(entry);
    };
    const play = async (seat, index) => {
      for (let step = 0; step < 200 && !killed; ++step) {
        let me;
        try {
          me = await call(base, 'GET', '/api/me', {token: seat});
        } catch (e) {
          return;  // the server is gone
        }
        const n = me.body.negotiation;
        if (!n || n.end !== 'running') return;
        if (!n.your_turn) { await sleep(2); continue; }
        const accepting = n.answering && n.offers.length >= 6 + (index % 7);
        const outcome = offers[(index + step) % offers.length];
        try {
          const r = accepting
            ? await call(base, 'POST', '/api/accept', {token: seat})
            : await call(base, 'POST', '/api/offer', {token: seat, body: {outcome}});
          if (r.status !== 200) continue;  // e.g. raced with the other side: nothing acknowledged
          note(r.body.negotiation, {offers: r.body.offers, end: r.body.end, outcome: accepting ? null : outcome});
          acks += 1;
        } catch (e) {
          return;
        }
      }
    };
    const joiner = async () => {
      for (let k = 0; k < 10 && !killed; ++k) {
        try {
          const r = await call(base, 'POST', '/api/join', {body: {code, name: `late ${k}`}});
          if (r.status === 200) joined.push(r.body.seat);
        } catch (e) {
          return;
        }
        await sleep(5);
      }
    };
    const players = [...seats.map((seat, index) => play(seat, index)), joiner()];
    for (let k = 0; k < 3000 && acks < 150; ++k) await sleep(2);
    assert.ok(acks >= 150, `only ${acks} actions acknowledged`);
    killed = true;
    server.process.kill('SIGKILL');  // requests are still in flight
    await server.exited;
    await Promise.all(players);

    server = await startServer(binary, scenario, dir);
    const base2 = server.base;
    for (const seat of [...seats, ...joined]) {
      assert.equal((await call(base2, 'GET', '/api/me', {token: seat})).status, 200, 'an acknowledged seat works');
    }
    const results = (await call(base2, 'GET', '/api/teacher/results', {token: server.ready.teacher_token})).body;
    const byId = new Map(results.rounds[0].negotiations.map((n) => [n.id, n]));
    let checked = 0;
    for (const [id, entries] of acknowledged) {
      const n = byId.get(id);
      const history = n.trace.events.filter((e) => e.type === 'offer');
      for (const entry of entries) {
        assert.ok(n.offers >= entry.offers, `negotiation ${id}: ${n.offers} offers saved, ${entry.offers} acknowledged`);
        if (entry.outcome) assert.deepEqual(history[entry.offers - 1].outcome, entry.outcome, `negotiation ${id}, offer ${entry.offers}`);
        if (entry.end !== 'running') assert.equal(n.end, entry.end, `negotiation ${id} ended`);
        checked += 1;
      }
    }
    assert.equal(checked, acks);

    // …and the class goes on: every running negotiation can still be played to its end.
    for (const seat of seats) {
      for (let step = 0; step < 40; ++step) {
        const n = (await call(base2, 'GET', '/api/me', {token: seat})).body.negotiation;
        if (n.end !== 'running' || !n.your_turn) break;
        const r = n.answering ? await call(base2, 'POST', '/api/accept', {token: seat})
          : await call(base2, 'POST', '/api/offer', {token: seat, body: {outcome: offers[0]}});
        assert.equal(r.status, 200);
      }
    }
  } finally {
    await server.stop('SIGKILL');
    removeDir(dir);
  }
});
