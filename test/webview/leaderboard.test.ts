// The built leaderboard bundle in Debian's Chromium, in a page with the webview's strict CSP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildRows, toMarkdown, type LeaderboardData, type Query } from '../../src/core/leaderboard';
import { models, result, results, ROOT } from '../unit/leaderboard/sample';
import { send, startHarness, type Harness } from './leaderboardHarness';

let h: Harness;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const data = buildRows({ models, results, root: ROOT });

type Posted = { type: string; [k: string]: unknown };
const posted = (p: Page) => p.evaluate(() => (window as unknown as { __posted: Posted[] }).__posted);
const violations = (p: Page) => p.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

/** The text of every rendered data row, top to bottom, cells joined by ' | '. */
const shownRows = (p: Page) => p.evaluate(() =>
  Array.from(document.querySelectorAll<HTMLElement>('.data-row'))
    .sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position))
    .map((r) => Array.from(r.children).map((c) => c.textContent).join(' | ')));
const column = async (p: Page, label: string) => {
  const headers = await p.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent!.replace(/[▲▼]\d?$/, '')));
  const k = headers.indexOf(label);
  assert.ok(k >= 0, `no column ${label} in ${headers}`);
  return (await shownRows(p)).map((r) => r.split(' | ')[k]);
};
const header = (p: Page, label: string) => p.locator('[role=columnheader]', { hasText: new RegExp(`^${label}[▲▼]?\\d?$`) });
const until = async (p: Page, what: () => Promise<boolean>, message: string) => {
  const deadline = Date.now() + 5000;
  while (!(await what())) {
    if (Date.now() > deadline) assert.fail(`timed out: ${message}`);
    await p.waitForTimeout(20);
  }
};
async function load(p: Page, d: LeaderboardData = data): Promise<void> {
  await send(p, { type: 'data', data: d });
}

test('loads under the strict CSP: ready handshake, styled @vscode-elements controls, no violations', async () => {
  const p = await h.open();
  await load(p);
  assert.deepEqual(await posted(p), [{ type: 'ready' }]);
  const elements = await p.evaluate(() => ['vscode-button', 'vscode-textfield', 'vscode-single-select', 'vscode-checkbox'].map((t) => {
    const e = document.querySelector(t);
    return [t, !!customElements.get(t), (e?.shadowRoot?.adoptedStyleSheets.length ?? 0) > 0, e ? getComputedStyle(e).display : ''];
  }));
  for (const [t, defined, styled] of elements) assert.ok(defined && styled, `${t} defined and styled: ${elements}`);
  assert.equal(await p.getAttribute('[role=grid]', 'aria-rowcount'), '8');
  assert.deepEqual(await p.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent)),
    ['Rank', 'Dataset', 'Model', 'Version', 'Training Date', 'Accuracy', 'Precision', 'Recall', 'F1 Score', 'Loss', 'Source']);
  assert.equal((await shownRows(p))[0], '1 | CIFAR-10 | EfficientNet | 0.9 | 2023-01-09 | 0.940 | 0.950 | 0.930 | 0.940 | 0.210 | results/effnet-cifar.json');
  assert.deepEqual(await violations(p), []);
  await p.close();
});

