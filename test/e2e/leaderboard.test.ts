// Scenario 4: the leaderboard opens, sorts by F1 and filters; Insert as Markdown Table writes the
// table into the open README.md. Also: Update Leaderboard Tables refreshes a living block on disk.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { buildRows, toMarkdown, type Query } from '../../src/core/leaderboard';
import { WorkspaceIndex } from '../../src/core/registry/workspaceIndex';
import { E2ESession, e2eSkipReason, START_TIMEOUT, UI_TIMEOUT } from './harness';

async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const STALE = '# Scores\n\n<!-- modelops:leaderboard dataset="news-topics" sort="f1_score:desc" columns="rank,model,f1_score" -->\n| stale |\n<!-- /modelops:leaderboard -->\n';

const NOTEBOOK = JSON.stringify({
  cells: [
    { cell_type: 'markdown', metadata: {}, source: ['## Scores'] },
    { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['print(1)'] },
  ],
  metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5,
}, null, 1);

describe('e2e: the leaderboard', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  // examples/ plus a markdown file with a living block, there from the start (so Quick Open knows it).
  let from: string | undefined;
  before(async () => {
    from = mkdtempSync(join(tmpdir(), 'modelops-e2e-leaderboard-src-'));
    const workspaceFrom = join(from, 'examples');
    cpSync(join(__dirname, '..', '..', 'examples'), workspaceFrom, { recursive: true });
    writeFileSync(join(workspaceFrom, 'LEADERBOARD.md'), STALE);
    writeFileSync(join(workspaceFrom, 'scores.ipynb'), NOTEBOOK);
    s = await E2ESession.start('leaderboard', { workspaceFrom, settings: { 'modelops.leaderboard.digits': 2 } });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
    if (from) rmSync(from, { recursive: true, force: true });
  });

  /** The leaderboard webview: code-server nests it in two iframes. */
  const webview = (): FrameLocator => s.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

  /** Rendered rows, top to bottom, as arrays of cell texts. */
  const rows = async (): Promise<string[][]> =>
    webview().locator('[role=grid]').evaluate((grid) =>
      Array.from(grid.querySelectorAll<HTMLElement>('.data-row'))
        .sort((a, b) => Number(a.dataset.position) - Number(b.dataset.position))
        .map((r) => Array.from(r.children).map((c) => c.textContent ?? '')));
  const headers = async (): Promise<string[]> =>
    (await webview().locator('[role=columnheader]').allTextContents()).map((t) => t.replace(/[▲▼]\d?$/, ''));
  const columnValues = async (label: string): Promise<string[]> => {
    const k = (await headers()).indexOf(label);
    assert.ok(k >= 0, `the grid has a ${label} column`);
    return (await rows()).map((r) => r[k]!);
  };

  const cspErrors: string[] = [];
  before(() => {
    s.page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text()) && /leaderboard|vscode-resource|nonce/i.test(m.text())) cspErrors.push(m.text()); });
  });

  test('opens beside README.md, sorts by F1 and filters; Insert as Markdown Table writes the table into README.md', async () => {
    const index = await WorkspaceIndex.load(s.workspace);
    const data = buildRows({ models: index.models(), results: index.results(), root: index.root });

    await s.openFile('README.md');
    await s.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await s.page.keyboard.press('Control+End');
    await s.runCommand('ModelOps: Open Leaderboard');

    // The ready handshake, then the rows from the language server's registry.
    await until('the leaderboard rows', async () => (await rows()).length === data.rows.length);
    assert.deepEqual(await headers(), data.columns.map((c) => c.label));

    const f1 = webview().locator('[role=columnheader]', { hasText: /^F1 Score[▲▼]?\d?$/ });
    await f1.locator('button').click();
    await until('aria-sort on F1 Score', async () => (await f1.getAttribute('aria-sort')) === 'descending');
    assert.equal(await webview().locator('#lb-digits').evaluate((e) => (e as HTMLInputElement).value), '2', 'the digits setting reached the panel');
    const shown = (await columnValues('F1 Score')).filter(Boolean);
    assert.ok(shown.every((v) => /^\d\.\d\d$/.test(v)), `two decimals: ${shown}`);
    const sorted = shown.map(Number);
    assert.ok(sorted.length >= 4, `F1 values shown: ${sorted}`);
    assert.deepEqual(sorted, [...sorted].sort((a, b) => b - a), 'F1 best first');

    await webview().locator('input.column-filter[data-column=f1_score]').fill('> 0.9');
    await until('the F1 filter', async () => (await rows()).length === 3);
    const models = await columnValues('Model');
    assert.deepEqual(models, ['Example Model', 'news-topic-bert', 'news-topic-distil']);
    assert.match(await webview().locator('.status').textContent() ?? '', /^3 of \d+ rows/);
    await webview().locator('.viewport').evaluate((v) => { v.scrollLeft = 0; });
    await s.screenshot('leaderboard-sorted-filtered');

    await webview().locator('#lb-insertMarkdown').click();
    await until('the Inserted status', async () => /Inserted 3 rows into README\.md/.test(await webview().locator('.status').textContent() ?? ''));

    // Save README.md from its editor and read what landed on disk.
    await s.page.locator('.tabs-container .tab', { hasText: 'README.md' }).first().click();
    await s.page.keyboard.press('Control+S');
    const readme = join(s.workspace, 'README.md');
    const text = await until('README.md saved with the table', async () => {
      const t = readFileSync(readme, 'utf8');
      return t.includes('| Rank |') ? t : undefined;
    });
    // modelops.leaderboard.digits is 2 in this profile: the panel starts with it, the table keeps it.
    const query: Query = { digits: 2, sort: [{ column: 'f1_score', direction: 'desc' }], filters: { f1_score: '> 0.9' } };
    const expected = toMarkdown(data, query);
    assert.ok(text.includes(`\n\n${expected}\n`), `README.md ends with the table shown:\n${text.slice(-1500)}`);
    assert.deepEqual(expected.split('\n').slice(2).map((l) => l.split('|')[5]!.trim()), models, 'the same rows, in the same order, as on screen');
    await s.screenshot('leaderboard');
    assert.deepEqual(cspErrors, [], 'the webview runs under its CSP without violations');
  });

  test('a results file written on disk shows up live', async () => {
    writeFileSync(join(s.workspace, 'results', 'news-topic-live.results.json'), JSON.stringify({
      model: { name: 'news-topic-live', version: '0.1' }, dataset: { name: 'news-topics', version: '1.0' }, split: 'test',
      metrics: { accuracy: 0.99, f1_score: 0.985 },
    }, null, 2));
    await until('the new row, first by F1', async () => (await columnValues('Model'))[0] === 'news-topic-live' && (await rows()).length === 4);
    assert.equal(await webview().locator('input.column-filter[data-column=f1_score]').inputValue(), '> 0.9', 'the query stays as it was');
  });

  test('Copy as Markdown puts the shown table on the clipboard', async () => {
    await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await webview().locator('#lb-copyMarkdown').click();
    await until('the Copied status', async () => /Copied 4 rows as markdown/.test(await webview().locator('.status').textContent() ?? ''));
    const clip = await s.page.evaluate(() => navigator.clipboard.readText());
    assert.match(clip.split('\n')[0]!, /^\| Rank \| Dataset/);
    assert.deepEqual(clip.split('\n').slice(2).map((l) => l.split('|')[5]!.trim()), ['news-topic-live', 'Example Model', 'news-topic-bert', 'news-topic-distil']);
  });

  test('Export CSV: the save dialog, an atomic write, and no overwrite unless the dialog confirms it', async () => {
    const csv = join(s.workspace, 'leaderboard.csv');
    const widget = s.page.locator('.quick-input-widget');
    const save = async () => {
      await widget.waitFor({ state: 'hidden' });
      await webview().locator('#lb-exportCsv').click();
      await widget.waitFor({ state: 'visible' }); // the input keeps its last value while hidden: wait for the new dialog
      const input = widget.locator('input.input');
      await until('the save dialog at leaderboard.csv', async () => (await input.inputValue()).endsWith('/leaderboard.csv'));
      await input.press('Enter');
    };
    await save();
    await widget.waitFor({ state: 'hidden' });
    const text = await until('leaderboard.csv', async () => (existsSync(csv) ? readFileSync(csv, 'utf8') : undefined));
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0]!, /^Rank,Dataset,Split,Shots,Model,Version,Training Date,/);
    assert.equal(lines.length, 5, 'header and the 4 shown rows');
    assert.match(lines[1]!, /news-topic-live/);
    assert.deepEqual(readdirSync(s.workspace).filter((n) => n.endsWith('.tmp')), [], 'no temp file left');

    writeFileSync(csv, 'mine\n');
    await save();
    // code-server's save dialog asks in its quick input before replacing a file.
    const ask = s.page.locator('.quick-input-widget', { hasText: 'leaderboard.csv already exists. Are you sure you want to overwrite it?' });
    await ask.waitFor({ state: 'visible' });
    await s.screenshot('leaderboard-export-overwrite');
    await ask.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await ask.waitFor({ state: 'hidden' }); // back to the path: Escape gives up the export
    await s.page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
    assert.equal(readFileSync(csv, 'utf8'), 'mine\n', 'cancelled: the file is untouched');
    await save();
    await ask.waitFor({ state: 'visible' });
    await ask.locator('.monaco-button', { hasText: 'OK' }).click();
    await until('leaderboard.csv replaced after OK', async () => readFileSync(csv, 'utf8') === text);
  });

  test('clicking a row opens the model\'s file', async () => {
    await webview().locator('.data-row', { hasText: 'news-topic-bert' }).first().click();
    await s.page.locator('.tabs-container .tab.active', { hasText: 'news-topic-bert.model.json' }).waitFor({ state: 'visible' });
  });

  test('after a window reload the panel comes back with its filter (getState/setState, no retained context)', async () => {
    await s.runCommand('Developer: Reload Window');
    await s.waitForWorkbench();
    const filter = webview().locator('input.column-filter[data-column=f1_score]');
    await until('the restored leaderboard', async () => (await rows()).length === 4 && (await filter.inputValue()) === '> 0.9');
    assert.equal(await webview().locator('[role=columnheader]', { hasText: /^F1 Score/ }).getAttribute('aria-sort'), 'descending');
    await s.screenshot('leaderboard-after-reload');
  });

  test('Insert Leaderboard as Markdown Table from the palette: dataset and metric picks, into a Python docstring', async () => {
    await s.openFile('training/train.py');
    await s.goTo(4, 1); // the empty line inside the module docstring
    await s.runCommand('ModelOps: Insert Leaderboard as Markdown Table');
    const input = s.page.locator('.quick-input-widget input.input');
    for (const [title, pick] of [['dataset', 'news-topics'], ['rank by', 'F1 Score']] as const) {
      await s.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
      await input.fill(pick);
      await s.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: pick }).waitFor({ state: 'visible' });
      await s.page.keyboard.press('Enter');
    }
    await until('the table in the editor', async () => (await s.editorText()).includes('| Rank | Dataset'));
    await s.screenshot('leaderboard-palette-insert');
    await s.page.keyboard.press('Control+S');
    const file = join(s.workspace, 'training', 'train.py');
    const text = await until('train.py saved with the table', async () => {
      const t = readFileSync(file, 'utf8');
      return t.includes('| Rank |') ? t : undefined;
    });
    const lines = text.split('\n');
    assert.equal(lines[3], '', 'the empty docstring line stays the blank line before the table');
    assert.match(lines[4]!, /^\| Rank \| Dataset +\| Split \| Model +\| Version \| Training Date \| Accuracy \| Precision \| Recall \| F1 Score \| Source +\|$/);
    // news-topics: the live result (written above) and the three examples, best F1 first.
    assert.deepEqual(lines.slice(6, 10).map((l) => l.split('|')[4]!.trim()), ['news-topic-live', 'news-topic-bert', 'news-topic-distil', 'news-topic-tfidf']);
    assert.match(lines[6]!, /^\| +1 \| news-topics \| test +\|/);
    assert.equal(lines[10], '', 'a blank line after the table, before the docstring goes on');
    assert.match(lines[11]!, /^  python3 train\.py/);
  });

  test('Update Leaderboard Tables refreshes a living block in a markdown file and says how many changed', async () => {
    const file = join(s.workspace, 'LEADERBOARD.md');
    assert.equal(readFileSync(file, 'utf8'), STALE);
    await s.runCommand('ModelOps: Update Leaderboard Tables');
    await s.page.locator('.notifications-toasts', { hasText: 'Updated 1 leaderboard table of 1 in 1 file.' }).waitFor({ state: 'visible' });
    const text = await until('LEADERBOARD.md rewritten', async () => {
      const t = readFileSync(file, 'utf8');
      return t.includes('news-topic-bert') ? t : undefined;
    });
    assert.match(text, /\| Rank \| Model +\| F1 Score \|\n\| ---: \| :-+ \| -+: \|\n\| +1 \| news-topic-live +\| +0\.985 \|\n\| +2 \| news-topic-bert +\| +0\.941 \|/);
    assert.ok(!text.includes('| stale |'));
  });

  test('the CodeLens above a block refreshes that block', async () => {
    const file = join(s.workspace, 'LEADERBOARD.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/(-->\n)[\s\S]*?(<!-- \/modelops)/, '$1| stale again |\n$2'));
    await s.openFile('LEADERBOARD.md');
    const lens = s.page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Refresh leaderboard' });
    await lens.waitFor({ state: 'visible' });
    await s.screenshot('leaderboard-codelens');
    await lens.click();
    await until('the block refreshed on disk', async () => {
      const t = readFileSync(file, 'utf8');
      return !t.includes('stale again') && t.includes('news-topic-bert');
    });
  });
  test('Insert Leaderboard as Markdown Table into a notebook\'s markdown cell', async () => {
    // Quick Open (s.openFile waits for a text editor, which a notebook is not).
    await s.page.keyboard.press('Control+P');
    const quickOpen = s.page.locator('.quick-input-widget input.input');
    await quickOpen.fill('scores.ipynb');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'scores.ipynb' }).first().click();
    await s.page.locator('.statusbar', { hasText: 'Cell 1 of 2' }).waitFor({ state: 'visible' });
    await s.runCommand('Notebook: Focus First Cell');
    await s.runCommand('Notebook: Edit Cell');
    const cellEditor = s.page.locator('.cell-editor-container .monaco-editor.focused');
    await cellEditor.waitFor({ state: 'visible' });
    await s.page.keyboard.press('Control+End');
    await s.runCommand('ModelOps: Insert Leaderboard as Markdown Table');
    const input = s.page.locator('.quick-input-widget input.input');
    for (const [title, pick] of [['dataset', 'news-topics'], ['rank by', 'Default']] as const) {
      await s.page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
      await input.fill(pick);
      await s.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: pick }).waitFor({ state: 'visible' });
      await s.page.keyboard.press('Enter');
    }
    await until('the table in the cell', async () => ((await cellEditor.textContent()) ?? '').includes('news-topic-bert'));
    await s.screenshot('leaderboard-notebook');
    await s.page.keyboard.press('Escape');
    await s.page.keyboard.press('Control+S');
    const cells = await until('scores.ipynb saved with the table in its markdown cell', async () => {
      const nb = JSON.parse(readFileSync(join(s.workspace, 'scores.ipynb'), 'utf8')) as { cells: { cell_type: string; source: string[] | string }[] };
      return nb.cells.length === 2 && [nb.cells[0]!.source].flat().join('').includes('| Rank |') ? nb.cells : undefined;
    });
    const md = [cells[0]!.source].flat().join('').split('\n');
    assert.equal(md[0], '## Scores');
    assert.equal(md[1], '', 'a blank line between the heading and the table');
    assert.match(md[2]!, /^\| Rank \| Dataset/);
    assert.equal(cells[0]!.cell_type, 'markdown');
    assert.deepEqual([cells[1]!.source].flat(), ['print(1)'], 'the code cell is untouched');
  });
});
