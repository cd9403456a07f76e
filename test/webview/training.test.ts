// The built Training Run bundle (Chart.js inside) in Debian's Chromium, served in exactly the page the
// extension gives the webview (runPanelHtml: strict CSP, nonce'd script), with a stand-in VS Code API.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunView, ToRun } from '../../src/core/training/messages';
import { runPanelHtml } from '../../src/training/runHtml';
import { CHROMIUM_ARGS } from './leaderboardHarness';

const REPO = join(__dirname, '..', '..');
const BUNDLE = join(REPO, 'dist', 'webview', 'training.js');
const CSS = join(REPO, 'dist', 'webview', 'training.css');

function ensureBundle(): void {
  const src = ['webview/training/main.ts', 'webview/training/charts.ts', 'webview/training/vscodeApi.ts', 'webview/training/training.css', 'src/core/training/messages.ts'];
  const newest = Math.max(...src.map((f) => statSync(join(REPO, f)).mtimeMs));
  if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newest) return;
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(BUNDLE)) throw new Error(`build failed: ${r.stderr || r.stdout}`);
}

let server: Server;
let browser: Browser;
let origin = '';

before(async () => {
  ensureBundle();
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/training.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(BUNDLE));
    if (path === '/training.css') return void res.writeHead(200, { 'content-type': 'text/css' }).end(readFileSync(CSS));
    if (path !== '/') return void res.writeHead(404).end();
    const html = runPanelHtml({ cspSource: origin, nonce: randomBytes(16).toString('base64'), scriptUri: `${origin}/training.js`, styleUri: `${origin}/training.css` });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html.replace('<body>', '<body class="vscode-dark">'));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

/** A page with a stand-in acquireVsCodeApi (recording posts, state in localStorage), after `ready`. */
async function open(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  // A string, not a function: tsx's helpers do not exist in the page.
  await p.addInitScript(`
    window.__posted = [];
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
      getState: () => JSON.parse(localStorage.getItem('state') || 'null') ?? undefined,
      setState: (s) => localStorage.setItem('state', JSON.stringify(s)),
    });`);
  p.on('pageerror', (e) => console.error('page error:', e.message));
  await p.goto(`${origin}/`);
  await p.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return p;
}

const send = (p: Page, m: ToRun | unknown) => p.evaluate((data) => window.dispatchEvent(new MessageEvent('message', { data })), m);
const posted = (p: Page) => p.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.map((m) => m.type));
const violations = (p: Page) => p.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
const figures = (p: Page) => p.$$eval('figure.metric', (fs) => fs.map((f) => `${(f as HTMLElement).dataset.metric}:${(f as HTMLElement).dataset.points}`));

const run = (over: Partial<RunView> = {}): RunView => ({ jobId: '20261123-120000-abcdef', model: 'iris-tiny 1.0', where: 'local', status: 'running', progress: 35, error: null, createdAt: '2026-11-23T12:00:00Z', finishedAt: null, ...over });

test('ready handshake, then the whole run: one chart per metric (loss first), header, no CSP violations', async () => {
  const p = await open();
  assert.deepEqual(await posted(p), ['ready']);
  assert.equal(await p.isVisible('#empty'), true);
  await send(p, { type: 'run', run: run(), metrics: { accuracy: [[1, 0.6], [2, 0.7]], loss: [[1, 1.2], [2, 0.8]] } });
  assert.deepEqual(await figures(p), ['loss:2', 'accuracy:2']);
  assert.equal(await p.textContent('#title'), 'iris-tiny 1.0 · local');
  assert.equal(await p.textContent('#status'), 'running · 35%');
  assert.equal(await p.isVisible('#empty'), false);
  assert.equal(await p.textContent('figure[data-metric="loss"] .value'), '0.8');
  // Chart.js drew on the canvas: some pixels are not transparent.
  const painted = await p.$eval('figure[data-metric="loss"] canvas', (c) => {
    const canvas = c as HTMLCanvasElement;
    const d = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
    return n;
  });
  assert.ok(painted > 500, `the loss chart is drawn (${painted} pixels)`);
  assert.deepEqual(await violations(p), []);
  await p.close();
});

test('appended points extend the charts live; a new metric gets its own chart; the end state shows', async () => {
  const p = await open();
  await send(p, { type: 'run', run: run(), metrics: { loss: [[1, 1.2]] } });
  for (let step = 2; step <= 200; step++) await send(p, { type: 'append', run: run({ progress: Math.floor(step / 2) }), points: { loss: [[step, 1 / step]] } });
  await send(p, { type: 'append', run: run({ status: 'failed', progress: 100, error: 'exit code 3\nerror: diverged', finishedAt: '2026-11-23T12:01:00Z' }), points: { lr: [[200, 0.001]] } });
  assert.deepEqual(await figures(p), ['loss:200', 'lr:1']);
  assert.equal(await p.textContent('#status'), 'failed');
  assert.equal(await p.textContent('#error'), 'exit code 3\nerror: diverged');
  assert.equal(await p.isDisabled('#cancel'), true);
  assert.equal(await p.$eval('#progress', (e) => (e as HTMLProgressElement).value), 100);
  await p.screenshot({ path: join(REPO, 'test-results', 'webview-training.png') });
  await p.close();
});

test('strings from the job are text, never markup; malformed messages are ignored', async () => {
  const p = await open();
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await send(p, { type: 'run', run: run({ model: hostile, error: '<b>bold</b>' }), metrics: { [hostile]: [[1, 1]] } });
  assert.equal(await p.textContent('#title'), `${hostile} · local`);
  assert.equal(await p.textContent('#error'), '<b>bold</b>');
  assert.equal(await p.$$eval('img, b', (x) => x.length), 0);
  assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  await send(p, { type: 'append', run: run(), points: { loss: [[1, 'NaN']] } });
  await send(p, { type: 'run', run: { ...run(), status: 'weird' }, metrics: {} });
  assert.equal(await p.textContent('#title'), `${hostile} · local`, 'the bad messages changed nothing');
  assert.equal(await p.$$eval('figure.metric', (f) => f.length), 1);
  await p.close();
});

test('buttons post their messages; the log-scale choice and the job survive a reload through setState', async () => {
  const p = await open();
  await send(p, { type: 'run', run: run(), metrics: { loss: [[1, 2], [2, 1]], delta: [[1, -1], [2, 1]] } });
  const saved = () => p.evaluate(() => JSON.parse(localStorage.getItem('state') || 'null'));
  assert.deepEqual(await saved(), { logScale: false, jobId: run().jobId }, 'the job id is kept for the extension to restore the panel after a window reload');
  await p.click('#showLog');
  await p.click('#openLogFile');
  await p.click('#cancel');
  assert.deepEqual(await posted(p), ['ready', 'showLog', 'openLogFile', 'cancel']);
  await p.check('#logScale');
  assert.equal(await p.getAttribute('figure[data-metric="loss"]', 'data-scale'), 'log');
  assert.equal(await p.getAttribute('figure[data-metric="delta"]', 'data-scale'), 'linear', 'no log axis for a series with values <= 0');
  await p.reload();
  await p.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  assert.equal(await p.isChecked('#logScale'), true);
  assert.deepEqual(await saved(), { logScale: true, jobId: run().jobId });
  await send(p, { type: 'run', run: run(), metrics: { loss: [[1, 2], [2, 1]] } });
  assert.equal(await p.getAttribute('figure[data-metric="loss"]', 'data-scale'), 'log');
  await p.close();
});