test('header click sorts (natural direction, then flipped), shift-click adds a second key; aria-sort follows', async () => {
  const p = await h.open();
  await load(p);
  await header(p, 'Model').locator('button').click();
  assert.deepEqual(await column(p, 'Model'), ['EfficientNet', 'MobileNet', 'MobileNet', 'ResNet-50', 'ResNet-50', 'ViT-B/16']);
  assert.equal(await header(p, 'Model').getAttribute('aria-sort'), 'ascending');
  await header(p, 'Model').locator('button').click();
  assert.equal(await header(p, 'Model').getAttribute('aria-sort'), 'descending');
  assert.equal((await column(p, 'Model'))[0], 'ViT-B/16');
  await header(p, 'Accuracy').locator('button').click();
  assert.deepEqual(await column(p, 'Accuracy'), ['0.972', '0.950', '0.940', '0.930', '0.930', '0.910'], 'metrics sort best first');
  assert.equal(await header(p, 'Model').getAttribute('aria-sort'), 'none');
  await header(p, 'Model').locator('button').click({ modifiers: ['Shift'] });
  assert.deepEqual((await shownRows(p)).slice(3, 5).map((r) => r.split(' | ')[2]), ['MobileNet', 'ResNet-50'], 'ties on accuracy ordered by model');
  assert.equal(await header(p, 'Accuracy').getAttribute('aria-sort'), 'descending');
  assert.match((await header(p, 'Model').textContent())!, /▲2$/);
  const q = (await posted(p)).filter((m) => m.type === 'queryChanged').at(-1)!.query as Query;
  assert.deepEqual(q.sort, [{ column: 'accuracy', direction: 'desc' }, { column: 'model', direction: 'asc' }]);
  await p.close();
});

test('global filter, per-column filters with comparisons and ranges, and a bad expression flagged', async () => {
  const p = await h.open();
  await load(p);
  await p.locator('#lb-search input').fill('resnet');
  assert.deepEqual(await column(p, 'Model'), ['ResNet-50', 'ResNet-50']);
  await p.locator('#lb-search input').fill('');
  const accuracy = p.locator('input.column-filter[data-column=accuracy]');
  await accuracy.fill('> 0.93');
  assert.deepEqual(await column(p, 'Accuracy'), ['0.940', '0.972', '0.950']);
  await accuracy.fill('0.92..0.95');
  assert.deepEqual(await column(p, 'Accuracy'), ['0.940', '0.930', '0.930', '0.950']);
  await p.locator('input.column-filter[data-column=dataset]').fill('image');
  assert.deepEqual(await column(p, 'Accuracy'), ['0.950']);
  assert.match(await p.textContent('.status') ?? '', /^1 of 6 rows/);
  await accuracy.fill('> abc');
  assert.equal(await accuracy.getAttribute('aria-invalid'), 'true');
  assert.match(await accuracy.getAttribute('title') ?? '', /'abc' is not a number/);
  await p.close();
});

test('column chooser, then Insert posts the query, and the markdown for it is the table on screen', async () => {
  const p = await h.open();
  await load(p);
  await p.click('details.columns summary');
  for (const label of ['Version', 'Loss', 'Source']) await p.locator(`.column-list vscode-checkbox[label="${label}"]`).click();
  await until(p, async () => (await p.$$('[role=columnheader]')).length === 8, 'three columns hidden');
  await p.locator('input.column-filter[data-column=f1_score]').fill('>= 0.92');
  await p.locator('#lb-insertMarkdown').click();
  const msg = (await posted(p)).at(-1)!;
  assert.equal(msg.type, 'insertMarkdown');
  const query = msg.query as Query;
  assert.deepEqual(query.columns, ['rank', 'dataset', 'model', 'training_date', 'accuracy', 'precision', 'recall', 'f1_score']);
  const md = toMarkdown(data, query).split('\n');
  assert.equal(md[0]!.replace(/ +/g, ' '), '| Rank | Dataset | Model | Training Date | Accuracy | Precision | Recall | F1 Score |');
  const mdRows = md.slice(2).map((l) => l.slice(1, -1).split('|').map((c) => c.trim()).join(' | '));
  assert.deepEqual(await shownRows(p), mdRows, 'webview and markdown show the same table');
  await p.locator('#lb-copyMarkdown').click();
  await p.locator('#lb-exportCsv').click();
  assert.deepEqual((await posted(p)).slice(-2).map((m) => m.type), ['copyMarkdown', 'exportCsv']);
  await p.close();
});

