// api.test.mjs — the JSON API of `treatysim class` over loopback: a full round between two
// students and an odd one against the agent; every bad request of the issue through the real
// HTTP stack (413 before the body is read whole, malformed HTTP, malformed JSON, 401, 403, 409,
// unknown issue/option/missing issue) with nothing changed; the event stream; `kill -9` and a
// restart on the same database with nothing lost (lobby, round, offers, seats, code, secret),
// then the round played to its end; Ctrl-C (status 130); class-export; `treatysim replay` of an
// exported trace; a database made for another scenario refused (status 2).
//
// Usage (from the source root): node tests/server/api.test.mjs build/bin/treatysim
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import net from 'node:net';
import {join} from 'node:path';
import {startServer, call, events, tempDir, removeDir, sleep} from './lib/class_server.mjs';

const binary = process.argv[2] || 'build/bin/treatysim';
const scenario = 'configs/three-clauses.toml';
const good = {ip: 'IP1', data: 'D1', dual_use: 'G2'};

// Sends raw bytes and returns the raw answer (for what a well-behaved client never sends).
function rawRequest(port, bytes) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => { answer += d; });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.setTimeout(5000, () => socket.destroy());
    socket.write(bytes);
  });
}

test('a round over loopback, every bad request, kill -9 and restart', {timeout: 120000}, async () => {
  const dir = tempDir();
  let server = await startServer(binary, scenario, dir);
  try {
    const {base} = server;
    const teacher = server.ready.teacher_token;
    assert.match(server.ready.code, /^[A-HJ-NP-Y]{5}$/);
    assert.match(teacher, /^[0-9a-f]{32}$/);
    assert.ok(server.ready.student_url.endsWith('/?code=' + server.ready.code));
    assert.ok(server.ready.teacher_url.endsWith('/teacher#' + teacher));
    assert.match(server.output(), /Students: open http:\/\/127\.0\.0\.1:\d+\/\?code=/);

    const seats = {};
    for (const name of ['Ada', 'Ben', 'Cy']) {
      const r = await call(base, 'POST', '/api/join', {body: {code: server.ready.code.toLowerCase(), name}});
      assert.equal(r.status, 200, JSON.stringify(r.body));
      seats[name] = r.body.seat;
    }
    // The teacher's event stream hears of changes.
    let teacherChanges = 0;
    const stream = events(base, '/api/teacher/events', teacher, () => { teacherChanges += 1; });
    await sleep(200);
    const started = await call(base, 'POST', '/api/teacher/round', {token: teacher, body: {pairing: 'students'}});
    assert.equal(started.status, 200);
    assert.equal(started.body.negotiations.length, 2);  // one pair, one student against the agent

    const views = {};
    for (const [name, seat] of Object.entries(seats)) views[name] = (await call(base, 'GET', '/api/me', {token: seat})).body;
    const paired = Object.keys(views).filter((n) => !views[n].negotiation.opponent.agent);
    assert.equal(paired.length, 2);
    const mover = paired.find((n) => views[n].negotiation.your_turn);
    const waiter = paired.find((n) => n !== mover);
    const loner = Object.keys(views).find((n) => views[n].negotiation.opponent.agent);
    assert.equal(views[mover].negotiation.party, 'us');

    // Every bad request: the right status, a message, and nothing changed.
    const before = JSON.stringify((await call(base, 'GET', '/api/teacher/results', {token: teacher})).body);
    const refused = [
      ['body over 64 KiB', 'POST', '/api/offer', {token: seats[mover], raw: '{"outcome": "' + 'x'.repeat(70000) + '"}'}, 413],
      ['malformed JSON', 'POST', '/api/offer', {token: seats[mover], raw: '{"outcome": {'}, 400],
      ['unknown issue', 'POST', '/api/offer', {token: seats[mover], body: {outcome: {...good, term: 'T1'}}}, 400, 'unknown issue "term"'],
      ['unknown option', 'POST', '/api/offer', {token: seats[mover], body: {outcome: {...good, ip: 'IP7'}}}, 400, 'unknown option "IP7"'],
      ['missing issue', 'POST', '/api/offer', {token: seats[mover], body: {outcome: {ip: 'IP1', data: 'D1'}}}, 400, 'missing issue "dual_use"'],
      ['no seat', 'POST', '/api/offer', {body: {outcome: good}}, 401],
      ['no secret', 'POST', '/api/teacher/round', {body: {pairing: 'students'}}, 401],
      ['a seat as the teacher', 'POST', '/api/teacher/reveal', {token: seats[mover]}, 401],
      ['a wrong secret', 'GET', '/api/teacher/state', {token: '0'.repeat(32)}, 401],
      ['a wrong code', 'POST', '/api/join', {body: {code: 'QQQQQ', name: 'Eve'}}, 403],
      ['a name of 41 characters', 'POST', '/api/join', {body: {code: server.ready.code, name: 'x'.repeat(41)}}, 400],
      ['another\u2019s negotiation', 'POST', '/api/offer', {token: seats[mover], body: {negotiation: views[loner].negotiation.id, outcome: good}}, 403],
      ['someone else\u2019s turn', 'POST', '/api/offer', {token: seats[waiter], body: {outcome: good}}, 409, 'not your turn'],
      ['a round while one runs', 'POST', '/api/teacher/round', {token: teacher, body: {pairing: 'agents'}}, 409],
    ];
    for (const [what, method, path, options, status, message] of refused) {
      const r = await call(base, method, path, options);
      assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body).slice(0, 200)}`);
      assert.equal(typeof r.body.error, 'string', what);
      if (message) assert.ok(r.body.error.includes(message), `${what}: ${r.body.error}`);
    }
    // Malformed HTTP is answered 400 by the transport, and the server goes on.
    const garbage = await rawRequest(server.ready.port, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400/);
    const huge = await rawRequest(server.ready.port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Big: ' + 'a'.repeat(20000) + '\r\n\r\n');
    assert.match(huge, /^HTTP\/1\.1 431/);
    const after = JSON.stringify((await call(base, 'GET', '/api/teacher/results', {token: teacher})).body);
    assert.equal(after, before, 'a refused request changes nothing');

    // A page carries its Content-Security-Policy.
    const page = await fetch(base + '/');
    assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);

    // Three offers, then the server is killed without warning.
    assert.equal((await call(base, 'POST', '/api/offer', {token: seats[mover], body: {outcome: good}})).status, 200);
    assert.equal((await call(base, 'POST', '/api/offer', {token: seats[waiter], body: {outcome: {ip: 'IP3', data: 'D2', dual_use: 'G1'}}})).status, 200);
    assert.equal((await call(base, 'POST', '/api/offer', {token: seats[mover], body: {outcome: {ip: 'IP2', data: 'D1', dual_use: 'G2'}}})).status, 200);
    const lonerView = (await call(base, 'GET', '/api/me', {token: seats[loner]})).body;
    if (lonerView.negotiation.your_turn) {
      assert.equal((await call(base, 'POST', '/api/offer', {token: seats[loner], body: {outcome: good}})).status, 200);
    }
    await sleep(100);
    assert.ok(teacherChanges >= 3, `the teacher's stream heard ${teacherChanges} changes`);
    stream.close();
    const snapshot = {};
    for (const [name, seat] of Object.entries(seats)) snapshot[name] = (await call(base, 'GET', '/api/me', {token: seat})).body;
    const results = (await call(base, 'GET', '/api/teacher/results', {token: teacher})).body;
    const code = server.ready.code;
    server.process.kill('SIGKILL');
    await server.exited;

    server = await startServer(binary, scenario, dir);
    assert.match(server.output(), /Resumed the class/);
    assert.equal(server.ready.code, code, 'the code survives');
    assert.equal(server.ready.teacher_token, teacher, 'the secret survives');
    const base2 = server.base;
    for (const [name, seat] of Object.entries(seats)) {
      const view = (await call(base2, 'GET', '/api/me', {token: seat})).body;
      delete view.version;
      delete snapshot[name].version;
      assert.deepEqual(view, snapshot[name], `${name}'s seat and negotiation are back`);
    }
    assert.deepEqual((await call(base2, 'GET', '/api/teacher/results', {token: teacher})).body, results);

    // …and the round goes on to its end.
    assert.equal((await call(base2, 'POST', '/api/accept', {token: seats[waiter]})).status, 200);
    const ended = await call(base2, 'POST', '/api/offer', {token: seats[mover], body: {outcome: good}});
    assert.equal(ended.status, 409);
    assert.match(ended.body.error, /has ended/);
    assert.equal((await call(base2, 'POST', '/api/teacher/end', {token: teacher})).status, 200);
    assert.equal((await call(base2, 'POST', '/api/teacher/reveal', {token: teacher})).status, 200);
    const csv = await call(base2, 'GET', '/api/teacher/export.csv', {token: teacher});
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    assert.match(csv.body, /^index,round,scenario,seed,competitor_a,party_a,student_a,/);

    // Ctrl-C: status 130, everything saved; the export works on the stopped class.
    const status = await server.stop('SIGINT');
    assert.equal(status.code, 130);
    const out = join(dir, 'export');
    execFileSync(binary, ['class-export', join(dir, 'class.sqlite'), '--out', out]);
    const rows = readFileSync(join(out, 'negotiations.csv'), 'utf8').trim().split('\n');
    assert.equal(rows.length, 3);
    // IP2/D1/G2 accepted at the third offer: u_us = .5·.6 + .3·.7 + .2·.6 = .63,
    // u_cn = .2·.8 + .3·.5 + .5·.6 = .61 (no discounting).
    assert.ok(rows.some((r) => r.includes(',human,us,' + mover + ',human,cn,' + waiter + ',agreement,1,3,0.63,0.61,1.24,')), rows.join('\n'));
    assert.ok(rows.some((r) => r.includes(',human,us,' + loner + ',') || r.includes(',cn,' + loner + ',')), 'the odd student against the agent');
    const traces = readdirSync(join(out, 'traces')).sort();
    assert.deepEqual(traces, ['1.json', '2.json']);
    for (const trace of traces) {
      const replay = spawnSync(binary, ['replay', join(out, 'traces', trace)], {encoding: 'utf8'});
      assert.equal(replay.status, 0, replay.stdout + replay.stderr);
    }

    // A database made for another scenario is refused, with a message.
    const other = spawnSync(binary, ['class', 'configs/split-the-pie.toml', '--port', '0', '--db',
      join(dir, 'class.sqlite')], {encoding: 'utf8', timeout: 20000});
    assert.equal(other.status, 2);
    assert.match(other.stderr, /made for scenario "three-clauses"/);
  } finally {
    await server.stop('SIGKILL');
    removeDir(dir);
  }
});
