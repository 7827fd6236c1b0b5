// load.test.mjs — a class of 60 simulated students (30 pairs) on 127.0.0.1 plays a round of up to
// 20 offers per negotiation: every negotiation ends, and every one is saved (the server's results
// and `treatysim class-export` of its database after it stops list all 30, none running).
//
// Usage (from the source root): node tests/server/load.test.mjs build/bin/treatysim
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {startServer, call, tempDir, removeDir} from './lib/class_server.mjs';
import {simulateClass, percentile, processUsage} from './lib/simulated_class.mjs';

const binary = process.argv[2] || 'build/bin/treatysim';

test('60 students finish a round and every negotiation is saved', {timeout: 180000}, async () => {
  const dir = tempDir();
  const server = await startServer(binary, 'configs/three-clauses.toml', dir);
  try {
    const run = await simulateClass(server, 60, {seed: 3, deadline: 20});
    const ended = Object.values(run.ends).reduce((a, b) => a + b, 0);
    assert.equal(ended, 60, 'every student saw the end of their negotiation');
    const results = (await call(server.base, 'GET', '/api/teacher/results', {token: server.ready.teacher_token})).body;
    const negotiations = results.rounds[0].negotiations;
    assert.equal(negotiations.length, 30);
    for (const n of negotiations) {
      assert.notEqual(n.end, 'running');
      assert.ok(n.offers >= 1 && n.offers <= 20, `offers ${n.offers}`);
      assert.equal(n.a.student !== undefined && n.b.student !== undefined, true);
    }
    console.log(`# ${run.actions} actions; round trip p50 ${percentile(run.latencies, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(run.latencies, 95).toFixed(1)} ms; ends ${JSON.stringify(run.ends)}`);
    const usage = processUsage(server.process.pid);
    console.log(`# server: ${usage.cpuSeconds.toFixed(2)} CPU seconds, peak ${usage.peakMiB.toFixed(1)} MiB`);
    const status = await server.stop('SIGINT');
    assert.equal(status.code, 130, 'Ctrl-C stops with status 130');
    execFileSync(binary, ['class-export', join(dir, 'class.sqlite'), '--out', join(dir, 'export')]);
    const rows = readFileSync(join(dir, 'export', 'negotiations.csv'), 'utf8').trim().split('\n');
    assert.equal(rows.length, 31);
    for (const row of rows.slice(1)) assert.match(row, /,(agreement|walk_away|deadline),[01],/);
  } finally {
    await server.stop('SIGKILL');
    removeDir(dir);
  }
});
