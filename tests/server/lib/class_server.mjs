// class_server.mjs — starts `treatysim class` on 127.0.0.1 with a free port for the tests of
// class mode, and talks to its JSON API. Every server started here is stopped by the test.
import {spawn} from 'node:child_process';
import http from 'node:http';
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
// `fileLimit` starts it with at most that many open files (soft and hard limit, as `ulimit -n`).
export async function startServer(binary, scenario, dir, extra = [], {fileLimit} = {}) {
  const readyFile = join(dir, 'ready.json');
  rmSync(readyFile, {force: true});
  const args = ['class', scenario, '--port', '0', '--db', join(dir, 'class.sqlite'),
    '--ready-file', readyFile, ...extra];
  const child = fileLimit
    ? spawn('/bin/sh', ['-c', `ulimit -n ${Number(fileLimit)} && exec "$0" "$@"`, binary, ...args],
      {stdio: ['ignore', 'pipe', 'pipe']})
    : spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
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

// Connections are kept open between calls (as a browser does); answers are small, so the
// sockets send at once (no Nagle delay), as a browser's do.
const agent = new http.Agent({keepAlive: true, maxSockets: Infinity});

// One JSON API call: {status, body, headers}. `raw` sends the body text as it is.
export function call(base, method, path, {token, body, raw, headers} = {}) {
  const h = Object.assign({}, headers || {});
  if (token) h.Authorization = 'Bearer ' + token;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  if (payload !== undefined) h['Content-Length'] = Buffer.byteLength(payload);
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const request = http.request({host: url.hostname, port: url.port, method, path: url.pathname + url.search,
      headers: h, agent}, (response) => {
      const chunks = [];
      response.on('data', (d) => chunks.push(d));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        try { parsed = JSON.parse(text); } catch (e) { parsed = text; }
        resolve({status: response.statusCode, body: parsed, headers: response.headers});
      });
      response.on('error', reject);
    });
    request.setNoDelay(true);
    request.on('error', reject);
    request.end(payload);
  });
}

// An event stream (GET /api/events): calls onChange() for every change event; close() ends it.
export function events(base, path, token, onChange) {
  const url = new URL(path, base);
  let closed = false;
  const request = http.get({host: url.hostname, port: url.port, path: url.pathname,
    headers: {Authorization: 'Bearer ' + token}}, (response) => {
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (d) => {
      buffer += d;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        if (buffer.slice(0, end).includes('event: change')) onChange();
        buffer = buffer.slice(end + 2);
      }
    });
    response.on('error', () => {});
  });
  request.on('error', () => {});
  return {close() { if (!closed) { closed = true; request.destroy(); } }};
}