test('dataset picker and rank metric', async () => {
  const p = await h.open();
  await load(p);
  await p.locator('#lb-dataset').click();
  await p.locator('#lb-dataset li[role=option]', { hasText: 'CIFAR-10' }).click();
  await until(p, async () => (await shownRows(p)).length === 3, 'three CIFAR rows');
  await p.locator('#lb-rank').click();
  await p.locator('#lb-rank li[role=option]', { hasText: 'Loss' }).click();
  assert.equal(await p.locator('#lb-rank [role=combobox]').getAttribute('aria-label'), 'Rank by metric');
  await until(p, async () => (await column(p, 'Rank')).join() === '1,2,', 'ranked by loss');
  assert.deepEqual(await column(p, 'Model'), ['EfficientNet', 'MobileNet', 'ResNet-50']);
  assert.match(await p.textContent('.status') ?? '', /ranked by Loss \(lowest best\)/);
  await p.close();
});

test('keyboard: arrows, Home/End and Enter on the grid; Enter and Shift+Enter on headers', async () => {
  const p = await h.open();
  await load(p);
  await p.focus('[role=grid]');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  await p.keyboard.press('ArrowDown');
  const active = await p.getAttribute('[role=grid]', 'aria-activedescendant');
  assert.equal(active, 'lb-row-2');
  assert.match(await p.textContent(`#${active}`) ?? '', /ResNet-50/);
  await p.keyboard.press('Enter');
  assert.deepEqual((await posted(p)).at(-1), { type: 'openRow', id: data.rows.find((r) => r.model === 'ResNet-50' && r.dataset === 'CIFAR-10')!.id });
  await p.keyboard.press('End');
  assert.equal(await p.getAttribute('[role=grid]', 'aria-activedescendant'), 'lb-row-5');
  await p.keyboard.press('Home');
  assert.equal(await p.getAttribute('[role=grid]', 'aria-activedescendant'), 'lb-row-0');
  await header(p, 'Recall').locator('button').focus();
  await p.keyboard.press('Enter');
  assert.equal(await header(p, 'Recall').getAttribute('aria-sort'), 'descending');
  await header(p, 'Dataset').locator('button').focus();
  await p.keyboard.press('Shift+Enter');
  assert.match((await header(p, 'Dataset').textContent())!, /▲2$/);
  await p.locator('.data-row', { hasText: 'ViT-B/16' }).click();
  assert.deepEqual((await posted(p)).at(-1), { type: 'openRow', id: data.rows.find((r) => r.model === 'ViT-B/16')!.id });
  await p.close();
});

test('the query survives a reload (getState/setState), and setQuery from the extension applies', async () => {
  const p = await h.open();
  await load(p);
  await p.locator('input.column-filter[data-column=model]').fill('net');
  await header(p, 'F1 Score').locator('button').click();
  await p.reload();
  await load(p);
  assert.equal(await p.inputValue('input.column-filter[data-column=model]'), 'net');
  assert.equal(await header(p, 'F1 Score').getAttribute('aria-sort'), 'descending');
  assert.equal((await column(p, 'Model')).length, 5);
  await send(p, { type: 'setQuery', query: { dataset: 'ImageNet-val', columns: ['model', 'rank'] } });
  assert.deepEqual(await shownRows(p), ['ViT-B/16 | 1', 'ResNet-50 | 2', 'MobileNet | 3']);
  await send(p, { type: 'data', data: { rows: 'not rows' } });
  assert.equal((await shownRows(p)).length, 3, 'a malformed message is ignored');
  // The index changed: new data keeps the query and shows the new row in its place.
  const more = buildRows({ models, results: [...results, result('new.json', ['Swin-T', '1.0'], 'ImageNet-val', { accuracy: 0.99 })], root: ROOT });
  await send(p, { type: 'data', data: more });
  assert.deepEqual(await shownRows(p), ['Swin-T | 1', 'ViT-B/16 | 2', 'ResNet-50 | 3', 'MobileNet | 4']);
  await p.close();
});

const XSS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  "javascript:window.__xss=1//",
  '{{constructor.constructor("window.__xss=1")()}}',
  '<a href="javascript:window.__xss=1">x</a>',
];

