// transport.test.mjs — what a hostile or broken client can do to the HTTP side of `treatysim
// class`, and that the class goes on: requests dripped a byte at a time (slowloris) while others
// are answered at once; a seat opening more event streams than it may (the oldest close); a
// process limited to 64 open files flooded with connections (it refuses them without spinning on the CPU, and serves again
// once they close). Every test stops its server; every loop is bounded.
//
// Usage (from the source root): node tests/server/transport.test.mjs build/bin/treatysim
import {test} from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import {startServer, call, tempDir, removeDir, sleep} from './lib/class_server.mjs';
import {processUsage} from './lib/simulated_class.mjs';

const binary = process.argv[2] || 'build/bin/treatysim';
const scenario = 'configs/three-clauses.toml';

// Opens a connection and writes `text`; resolves to the socket once connected.
function connect(port, text = '') {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { if (text) socket.write(text); resolve(socket); });
    socket.on('error', () => resolve(socket));
  });
}

async function timed(promise) {
  const begin = performance.now();
  const value = await promise;
  return {value, ms: performance.now() - begin};
}

async function joinAll(server, names) {
  const seats = [];
  for (const name of names) {
    const r = await call(server.base, 'POST', '/api/join', {body: {code: server.ready.code, name}});
    assert.equal(r.status, 200);
    seats.push(r.body.seat);
  }
  return seats;
}

test('slow and greedy clients do not hold up the class', {timeout: 60000}, async () => {
  const dir = tempDir();
  const server = await startServer(binary, scenario, dir);
  const sockets = [];
  try {
    const port = server.ready.port;
    // Forty requests dripped one byte every 100 ms: none of them holds the single server thread.
    const request = 'GET /api/scenario HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(200) + '\r\n\r\n';
    for (let k = 0; k < 40; ++k) sockets.push(await connect(port, request.slice(0, 5)));
    let sent = 5;
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write(request[sent] ?? '');
      sent += 1;
    }, 100);
    try {
      for (let k = 0; k < 10; ++k) {
        const {value, ms} = await timed(call(server.base, 'GET', '/api/scenario'));
        assert.equal(value.status, 200);
        assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms while 40 requests drip`);
        await sleep(50);
      }
    } finally {
      clearInterval(drip);
    }

    // A seat may hold 4 event streams: a fifth closes the oldest.
    const [seat] = await joinAll(server, ['Ada']);
    const streams = [];
    for (let k = 0; k < 6; ++k) {
      const s = await connect(port, `GET /api/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${seat}\r\n\r\n`);
      s.closedByServer = false;
      s.on('close', () => { s.closedByServer = true; });
      s.resume();
      streams.push(s);
      await sleep(50);
    }
    await sleep(300);
    assert.deepEqual(streams.map((s) => s.closedByServer), [true, true, false, false, false, false]);
    for (const s of streams) s.destroy();

    assert.equal((await call(server.base, 'GET', '/api/teacher/state', {token: server.ready.teacher_token})).status, 200);
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop('SIGKILL');
    removeDir(dir);
  }
});

test('out of file descriptors: connections are refused without spinning, then served again', {timeout: 60000}, async () => {
  const dir = tempDir();
  const server = await startServer(binary, scenario, dir, [], {fileLimit: 64});
  const sockets = [];
  try {
    const port = server.ready.port;
    const cpu = () => processUsage(server.process.pid).cpuSeconds;
    for (let k = 0; k < 200; ++k) sockets.push(await connect(port, 'GET / HTTP/1.1\r\n'));
    const start = cpu();
    await sleep(2000);
    const spent = cpu() - start;
    assert.ok(spent < 0.3, `${spent.toFixed(2)} CPU seconds in 2 s with every descriptor taken`);
    for (const s of sockets) s.destroy();
    sockets.length = 0;
    await sleep(300);
    const r = await call(server.base, 'GET', '/api/scenario');
    assert.equal(r.status, 200);
  } finally {
    for (const s of sockets) s.destroy();
    await server.stop('SIGKILL');
    removeDir(dir);
  }
});
