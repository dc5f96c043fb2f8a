// winnow serve in a real browser: Debian's chromium (headless) driven by playwright-core opens the pages a person would,
// checks what they show and that no console error occurs, and proves the raw view runs nothing (a beacon server counts requests).
// Usage: node browser_test.mjs WINNOW_BIN [--screenshots DIR]. Exit 77 (skipped) when chromium or playwright-core is missing.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const SKIP = 77;
const [winnow, ...rest] = process.argv.slice(2);
const screenshotDir = rest[0] === '--screenshots' ? rest[1] : null;
const chromiumPath = process.env.WINNOW_CHROMIUM || '/usr/bin/chromium';
if (!winnow) {
  console.error('usage: node browser_test.mjs WINNOW_BIN [--screenshots DIR]');
  process.exit(2);
}
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIPPED: ${chromiumPath} is not installed (scripts/install-deps installs Debian's chromium)`);
  process.exit(SKIP);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('SKIPPED: playwright-core is not installed in tests/serve/js (run scripts/install-js)');
  process.exit(SKIP);
}

let passed = 0;
let failed = 0;
function check(condition, what) {
  if (condition) {
    passed++;
  } else {
    failed++;
    console.log(`FAILED: ${what}`);
  }
}

// A server of the test's own that counts every request: the raw capture's scripts, images and links aim at it.
const beaconHits = [];
const beacon = http.createServer((req, res) => {
  beaconHits.push(req.url);
  res.end('hit');
});
await new Promise((resolve) => beacon.listen(0, '127.0.0.1', resolve));
const beaconUrl = `http://127.0.0.1:${beacon.address().port}`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'winnow-serve-browser-'));
const db = path.join(work, 'winnow.db');
let pageCount = 0;
function add(url, time, html) {
  const file = path.join(work, `page${++pageCount}.html`);
  fs.writeFileSync(file, html);
  execFileSync(winnow, ['archive', 'add', '--archive', db, '--url', url, '--time', time, '-q', file]);
}
function article(title, paragraphs, extra = '') {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>` +
    `<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${title}</h1>${body}${extra}</article>` +
    `<footer>Copyright The Harbour Times</footer></body></html>`;
}
const harbour = 'https://news.example.com/2024/harbour-budget';
const story = [
  'The council met on Tuesday and approved the harbour budget after a long debate about the ferry and the tide gauges.',
  'Officials said the new gauges will be read every minute from next spring, and that the readings will be public.',
  'The mayor thanked the harbour master and the volunteers who cleaned the quay after the winter storms last year.',
  'Residents asked whether the evening ferry would keep running, and were told the timetable is under review.',
];
add(harbour, '2024-05-01T10:00:00Z', article('Harbour budget approved', story));
add(harbour, '2024-05-02T10:00:00Z', article('Harbour budget approved', story));
const edited = [...story];
edited[0] = edited[0].replace('Tuesday', 'Friday');
edited[1] = edited[1].replace('every minute', 'every second').replace('will be public', 'will be published online each week');
edited.splice(2, 0, 'A correction: the vote was unanimous, not eight to three as first reported.');
add(harbour, '2024-05-03T09:30:00Z', article('Harbour budget approved', edited));
add('https://other.example.org/ferry', '2024-05-02T08:00:00Z', article('Ferry timetable', story.slice(2)));
const trap = 'https://trap.example/beacon';
add(trap, '2024-05-04T12:00:00Z', article('Beacon trap', [
  'This page tries every way a page has to run a script or reach the network, and none of them may work when it is shown.',
  'Its scripts call a beacon on the test server, its images and styles load from it, and it asks for the interface too.',
], `<script>fetch('${beaconUrl}/fetch'); navigator.sendBeacon('${beaconUrl}/sendbeacon');
  new Image().src = '${beaconUrl}/image-from-script'; document.cookie = 'trap=1'; fetch('/probe-fetch');
  try { parent.document.body.innerHTML = 'owned'; } catch (e) {} top.location = '${beaconUrl}/top';</script>
  <script src="${beaconUrl}/script-src.js"></script><link rel="stylesheet" href="${beaconUrl}/style.css">
  <img src="${beaconUrl}/img"><img src="/probe-img"><iframe src="${beaconUrl}/iframe"></iframe>
  <object data="${beaconUrl}/object"></object><video src="${beaconUrl}/video" autoplay></video>
  <form action="${beaconUrl}/form"><input autofocus onfocus="fetch('${beaconUrl}/onfocus')"></form>
  <svg><image href="${beaconUrl}/svg-image"/></svg><meta http-equiv="refresh" content="0;url=${beaconUrl}/refresh">
  <div style="background:url(${beaconUrl}/css-url)">styled</div><img src=x onerror="fetch('${beaconUrl}/onerror')">`));

// winnow serve on a free port.
const server = spawn(winnow, ['serve', '--archive', db, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
let serverLog = '';
server.stderr.on('data', (chunk) => { serverLog += chunk; });
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`winnow serve did not start: ${serverLog}`)), 30000);
  server.stderr.on('data', () => {
    const match = serverLog.match(/at (http:\/\/127\.0\.0\.1:\d+\/)/);
    if (match) { clearTimeout(timer); resolve(match[1].replace(/\/$/, '')); }
  });
  server.on('exit', (code) => reject(new Error(`winnow serve exited ${code}: ${serverLog}`)));
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'], headless: true });
const context = await browser.newContext({ viewport: { width: 1200, height: 860 } });
const page = await context.newPage();
let consoleErrors = [];
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url || '' });
});
page.on('pageerror', (error) => consoleErrors.push({ text: String(error), url: '' }));
// Every page of the interface must load without a console error.
function noConsoleErrors(where) {
  check(consoleErrors.length === 0, `${where}: console errors ${JSON.stringify(consoleErrors)}`);
  consoleErrors = [];
}
async function screenshot(name) {
  if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, name) });
}

try {
  // Home: every URL, with its version count.
  await page.goto(`${base}/`);
  check((await page.title()).startsWith('Archived URLs'), 'home title');
  const rows = await page.locator('table.urls tbody tr').count();
  check(rows === 3, `home lists 3 URLs (got ${rows})`);
  check((await page.locator('table.urls').innerText()).includes(harbour), 'home shows the harbour URL');
  noConsoleErrors('home');

  // Search from the header's box, then open the hit.
  await page.fill('header input[name=q]', 'unanimous');
  await Promise.all([page.waitForURL(/\/search\?/), page.press('header input[name=q]', 'Enter')]);
  check((await page.locator('ol.hits li').count()) === 1, 'search finds one page');
  check((await page.locator('ol.hits mark').first().innerText()).toLowerCase() === 'unanimous', 'search highlights the word');
  noConsoleErrors('search');
  await Promise.all([page.waitForURL(/\/version\?/), page.click('ol.hits a.hit')]);
  check((await page.locator('.article').innerText()).includes('the vote was unanimous'), 'the hit opens the version that matched');
  check((await page.locator('p.summary').innerText()).includes('Version 2 of 2'), 'the hit is version 2');
  noConsoleErrors('version');

  // Open a URL from the home page: its timeline.
  await page.goto(`${base}/`);
  await Promise.all([page.waitForURL(/\/url\?/), page.click(`table.urls a.url:text-is("${harbour}")`)]);
  check((await page.locator('table.timeline tbody tr').count()) === 3, 'the timeline has 3 captures');
  check((await page.locator('svg.chart rect').count()) === 3, 'the chart has a bar per capture');
  check((await page.locator('table.timeline').innerText()).includes('same as version 1'), 'a repeat capture is labelled');
  noConsoleErrors('timeline');
  await screenshot('serve-timeline.png');

  // Pick two versions and read the diff.
  await page.check('input[name=a][value="1"]');
  await page.check('input[name=b][value="2"]');
  await Promise.all([page.waitForURL(/\/diff\?/), page.click('button:text("Compare")')]);
  const inserted = await page.locator('#inline ins').allInnerTexts();
  const deleted = await page.locator('#inline del').allInnerTexts();
  check(inserted.some((t) => t.includes('Friday')), `the diff marks Friday inserted (${inserted})`);
  check(deleted.some((t) => t.includes('Tuesday')), `the diff marks Tuesday deleted (${deleted})`);
  check(inserted.some((t) => t.includes('unanimous')), 'the diff marks the correction inserted');
  check((await page.locator('#side-by-side .side').count()) === 2, 'side by side has two columns');
  check((await page.locator('#side-by-side .side').first().locator('ins').count()) === 0, 'the left side marks no insertions');
  noConsoleErrors('diff');
  await screenshot('serve-diff.png');

  // The raw capture of the trap page: shown, and nothing in it runs or reaches the network.
  await page.goto(`${base}/url?url=${encodeURIComponent(trap)}`);
  await Promise.all([page.waitForURL(/\/version\?/), page.click('table.timeline a:text-is("1")')]);
  await Promise.all([page.waitForURL(/\/raw\?/), page.click('nav.versions a:text("raw capture")')]);
  const frameElement = await page.waitForSelector('iframe.raw');
  const frame = await frameElement.contentFrame();
  await frame.waitForLoadState('load');
  await page.waitForTimeout(3000);  // time for scripts, refreshes and late loads to try
  check((await frame.locator('h1').innerText()) === 'Beacon trap', 'the raw capture is shown in the frame');
  check(beaconHits.length === 0, `the raw capture reached the beacon server: ${JSON.stringify(beaconHits)}`);
  check(!serverLog.includes('probe'), 'the raw capture made no request to the interface');
  check(!(await page.locator('body').innerText()).includes('owned'), 'the raw capture did not touch the interface');
  check(page.url().startsWith(`${base}/raw?`), 'the raw capture did not navigate the page');
  const cookies = await context.cookies();
  check(cookies.length === 0, `the raw capture set no cookie (${JSON.stringify(cookies)})`);
  // What the sandbox blocks is reported from inside the frame; nothing may come from the interface itself.
  const fromInterface = consoleErrors.filter((e) => !e.url.includes('/raw/bytes') && !/sandbox|Content Security Policy/i.test(e.text));
  check(fromInterface.length === 0, `raw page: console errors outside the sandboxed frame ${JSON.stringify(fromInterface)}`);
  consoleErrors = [];
  // Opened on its own, the bytes are still sandboxed.
  await page.goto(`${base}/raw/bytes?url=${encodeURIComponent(trap)}&v=1`);
  await page.waitForTimeout(2000);
  check(beaconHits.length === 0, `the raw bytes opened alone reached the beacon server: ${JSON.stringify(beaconHits)}`);
  consoleErrors = [];

  // Stats, and verify started from the page.
  await page.goto(`${base}/stats`);
  check((await page.locator('table.stats').innerText()).includes('Captures'), 'stats page');
  await Promise.all([page.waitForURL(/\/verify$/), page.click('button:text("Verify the archive")')]);
  await page.waitForSelector('p.ok', { timeout: 60000 });
  check((await page.locator('p.ok').innerText()).startsWith('ok:'), 'verify reports ok');
  noConsoleErrors('stats and verify');
} catch (error) {
  failed++;
  console.log(`FAILED: ${error.stack || error}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
  beacon.close();
  fs.rmSync(work, { recursive: true, force: true });
}
// Whatever step failed, the beacon server must not have been reached.
check(beaconHits.length === 0, `the beacon server was reached: ${JSON.stringify(beaconHits)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
