// projector_screenshot.mjs — not a test: draws the projector after a round of 60 simulated
// students (30 pairs) on the STA scenario and saves it as assets/class-teacher-round.png, the
// picture of docs/class-mode.md. Uses Debian's chromium through puppeteer-core, as the browser
// test does.
//
// Usage (from the source root): node tests/server/projector_screenshot.mjs build/bin/treatysim
import {join} from 'node:path';
import {createRequire} from 'node:module';
import {startServer, call, tempDir, removeDir} from './lib/class_server.mjs';
import {simulateClass} from './lib/simulated_class.mjs';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core');
const binary = process.argv[2] || 'build/bin/treatysim';
const dir = tempDir();
const server = await startServer(binary, 'configs/sta-2024.toml', dir);
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium', headless: true, userDataDir: join(dir, 'profile'),
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  await simulateClass(server, 60, {seed: 5, deadline: 40});
  await call(server.base, 'POST', '/api/teacher/reveal', {token: server.ready.teacher_token});
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 800});
  await page.goto(server.ready.teacher_url);
  await page.waitForSelector('#plot circle.deal.current');
  await page.evaluate(() => document.getElementById('hide-names').click());
  await page.screenshot({path: 'assets/class-teacher-round.png'});
  console.log('wrote assets/class-teacher-round.png');
} finally {
  await browser.close();
  await server.stop();
  removeDir(dir);
}