test('an XSS corpus in names shows as text and nothing executes, even without the CSP', async () => {
  const evil = buildRows({
    models: [],
    results: XSS.map((name, i) => result(`x${i}.json`, [name, XSS[(i + 1) % XSS.length]!], XSS[(i + 2) % XSS.length]!, { [i === 0 ? '<b>acc</b>' : 'acc']: i / 10 })),
  });
  for (const noCsp of [false, true]) {
    const p = await h.open({ noCsp });
    await load(p, evil);
    await p.locator('details.columns summary').click();
    await p.locator('#lb-dataset').click();
    await p.locator('#lb-dataset li[role=option]').nth(3).waitFor();
    const models = await column(p, 'Model');
    assert.deepEqual([...models].sort(), [...XSS].sort(), 'names appear exactly as written');
    const found = await p.evaluate(() => ({
      xss: (window as unknown as { __xss?: number }).__xss,
      injected: document.querySelectorAll('#app img, #app script, #app svg, #app iframe, #app a[href], #app b').length,
      optionsInjected: Array.from(document.querySelectorAll('vscode-option')).filter((o) => o.children.length).length,
    }));
    assert.deepEqual(found, { xss: undefined, injected: 0, optionsInjected: 0 }, noCsp ? 'no CSP' : 'CSP');
    assert.ok((await p.$$eval('[role=columnheader]', (hs) => hs.map((h) => h.textContent))).includes('<b>acc</b>'));
    await p.close();
  }
});

test('100,000 rows: bounded DOM, scroll to the end, sort and filter', async () => {
  const p = await h.open();
  await p.evaluate(() => {
    const rows = [];
    for (let i = 0; i < 100_000; i++) {
      rows.push({ id: `r${i}`, dataset: `D${i % 5}`, model: `model-${String(i).padStart(6, '0')}`, version: '1', source: `r/${i}.json`, sourcePath: `/r/${i}.json`, metrics: { acc: ((i * 7919) % 100_000) / 100_000, loss: (i % 1000) / 1000 } });
    }
    const columns = [
      { id: 'rank', label: 'Rank', kind: 'rank' }, { id: 'dataset', label: 'Dataset', kind: 'text' }, { id: 'model', label: 'Model', kind: 'text' },
      { id: 'version', label: 'Version', kind: 'text' }, { id: 'acc', label: 'Acc', kind: 'number', metric: 'acc' },
      { id: 'loss', label: 'Loss', kind: 'number', metric: 'loss' }, { id: 'source', label: 'Source', kind: 'text' },
    ];
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'data', data: { rows, columns } } }));
  });
  const domRows = () => p.$$eval('.data-row', (r) => r.length);
  assert.ok((await domRows()) < 80, `rendered ${await domRows()} rows`);
  assert.equal(await p.getAttribute('[role=grid]', 'aria-rowcount'), '100002');
  await p.focus('[role=grid]');
  await p.keyboard.press('End');
  await until(p, async () => (await p.$('#lb-row-99999')) !== null, 'last row rendered');
  assert.ok((await domRows()) < 80);
  await header(p, 'Model').locator('button').click();
  await header(p, 'Model').locator('button').click();
  await p.focus('[role=grid]');
  await p.keyboard.press('Home');
  assert.equal((await column(p, 'Model'))[0], 'model-099999');
  await p.locator('input.column-filter[data-column=acc]').fill('>= 0.99999');
  assert.match(await p.textContent('.status') ?? '', /^1 of 100,000 rows/);
  assert.ok((await domRows()) <= 1);
  await p.close();
});

test('themes: colours come from the VS Code variables of the body class', async () => {
  const colours: Record<string, string> = {};
  for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast']) {
    const p = await h.open({ theme });
    await load(p);
    colours[theme] = await p.evaluate(() => getComputedStyle(document.body).backgroundColor + ' ' + getComputedStyle(document.querySelector('.data-row .cell')!).color);
    await p.close();
  }
  assert.deepEqual(colours, {
    'vscode-light': 'rgb(255, 255, 255) rgb(59, 59, 59)',
    'vscode-dark': 'rgb(30, 30, 30) rgb(204, 204, 204)',
    'vscode-high-contrast': 'rgb(0, 0, 0) rgb(255, 255, 255)',
  });
});
