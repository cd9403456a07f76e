// Scenario 6: evaluate an example ONNX model from the Models view: a results file appears, shows
// in the Results view, and the open leaderboard gains its row; compare two models: one ranking with the best model named; the
// dataset tools: Split asks before overwriting, Validate Data shows its report.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT, UI_TIMEOUT, poll } from './harness';

describe('e2e: evaluate and compare example ONNX models; dataset tools', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    // One row per inference call: the million-row run below then takes long enough (tens of
    // seconds, not the half second of batched reading) to press Cancel while it runs.
    s = await E2ESession.start('evaluation', { settings: { 'modelops.evaluation.batchSize': 1 } });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  /** The leaderboard webview's rows as cell texts (code-server nests webviews in two iframes). */
  const leaderboardRows = async (): Promise<string[][]> =>
    s.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('[role=grid]').evaluate((grid) =>
      Array.from(grid.querySelectorAll<HTMLElement>('.data-row')).map((r) => Array.from(r.children).map((c) => c.textContent ?? '')));

  const toast = (text: string | RegExp) => s.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  const results = (name: string) => join(s.workspace, 'results', name);
  const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;

  test('Evaluate Model on iris-logreg from the Models view: a results file appears, and the Results view shows it', async () => {
    await s.page.locator('.activitybar .action-item a[aria-label^="ModelOps"]').click();
    await s.runCommand('ModelOps: Group Models By…');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Flat list' }).click();
    const models = await s.showOnlyView('Models');
    const row = models.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    await row.waitFor({ state: 'visible' });
    const file = results('iris-logreg-1.0--iris-test-1.0.results.json');
    assert.ok(!existsSync(file), 'no results file before the evaluation');

    // The leaderboard is open while the evaluation runs: it has no iris-logreg row yet.
    await s.runCommand('ModelOps: Open Leaderboard');
    const before = await poll('the leaderboard rows', async () => {
      const now = await leaderboardRows();
      return now.length ? now : undefined;
    });
    assert.ok(!before.some((r) => r.some((c) => c.trim() === 'iris-logreg')), 'no iris-logreg row before');

    await s.contextMenu(row, 'Evaluate Model');

    const done = toast(/Evaluated iris-logreg@1\.0 on iris-test@1\.0: accuracy \d\.\d{4} \(30 rows/);
    await done.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const doc = readJson(file);
    assert.equal(doc.source, 'local-onnx');
    assert.equal(doc.samples_evaluated, 30);
    assert.equal(doc.model.metadata_reference, '../models/iris-logreg.model.json');
    assert.ok(typeof doc.metrics.accuracy === 'number' && doc.metrics.accuracy > 0.8, JSON.stringify(doc.metrics));
    assert.match(await done.innerText(), new RegExp(`accuracy ${doc.metrics.accuracy.toFixed(4).replace('.', '\\.')}`));
    assert.match(await done.innerText(), /Results in results\/iris-logreg-1\.0--iris-test-1\.0\.results\.json/);

    // The language server picks the new file up from the file watcher: Results gains iris-test.
    const resultsPane = await s.showOnlyView('Results');
    await resultsPane.locator('.monaco-list-row', { hasText: 'iris-test' }).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    // ... and the leaderboard gains its row, with the accuracy just computed.
    const added = await poll('the iris-logreg row on the leaderboard', async () =>
      (await leaderboardRows()).find((r) => r.some((c) => c.trim() === 'iris-logreg')));
    assert.equal((await leaderboardRows()).length, before.length + 1);
    assert.ok(added.some((c) => c.trim() === doc.metrics.accuracy.toFixed(3) || c.trim() === doc.metrics.accuracy.toFixed(4)), added.join(' | '));
    await s.screenshot('evaluation-evaluated');

    await done.locator('.monaco-button', { hasText: 'Open Results' }).click();
    await poll('the results file in the editor', async () => ((await s.editorText()).includes('"local-onnx"') ? true : undefined));
    // One webview at a time from here on (the comparison and validation previews).
    await s.runCommand('View: Close All Editors');
  });

  test('Compare Models… on iris-logreg and iris-tiny: one ranking, the best model named', async () => {
    const models = await s.showOnlyView('Models');
    const a = models.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    const b = models.locator('.monaco-list-row', { hasText: 'iris-tiny' }).first();
    await a.click();
    await b.click({ modifiers: ['Control'] });
    await s.contextMenu(b, 'Compare Models…');

    const picks = s.page.locator('.quick-input-widget .monaco-list-row');
    await picks.first().waitFor({ state: 'visible' });
    assert.equal((await picks.first().locator('.label-name').first().innerText()).trim(), 'iris-test', 'the models\' evaluation dataset comes first');
    await s.page.keyboard.press('Enter');
    await poll('the metric pick', async () => ((await picks.first().locator('.label-name').first().innerText()).trim() === 'accuracy' ? true : undefined));
    await s.page.keyboard.press('Enter');

    const best = toast(/Best model on iris-test@1\.0 by accuracy: /);
    await best.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const acc = (f: string) => readJson(results(f)).metrics.accuracy as number;
    const logreg = acc('iris-logreg-1.0--iris-test-1.0.results.json');
    const tiny = acc('iris-tiny-0.1--iris-test-1.0.results.json');
    assert.match(await best.innerText(), logreg >= tiny ? /iris-logreg@1\.0/ : /iris-tiny@0\.1/);

    await s.page.locator('.tabs-container .tab', { hasText: 'Preview Comparison on iris-test@1.0' }).waitFor({ state: 'visible' });
    const preview = s.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h1', { hasText: 'Model comparison on iris-test@1.0' }).waitFor({ state: 'visible' });
    const rows = await preview.locator('table tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, rows.join(' / '));
    assert.match(rows[0], /^1\s/);
    await s.screenshot('evaluation-compared');
  });

  test('Split Dataset… on iris asks before overwriting iris-train; Cancel leaves it as it was', async () => {
    const datasets = await s.showOnlyView('Datasets');
    // Datasets are grouped by taxonomy: find the iris row wherever it is shown.
    await s.runCommand('ModelOps: Filter…');
    const filter = s.page.locator('.quick-input-widget input.input');
    await filter.waitFor({ state: 'visible' });
    await filter.fill('iris');
    await s.page.keyboard.press('Enter');
    // The filter keeps the taxonomy groups: open specific_datasets/botany.
    const botany = datasets.locator('.monaco-list-row', { hasText: /^botany/ }).first();
    await botany.waitFor({ state: 'visible' });
    if ((await botany.getAttribute('aria-expanded')) === 'false') await botany.locator('.monaco-tl-twistie').click();
    const iris = datasets.locator('.monaco-list-row').filter({ has: s.page.getByText('iris', { exact: true }) }).first();
    await iris.waitFor({ state: 'visible' });
    const before = readFileSync(join(s.workspace, 'datasets', 'iris-train.dataset.json'), 'utf8');
    await s.contextMenu(iris, 'Split Dataset…');
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.inputValue(), '0.8');
    await s.page.keyboard.press('Enter');
    await poll('the seed input', async () => ((await input.inputValue()) === '0' ? true : undefined));
    await s.page.keyboard.press('Enter');
    const picks = s.page.locator('.quick-input-widget .monaco-list-row');
    await poll('the stratify pick', async () => ((await picks.first().innerText()).includes('No stratification') ? true : undefined));
    await s.page.keyboard.press('Enter');

    const dialog = s.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /iris-train\.(csv|dataset\.json) already exists\. Overwrite it/);
    await s.screenshot('evaluation-overwrite-confirm');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(readFileSync(join(s.workspace, 'datasets', 'iris-train.dataset.json'), 'utf8'), before);
  });

  test('Validate Data on iris-clean: a report with the column types and the label distribution', async () => {
    const datasets = await s.showOnlyView('Datasets');
    const clean = datasets.locator('.monaco-list-row').filter({ has: s.page.getByText('iris-clean', { exact: true }) }).first();
    await clean.waitFor({ state: 'visible' });
    await s.contextMenu(clean, 'Validate Data');
    const picks = s.page.locator('.quick-input-widget .monaco-list-row');
    await poll('the label column pick', async () => ((await picks.nth(1).locator('.label-name').first().innerText()).trim() === 'species' ? true : undefined));
    await picks.nth(1).click();
    await s.page.locator('.tabs-container .tab', { hasText: 'Preview Validation of iris-clean' }).waitFor({ state: 'visible' });
    const preview = s.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await preview.locator('h1', { hasText: 'Validation of iris-clean' }).waitFor({ state: 'visible' });
    const text = await preview.locator('body').innerText();
    assert.match(text, /Valid\s*— \d+ rows, 5 columns/);
    assert.match(text, /Label distribution/);
    assert.match(text, /setosa/);
    await s.screenshot('evaluation-validated');
  });
  test('Cancel on a long evaluation stops it and leaves no results file', async () => {
    // A million-row copy of iris-test and a model spec evaluating iris-logreg's ONNX file on it.
    const rows = readFileSync(join(s.workspace, 'data', 'iris-test.csv'), 'utf8').trim().split('\n');
    const body = rows.slice(1).join('\n') + '\n';
    const copies = Math.ceil(1_000_000 / (rows.length - 1));
    writeFileSync(join(s.workspace, 'data', 'iris-big.csv'), rows[0] + '\n' + body.repeat(copies));
    writeFileSync(join(s.workspace, 'datasets', 'iris-big.dataset.json'), JSON.stringify({
      name: 'iris-big', version: '1.0', description: 'iris-test repeated', format: 'csv', path: '../data/iris-big.csv', rows: copies * (rows.length - 1),
    }, null, 2));
    const spec = readJson(join(s.workspace, 'models', 'iris-logreg.model.json'));
    spec.model_name = 'iris-big';
    spec.evaluation.dataset = { name: 'iris-big', version: '1.0', metadata_reference: '../datasets/iris-big.dataset.json' };
    writeFileSync(join(s.workspace, 'models', 'iris-big.model.json'), JSON.stringify(spec, null, 2));

    await s.openFile('models/iris-big.model.json');
    await s.runCommand('ModelOps: Evaluate Model');
    const running = toast(/Evaluating models\/iris-big\.model\.json/);
    await running.waitFor({ state: 'visible' });
    // Rows are flowing (the progress message counts them) before Cancel is pressed.
    await poll('progress rows', async () => (/[\d,]+ of [\d,]+ rows/.test(await running.innerText()) ? true : undefined));
    await s.screenshot('evaluation-running');
    await running.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await toast('Evaluation cancelled; no results file was written.').waitFor({ state: 'visible' });
    assert.deepEqual(readdirSync(join(s.workspace, 'results')).filter((f) => f.includes('iris-big')), [], 'no results file, no temp file');
    await s.screenshot('evaluation-cancelled');
  });
  test('Sample Dataset… on iris-clean writes a new dataset with its lineage; Datasets shows it', async () => {
    const datasets = await s.showOnlyView('Datasets');
    const clean = datasets.locator('.monaco-list-row').filter({ has: s.page.getByText('iris-clean', { exact: true }) }).first();
    await s.contextMenu(clean, 'Sample Dataset…');
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.inputValue(), '15', 'a tenth of the 149 rows');
    await s.page.keyboard.press('Enter');
    await poll('the seed input', async () => ((await input.inputValue()) === '0' ? true : undefined));
    await s.page.keyboard.press('Enter');
    await toast('Sample: wrote datasets/iris-clean-sample-15.dataset.json (15 rows).').waitFor({ state: 'visible' });
    const meta = readJson(join(s.workspace, 'datasets', 'iris-clean-sample-15.dataset.json'));
    assert.equal(meta.rows, 15);
    assert.equal(meta.derived_from[0].name, 'iris-clean');
    assert.equal(readFileSync(join(s.workspace, 'data', 'iris-clean-sample-15.csv'), 'utf8').trim().split('\n').length, 16);
    await datasets.locator('.monaco-list-row').filter({ has: s.page.getByText('iris-clean-sample-15', { exact: true }) }).first().waitFor({ state: 'visible' });
  });

  test('errors say what is wrong and open the file to fix: a missing ONNX file, a non-numeric cell', async () => {
    const spec = readJson(join(s.workspace, 'models', 'iris-logreg.model.json'));
    writeFileSync(join(s.workspace, 'models', 'iris-noonnx.model.json'), JSON.stringify({ ...spec, model_name: 'iris-noonnx', artifacts: { onnx: '../artifacts/missing.onnx' } }, null, 2));
    const csv = readFileSync(join(s.workspace, 'data', 'iris-test.csv'), 'utf8').split('\n');
    csv[2] = csv[2].replace(/^([^,]*),[^,]*/, '$1,x');
    writeFileSync(join(s.workspace, 'data', 'iris-badcell.csv'), csv.join('\n'));
    writeFileSync(join(s.workspace, 'datasets', 'iris-badcell.dataset.json'), JSON.stringify({ name: 'iris-badcell', version: '1.0', format: 'csv', path: '../data/iris-badcell.csv' }, null, 2));
    writeFileSync(join(s.workspace, 'models', 'iris-badcell.model.json'), JSON.stringify({
      ...spec, model_name: 'iris-badcell', evaluation: { ...spec.evaluation, dataset: { name: 'iris-badcell', version: '1.0', metadata_reference: '../datasets/iris-badcell.dataset.json' } },
    }, null, 2));

    await s.runCommand('View: Close All Editors');
    await s.openFile('models/iris-noonnx.model.json');
    await s.runCommand('ModelOps: Evaluate Model');
    const missing = toast(/Evaluation failed: the ONNX model cannot be used\. ONNX file not found: .*missing\.onnx \(artifacts\.onnx of .*iris-noonnx\.model\.json\)/);
    await missing.waitFor({ state: 'visible' });
    await s.runCommand('View: Close All Editors');
    await missing.locator('.monaco-button', { hasText: 'Open Model File' }).click();
    await s.page.locator('.tabs-container .tab.active', { hasText: 'iris-noonnx.model.json' }).waitFor({ state: 'visible' });

    await s.openFile('models/iris-badcell.model.json');
    await s.runCommand('ModelOps: Evaluate Model');
    const cell = toast(/Evaluation failed: a problem in the dataset\. .*iris-badcell\.csv: row 2 \(line 3\), column 'sepal_width': 'x' is not a number/);
    await cell.waitFor({ state: 'visible' });
    // The finished progress toast fades out; the picture shows the error alone.
    await toast(/Evaluating models\/iris-badcell\.model\.json/).waitFor({ state: 'hidden' });
    await s.page.waitForFunction(() => Array.from(document.querySelectorAll('.notification-toast')).every((t) => getComputedStyle(t).opacity === '1'), undefined, { timeout: 5000 }).catch(() => undefined);
    await s.screenshot('evaluation-error');
    await cell.locator('.monaco-button', { hasText: 'Open Data File' }).click();
    await s.page.locator('.tabs-container .tab.active', { hasText: 'iris-badcell.csv' }).waitFor({ state: 'visible' });
    await s.page.locator('.statusbar', { hasText: 'Ln 3, Col 1' }).waitFor({ state: 'visible' });
    assert.deepEqual(readdirSync(join(s.workspace, 'results')).filter((f) => /iris-(noonnx|badcell)/.test(f)), [], 'failed runs write nothing');
  });
});
