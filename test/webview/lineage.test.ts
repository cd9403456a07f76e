// The lineage webview in Chromium under the real CSP: it draws the layout it is sent as SVG, shows
// labels as text (never markup), and posts open/focus/showAll messages.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RegistryFile, RegistryResult } from '../../src/core/protocol';
import { lineageLayout } from '../../src/core/registryViews/lineage';
import type { FromLineage, ToLineage } from '../../src/core/registryViews/lineageMessages';

const REPO = join(__dirname, '..', '..');
const BUNDLE = join(REPO, 'dist', 'webview', 'lineage.js');
const CSS = join(REPO, 'media', 'lineage.css');
const ORIGIN = 'http://lineage.webview.test';
const NONCE = 'bm9uY2Utb2YtdGhlLXRlc3Q=';
const HOSTILE = '<img src=x onerror="window.pwned=1">**b**';

const page = (csp: boolean) => `<!DOCTYPE html><html><head><meta charset="utf-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${ORIGIN}; script-src 'nonce-${NONCE}';">` : ''}
<link rel="stylesheet" href="${ORIGIN}/lineage.css"></head>
<body><header><h1 id="title">Lineage</h1><button id="all" type="button">Show All</button><span id="note"></span></header>
<main id="graph"></main>
<script nonce="${NONCE}">window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => undefined });</script>
<script nonce="${NONCE}" src="${ORIGIN}/lineage.js"></script></body></html>`;

const f = (name: string, kind: RegistryFile['kind'], refs: RegistryFile['references'] = [], extra: Partial<RegistryFile> = {}): RegistryFile => ({
  uri: `file:///r/${name}.${kind}.json`, rel: `${name}.${kind}.json`, kind, name, data: {}, errors: 0, warnings: 0, references: refs, referencedBy: [], ...extra,
});
const ref = (role: string, kind: RegistryFile['kind'], name: string) => ({ role, targetKind: kind, name, targetUri: `file:///r/${name}.${kind}.json` });
const REG: RegistryResult = {
  roots: [],
  datasets: [f('raw', 'dataset'), f(HOSTILE, 'dataset', [ref('derived_from/0', 'dataset', 'raw')])],
  models: [f('model-a', 'model', [ref('training_dataset', 'dataset', HOSTILE)], { errors: 2 })],
  results: [f('res', 'results', [ref('model', 'model', 'model-a')], { data: { metrics: { accuracy: 0.9 }, task: 'topic' } })],
};

describe('lineage webview in Chromium', { skip: existsSync(BUNDLE) ? false : 'dist/webview/lineage.js not built' }, () => {
  let browser: Browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(() => browser?.close());

  async function open(csp = true): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await p.route(`${ORIGIN}/**`, (route) => {
      const name = new URL(route.request().url()).pathname;
      if (name === '/lineage.js') return route.fulfill({ body: readFileSync(BUNDLE), contentType: 'text/javascript' });
      if (name === '/lineage.css') return route.fulfill({ body: readFileSync(CSS), contentType: 'text/css' });
      return route.fulfill({ body: page(csp), contentType: 'text/html' });
    });
    await p.goto(`${ORIGIN}/index.html`);
    await p.waitForFunction(() => (window as unknown as { posted: FromLineage[] }).posted.some((m) => m.type === 'ready'));
    return p;
  }

  const send = (p: Page, m: ToLineage) => p.evaluate((msg) => window.postMessage(msg, '*'), m);
  const posted = (p: Page) => p.evaluate(() => (window as unknown as { posted: FromLineage[] }).posted);

  for (const csp of [true, false]) {
    test(`draws boxes and arrows; a hostile label stays text${csp ? '' : ' (even without the CSP)'}`, async () => {
      const p = await open(csp);
      await send(p, { type: 'layout', title: `Lineage of ${HOSTILE}`, layout: lineageLayout(REG) });
      await p.locator('g.node').first().waitFor();
      assert.equal(await p.locator('g.node').count(), 4);
      assert.equal(await p.locator('path.edge').count(), 3);
      assert.equal(await p.locator('img').count(), 0, 'no element from the data');
      assert.equal(await p.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
      const labels = await p.locator('text.label').allTextContents();
      assert.ok(labels.includes(`${HOSTILE.slice(0, 27)}…`), labels.join(' | '));
      assert.equal(await p.locator('#title').textContent(), `Lineage of ${HOSTILE}`);
      assert.equal(await p.locator('g.node.problems').count(), 1);
      await p.close();
    });
  }

  test('click opens, double-click focuses, Show All asks for everything', async () => {
    const p = await open();
    await send(p, { type: 'layout', title: 'Lineage', layout: lineageLayout(REG) });
    const box = p.locator('g.node', { hasText: 'model-a' });
    await box.click();
    await box.dblclick();
    await p.locator('#all').click();
    const got = (await posted(p)).filter((m) => m.type !== 'ready');
    assert.deepEqual(got.slice(0, 1), [{ type: 'open', uri: 'file:///r/model-a.model.json' }]);
    assert.ok(got.some((m) => m.type === 'focus' && m.uri === 'file:///r/model-a.model.json'));
    assert.deepEqual(got.at(-1), { type: 'showAll' });
    assert.match(await p.locator('#note').textContent() ?? '', /^4 files, 3 links$/);
    await p.close();
  });
});
