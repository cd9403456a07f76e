// Scenario 5: train a local example model from the Models view. The log terminal shows its lines,
// the Jobs view shows it completed, and the Training Run chart draws its loss.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { E2ESession, e2eSkipReason, START_TIMEOUT, poll } from './harness';

describe('e2e: train a local example model', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    // The DOM renderer, so the terminal's text can be read from the page.
    s = await E2ESession.start('training', { settings: { 'terminal.integrated.gpuAcceleration': 'off' } });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  /** The frame of the Training Run webview once it shows a loss chart. */
  const chartFrame = (): Promise<Frame> => s.webviewFrame('the Training Run webview with its charts', 'figure.metric[data-metric="loss"]');

  test('Train… on iris-logreg from the Models view, Local: the log terminal shows its lines', async () => {
    const icon = s.page.locator('.activitybar .action-item a[aria-label^="ModelOps"]');
    await icon.click();
    await s.viewPane('Models').waitFor({ state: 'visible' });
    await s.runCommand('ModelOps: Group Models By…');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Flat list' }).click();
    const models = await s.showOnlyView('Models');
    const row = models.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    await row.waitFor({ state: 'visible' });
    await s.contextMenu(row, 'Train…');
    const picks = s.page.locator('.quick-input-widget .monaco-list-row');
    await picks.first().waitFor({ state: 'visible' });
    const labels = (await picks.locator('.label-name').allInnerTexts()).map((t) => t.trim());
    assert.equal(labels[0], 'Local', `the spec's own target comes first: ${labels.join(', ')}`);
    assert.ok(labels.includes('Slurm (this machine)'), labels.join(', '));
    await s.page.keyboard.press('Enter');

    const terminal = s.page.locator('.terminal-wrapper.active .xterm-rows, .terminal-wrapper .xterm-rows').first();
    const text = await poll('the job log in the terminal, ending with "job completed"', async () => {
      const t = await terminal.innerText().catch(() => '');
      return /\[ModelOps\] job completed/.test(t) ? t : undefined;
    }, 120_000);
    // The terminal shows the rows that fit; the first lines have scrolled up by now.
    assert.match(text, /done: iris-logreg\n\[ModelOps\] job completed/);
    assert.match(text, /"epoch": 5, "loss": 0\.1642/);
    assert.match(text, /100%\|##########\| 20\/20/);
    const tab = s.page.locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-tab', { hasText: 'Train: iris-logreg' });
    assert.ok((await tab.count()) > 0 || (await s.page.locator('[aria-label*="Train: iris-logreg"]').count()) > 0, 'a terminal named after the model');
    await s.screenshot('training-log');
  });

  test('the Jobs view shows it completed, and the job record and log are in .modelops/jobs', async () => {
    const jobs = await s.showOnlyView('Jobs');
    const row = jobs.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    await row.waitFor({ state: 'visible' });
    const description = await poll('the job row saying completed', async () => {
      const d = await row.locator('.label-description').innerText();
      return /^completed · \d+:\d\d · local$/.test(d) ? d : undefined;
    });
    assert.match(description, /^completed/);
    const dir = join(s.workspace, '.modelops', 'jobs');
    const records = readdirSync(dir).filter((n) => n.endsWith('.json'));
    assert.equal(records.length, 1);
    const record = JSON.parse(readFileSync(join(dir, records[0]), 'utf8'));
    assert.equal(record.status, 'completed');
    assert.equal(record.exit_code, 0);
    assert.equal(record.metrics.loss.length, 5);
    assert.ok(existsSync(record.log_path));
    assert.match(readFileSync(record.log_path, 'utf8'), /"epoch": 5/);
    await s.screenshot('training-jobs');
  });

  test('Show Chart draws the loss and accuracy from the log', async () => {
    const jobs = s.viewPane('Jobs');
    const row = jobs.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    await s.contextMenu(row, 'Show Chart');
    const frame = await chartFrame();
    const metrics = await frame.locator('figure.metric').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.metric}:${(e as HTMLElement).dataset.points}`));
    assert.deepEqual(metrics, ['loss:5', 'accuracy:5']);
    assert.match(await frame.locator('#status').innerText(), /completed/);
    assert.match(await frame.locator('#title').innerText(), /iris-logreg 1\.0 · local/);
    await s.screenshot('training-chart');
  });

  test('a "modelops" task in tasks.json trains through the same Trainer and ends with the job', async () => {
    mkdirSync(join(s.workspace, '.vscode'), { recursive: true });
    const task = { label: 'Train iris-tiny here', type: 'modelops', model: 'models/iris-tiny.model.json', target: 'local' };
    writeFileSync(join(s.workspace, '.vscode', 'tasks.json'), JSON.stringify({ version: '2.0.0', tasks: [task] }, null, 2));
    const pick = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Train iris-tiny here' });
    // The workbench notices the new tasks.json through its file watcher: ask again until it has.
    await poll('the task in the Run Task list', async () => {
      await s.runCommand('Tasks: Run Task');
      await s.page.locator('.quick-input-widget .monaco-list-row').first().waitFor({ state: 'visible' });
      if ((await pick.count()) > 0) return true;
      await s.page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 1000));
      return undefined;
    });
    await pick.first().click();
    // VS Code may ask (at once or a moment later) whether to scan the task's output: continue without.
    const scan = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: /Continue without scanning/ });
    const terminal = s.page.locator('.terminal-wrapper.active .xterm-rows');
    await poll('the task terminal ending with "job completed"', async () => {
      if (await scan.first().isVisible().catch(() => false)) await scan.first().click();
      const t = await terminal.innerText().catch(() => '');
      return /done: iris-tiny\n\[ModelOps\] job completed/.test(t) ? t : undefined;
    }, 120_000);
    const jobs = await s.showOnlyView('Jobs');
    await poll('two completed jobs in the Jobs view', async () => {
      const d = await jobs.locator('.monaco-list-row .label-description').allInnerTexts();
      return d.length === 2 && d.every((x) => x.startsWith('completed')) ? d : undefined;
    });
    const labels = await jobs.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.deepEqual(labels.sort(), ['iris-logreg 1.0', 'iris-tiny 0.1']);
    await s.screenshot('training-task');
  });

  test('Compare with Current Spec diffs the snapshot against the edited file; Rerun Job trains the snapshot', async () => {
    const specPath = join(s.workspace, 'models', 'iris-logreg.model.json');
    writeFileSync(specPath, readFileSync(specPath, 'utf8').replace('--epochs 5', '--epochs 3'));
    const jobs = await s.showOnlyView('Jobs');
    const row = jobs.locator('.monaco-list-row', { hasText: 'iris-logreg' }).first();
    await s.contextMenu(row, 'Compare with Current Spec');
    const tab = s.page.locator('.tabs-container .tab', { hasText: /iris-logreg: job \d{8}-\d{6}-[0-9a-f]{6} ↔ now \(1 change\)/ });
    await tab.first().waitFor({ state: 'visible' });
    const diff = s.page.locator('.monaco-diff-editor').first();
    const sideText = async (side: 'original' | 'modified') =>
      // Monaco draws spaces as no-break spaces.
      (await diff.locator(`.editor.${side} .view-lines`).first().innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    try {
      await poll('the changed line on both sides: the snapshot and the file as it is now', async () => {
        const [a, b] = [await sideText('original'), await sideText('modified')];
        return a.includes('--epochs 5') && b.includes('--epochs 3') ? true : undefined;
      }, 30_000);
    } finally {
      await s.screenshot('training-compare');
    }
    await s.contextMenu(row, 'Rerun Job');
    const rerun = await poll('the rerun completed', async () => {
      const d = await jobs.locator('.monaco-list-row', { hasText: 'iris-logreg' }).locator('.label-description').allInnerTexts();
      return d.length === 2 && d.every((x) => x.startsWith('completed')) ? d : undefined;
    }, 120_000);
    assert.equal(rerun.length, 2);
    const dir = join(s.workspace, '.modelops', 'jobs');
    const newest = readdirSync(dir).filter((n) => n.endsWith('.json')).sort().pop()!;
    const record = JSON.parse(readFileSync(join(dir, newest), 'utf8'));
    assert.equal(record.model.name, 'iris-logreg');
    assert.match(readFileSync(record.log_path, 'utf8'), /training iris-logreg for 5 epochs/, 'the rerun used the snapshot, not the edited file');
  });

  test('a long job: the status bar counts it running; Cancel Job stops it and the view says cancelled', async () => {
    const spec = { model_name: 'slow-trainer', model_version: '0.0.1', training: { command: 'python3 ../training/train.py --model slow-trainer --epochs 100 --delay 0.1', target: 'local' } };
    writeFileSync(join(s.workspace, 'models', 'slow-trainer.model.json'), JSON.stringify(spec, null, 2));
    await s.openFile('models/slow-trainer.model.json');
    await s.runCommand('ModelOps: Train…');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: /^Local/ }).first().click();
    const status = s.page.locator('[aria-label^="ModelOps training: 1 running"]');
    await status.first().waitFor({ state: 'visible' });
    const jobs = await s.showOnlyView('Jobs');
    const row = jobs.locator('.monaco-list-row', { hasText: 'slow-trainer' }).first();
    await poll('the slow job running', async () => (/^running/.test(await row.locator('.label-description').innerText()) ? true : undefined));
    await s.screenshot('training-running');
    await s.contextMenu(row, 'Cancel Job');
    // The running job's row refreshes as it progresses; a menu command that lands mid-refresh gets
    // no row from VS Code, and then asks which job (as from the palette): answer as a person would.
    const asked = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'slow-trainer' });
    if (await asked.first().waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) await asked.first().click();
    await poll('the slow job cancelled', async () => (/^cancelled/.test(await row.locator('.label-description').innerText()) ? true : undefined));
    await status.first().waitFor({ state: 'hidden' });
  });

  test('after a window reload the jobs are reattached (a local job whose process died becomes failed) and an open chart comes back', async () => {
    await s.runCommand('View: Close All Editors');
    await s.contextMenu((await s.showOnlyView('Jobs')).locator('.monaco-list-row', { hasText: 'iris-logreg' }).last(), 'Show Chart');
    await chartFrame();
    const dir = join(s.workspace, '.modelops', 'jobs');
    const done = JSON.parse(readFileSync(join(dir, readdirSync(dir).filter((n) => n.endsWith('.json')).sort()[0]), 'utf8'));
    // A record as a window that closed mid-run leaves it: running, with a pid that no longer exists.
    const id = '20260101-000000-dead00';
    const orphan = { ...done, job_id: id, status: 'running', progress: 40, pid: 2 ** 22 + 7, owner_pid: 2 ** 22 + 8, exit_code: null, finished_at: null, log_path: join(dir, `${id}.log`) };
    writeFileSync(join(dir, `${id}.log`), 'training iris-logreg for 5 epochs\n');
    writeFileSync(join(dir, `${id}.json`), JSON.stringify(orphan, null, 2));
    await s.reload();
    const jobs = await s.showOnlyView('Jobs');
    const before = readdirSync(dir).filter((n) => n.endsWith('.json')).length;
    const d = await poll('every job listed, the orphan failed', async () => {
      const all = await jobs.locator('.monaco-list-row .label-description').allInnerTexts();
      return all.length === before && all.filter((x) => x.startsWith('failed')).length === 1 ? all : undefined;
    });
    assert.ok(d.every((x) => /^(completed|cancelled|failed)/.test(x)), d.join(' | '));
    const record = JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8'));
    assert.equal(record.status, 'failed');
    assert.match(record.error, /ended with the window that started it/);
    // VS Code restores a webview tab when it is shown: bring it to the front as a person would.
    await s.page.locator('.tabs-container .tab', { hasText: 'Training: iris-logreg' }).first().click();
    const restored = await chartFrame();
    assert.match(await restored.locator('#title').innerText(), /iris-logreg 1\.0 · local/);
    await s.screenshot('training-reattached');
  });
});
