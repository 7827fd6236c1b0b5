// class_server.mjs — starts `treatysim class` on 127.0.0.1 with a free port for the tests of
// class mode, and talks to its JSON API. Every server started here is stopped by the test.
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, existsSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'treatysim-class-'));
}

export function removeDir(dir) {
  rmSync(dir, {recursive: true, force: true});
}

// Starts the server and resolves once its ready file exists: {process, ready, base, output()}.
export async function startServer(binary, scenario, dir, extra = []) {
  const readyFile = join(dir, 'ready.json');
  rmSync(readyFile, {force: true});
  const args = ['class', scenario, '--port', '0', '--db', join(dir, 'class.sqlite'),
    '--ready-file', readyFile, ...extra];
  const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({code, signal})));
  for (let i = 0; i < 300 && !existsSync(readyFile); ++i) {
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  if (!existsSync(readyFile)) {
    child.kill('SIGKILL');
    throw new Error('the class server did not start: ' + output);
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8'));
  return {
    process: child, ready, exited,
    base: `http://127.0.0.1:${ready.port}`,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

// One JSON API call: {status, body, headers}. `raw` sends the body text as it is.
export async function call(base, method, path, {token, body, raw, headers} = {}) {
  const h = Object.assign({}, headers || {});
  if (token) h.Authorization = 'Bearer ' + token;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const response = await fetch(base + path, {method, headers: h, body: payload});
  const text = await response.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
  return {status: response.status, body: parsed, headers: response.headers};
}
