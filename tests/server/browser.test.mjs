// browser.test.mjs — class mode in a real browser: Debian's chromium, headless, driven by
// puppeteer-core (no browser download). The teacher page (1280×800, a projector) and two
// student pages (one at phone size, 360×640) join, the students negotiate to an agreement on
// the Nash outcome, the projector shows the deal, the teacher reveals, and the phone shows where
// the deal sits. A name with HTML in it stays text everywhere. No page logs an error (a CSP
// violation would). Screenshots go to a temporary folder; with TREATYSIM_UPDATE_ASSETS=1 they
// are copied to assets/ (class-student-phone.png, class-student-reveal.png,
// class-teacher-projector.png).
//
// Usage (from the source root): node tests/server/browser.test.mjs build/bin/treatysim
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {createRequire} from 'node:module';
import {startServer, call, tempDir, removeDir} from './lib/class_server.mjs';

const require = createRequire(import.meta.url);
const puppeteer = require('puppeteer-core');
const binary = process.argv[2] || 'build/bin/treatysim';
// The second student's name carries HTML: it must stay text on every page. The pictures for the
// README (TREATYSIM_UPDATE_ASSETS=1) use a plain name instead, the one a reader expects to see.
const updateAssets = process.env.TREATYSIM_UPDATE_ASSETS === '1';
const hostile = updateAssets ? 'Grace' : 'Grace <img src=x onerror=alert(1)>';

test('two students negotiate to a deal the projector shows', {timeout: 120000}, async () => {
  const dir = tempDir();
  const server = await startServer(binary, 'configs/three-clauses.toml', dir);
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir: join(dir, 'profile'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync'],
  });
  const problems = [];
  const watch = (page, who) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${who}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${who}: ${e.message}`));
    page.on('dialog', (d) => { problems.push(`${who}: dialog ${d.message()}`); d.dismiss(); });
  };
  try {
    const {ready} = server;
    const teacher = await browser.newPage();
    watch(teacher, 'teacher');
    await teacher.setViewport({width: 1280, height: 800});
    await teacher.goto(ready.teacher_url);
    await teacher.waitForFunction((code) => document.getElementById('join-code').textContent === code, {}, ready.code);
    // The secret leaves the address bar (the room reads the projector), and a reload still works.
    assert.equal(new URL(teacher.url()).hash, '', 'the secret is gone from the URL');
    await teacher.reload();
    await teacher.waitForFunction((code) => document.getElementById('join-code').textContent === code, {}, ready.code);

    // Two students, each in a context of their own (their own storage, as on two phones).
    const students = [];
    for (const [name, viewport] of [['Ada', {width: 360, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true}],
      [hostile, {width: 1024, height: 768}]]) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      watch(page, name);
      await page.setViewport(viewport);
      await page.goto(ready.student_url);
      await page.waitForSelector('#join:not([hidden])');
      assert.equal(await page.$eval('#code', (e) => e.value), ready.code, 'the QR URL fills in the code');
      await page.type('#name', name);
      await page.click('#join-form button[type=submit]');
      await page.waitForFunction(() => document.querySelector('#view h1')?.textContent.startsWith('You are in'));
      students.push({name, page});
    }
    await teacher.waitForFunction(() => document.querySelectorAll('#panel-class .names li').length === 2);
    const names = await teacher.$$eval('#panel-class .names li', (items) => items.map((i) => i.textContent));
    assert.ok(names.includes(hostile), 'the name is shown as text');
    assert.equal(await teacher.$$eval('#panel-class .names img', (i) => i.length), 0, 'no element made from a name');

    // The teacher starts a round of students against students.
    await teacher.click('#tab-controls');
    await teacher.click('#start-round');
    for (const s of students) {
      await s.page.waitForFunction(() => document.querySelector('.headline h1')?.textContent.startsWith('You negotiate for'));
      s.side = await s.page.$eval('.headline h1', (h) => h.textContent);
    }
    const us = students.find((s) => s.side.endsWith('United States'));
    const cn = students.find((s) => s !== us);
    assert.ok(us && cn, 'one student on each side');

    // The U.S. student builds the Nash outcome clause by clause and proposes it.
    const analysis = (await call(server.base, 'GET', '/api/teacher/analysis', {token: ready.teacher_token})).body;
    const nash = analysis.solutions.find((s) => s.name === 'nash');
    await us.page.waitForSelector('.builder');
    for (const [issue, option] of Object.entries(nash.outcome)) await us.page.click(`#opt-${issue}-${option}`);
    await us.page.waitForFunction((u) => document.getElementById('draft-utility')?.textContent === u, {},
      nash.utilities[0].toFixed(2));
    if (us.name === 'Ada') await us.page.screenshot({path: join(dir, 'class-student-phone.png')});
    await us.page.click('.builder button.primary');

    // China's student sees the offer, worth Nash's value to China, and accepts it.
    await cn.page.waitForSelector('.pending');
    const worth = await cn.page.$eval('.pending .big strong', (s) => s.textContent);
    assert.equal(worth, nash.utilities[1].toFixed(2));
    if (cn.name === 'Ada') await cn.page.screenshot({path: join(dir, 'class-student-phone.png')});
    await cn.page.click('.pending button.primary');
    for (const s of students) await s.page.waitForSelector('.result');

    // The projector shows the deal in the outcome space and the result.
    await teacher.waitForSelector('#plot circle.deal.current');
    await teacher.waitForFunction(() => !document.getElementById('panel-results').hidden);
    const title = await teacher.$eval('#round-title', (t) => t.textContent);
    assert.equal(title, 'Round 1 · students · 1/1 · ended');
    await teacher.click('#tab-pairs');
    const status = await teacher.$eval('.pair-status', (s) => s.textContent);
    assert.equal(status, `${nash.utilities[0].toFixed(2)} / ${nash.utilities[1].toFixed(2)}`);
    await teacher.click('#tab-results');
    await teacher.screenshot({path: join(dir, 'class-teacher-projector.png')});

    // The reveal: the phone shows its deal on the frontier.
    await teacher.click('#tab-controls');
    await teacher.click('#reveal');
    const ada = students.find((s) => s.name === 'Ada');
    await ada.page.waitForSelector('.reveal svg circle.deal.yours');
    const verdict = await ada.page.$eval('.reveal p', (p) => p.textContent);
    assert.match(verdict, /on the frontier/);
    await ada.page.$eval('.reveal', (r) => r.scrollIntoView());
    await ada.page.screenshot({path: join(dir, 'class-student-reveal.png')});

    // A reload brings the student back to their seat.
    await ada.page.reload();
    await ada.page.waitForSelector('.reveal');
    assert.deepEqual(problems, []);

    if (updateAssets) {
      for (const file of ['class-student-phone.png', 'class-student-reveal.png', 'class-teacher-projector.png']) {
        copyFileSync(join(dir, file), join('assets', file));
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    removeDir(dir);
  }
});
