// Scenario 1: the ModelOps container lists the example models, datasets and results; the broken
// example carries its problem mark; the status bar counts models, datasets and files with errors.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { E2ESession, e2eSkipReason, START_TIMEOUT, UI_TIMEOUT, poll } from './harness';

const MODELS = ['broken-reference', 'code-completer', 'Example Model', 'iris-logreg', 'iris-tiny', 'news-gpt-small', 'news-topic-bert', 'news-topic-distil', 'news-topic-tfidf'];
const TAXONOMY = ['web', 'reference', 'code', 'specific_datasets', 'Unclassified'];
const RESULT_DATASETS = ['arc-easy', 'code-corpus', 'news-articles', 'news-topics'];

describe('e2e: the ModelOps container lists the example registry', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    s = await E2ESession.start('registry');
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  /** Labels of the rows a view pane shows now. */
  const rows = (pane: Locator) => pane.locator('.monaco-list-row .label-name').allInnerTexts();

  test('the activity bar has the ModelOps container, with Models, Datasets, Results and Jobs', async () => {
    const icon = s.page.locator('.activitybar .action-item a[aria-label^="ModelOps"]');
    await icon.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await icon.click();
    for (const title of ['Models', 'Datasets', 'Results', 'Jobs']) await s.viewPane(title).waitFor({ state: 'visible' });
  });

  test('Models lists every example model (flat), and the broken one carries its error mark', async () => {
    await s.runCommand('ModelOps: Group Models By…');
    const pick = s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Flat list' });
    await pick.click();
    const pane = await s.showOnlyView('Models');
    const shown = await poll('every example model in the Models view', async () => {
      const now = await rows(pane);
      return MODELS.every((m) => now.includes(m)) ? now : undefined;
    });
    assert.deepEqual(shown, MODELS);
    const broken = pane.locator('.monaco-list-row', { hasText: 'broken-reference' });
    // The decoration: the label takes the error color and a count badge.
    // Decorations arrive after the rows: poll.
    await poll('the error mark on broken-reference', async () =>
      /monaco-decoration-itemColor/.test((await broken.locator('.monaco-icon-label').getAttribute('class')) ?? '') ? true : undefined);
    assert.equal((await broken.locator('.label-description').innerText()).trim(), 'v0.1 · 2024-03-04');
    const healthy = await pane.locator('.monaco-list-row', { hasText: 'iris-logreg' }).locator('.monaco-icon-label').getAttribute('class');
    assert.doesNotMatch(healthy ?? '', /monaco-decoration-itemColor/);
    const description = await pane.locator('.monaco-list-row', { hasText: 'news-topic-bert' }).locator('.label-description').innerText();
    assert.equal(description, 'v1.2.0 · 2024-05-06');
    await s.screenshot('registry-models');
  });

  test('a model\'s tooltip shows its description, authors, license and metrics as text', async () => {
    const pane = await s.showOnlyView('Models');
    await pane.locator('.monaco-list-row', { hasText: 'news-topic-bert' }).locator('.label-name').hover();
    const hover = s.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Classifies news articles' }).first();
    await hover.waitFor({ state: 'visible' });
    const text = await hover.innerText();
    for (const part of ['news-topic-bert 1.2.0', 'Authors: A. Rivera, M. Chen', 'License: Apache-2.0', 'f1_score', '0.941']) assert.ok(text.includes(part), `tooltip has "${part}": ${text}`);
    await s.screenshot('registry-tooltip');
    await s.page.mouse.move(900, 600);
  });

  test('Datasets are grouped by the taxonomy', async () => {
    const pane = await s.showOnlyView('Datasets');
    const shown = await poll('the taxonomy groups in the Datasets view', async () => {
      const now = await rows(pane);
      return TAXONOMY.every((t) => now.includes(t)) ? now : undefined;
    });
    // Top-level groups open at first: their sub-paths and datasets show.
    for (const sub of ['news', 'encyclopedic', 'source_code', 'documentation', 'botany', 'science_qa']) assert.ok(shown.includes(sub), `${sub} in ${shown.join(', ')}`);
    await pane.locator('.monaco-list-row', { hasText: /^news/ }).first().click();
    await poll('news-topics under web/news', async () => ((await rows(pane)).includes('news-topics') ? true : undefined));
    await s.screenshot('registry-datasets');
  });

  test('Results are grouped by dataset, then model, with the primary metric', async () => {
    const pane = await s.showOnlyView('Results');
    const shown = await poll('the results groups', async () => {
      const now = await rows(pane);
      return RESULT_DATASETS.every((d) => now.includes(d)) ? now : undefined;
    });
    assert.deepEqual(shown, RESULT_DATASETS);
    await pane.locator('.monaco-list-row', { hasText: 'news-topics' }).click();
    const bert = pane.locator('.monaco-list-row', { hasText: 'news-topic-bert' });
    await bert.waitFor({ state: 'visible' });
    assert.equal(await bert.locator('.label-description').innerText(), 'v1.2.0 · f1_score 0.9413');
    await s.screenshot('registry-results');
  });

  test('Jobs shows its welcome text until training lands', async () => {
    const pane = await s.showOnlyView('Jobs');
    await pane.getByText('No training jobs yet.', { exact: false }).waitFor({ state: 'visible' });
  });

  test('Show Lineage draws the dataset graph: datasets, derived datasets, models, results', async () => {
    await s.runCommand('ModelOps: Show Lineage');
    const frame = await s.webviewFrame('the lineage webview with its picture', '#graph svg g.node');
    const nodeLabels = await frame.locator('g.node text.label').allTextContents();
    for (const name of ['iris', 'iris-clean', 'news-articles', 'news-topics', 'news-topic-bert', 'iris-logreg']) assert.ok(nodeLabels.includes(name), `${name} in the picture: ${nodeLabels.join(', ')}`);
    assert.ok(await frame.locator('path.edge').count() >= 10, 'edges are drawn');
    assert.match(await frame.locator('#title').innerText(), /Lineage of the registry/);
    await s.screenshot('registry-lineage');
  });

  test('double-click focuses the lineage on one dataset; after a window reload the panel comes back so', async () => {
    const lineageFrame = (title: RegExp) =>
      s.webviewFrame(`the lineage webview titled ${title}`, '#graph svg g.node', async (f) => title.test(await f.locator('#title').innerText()));
    const before = await lineageFrame(/Lineage of the registry/);
    await before.locator('g.node').filter({ has: before.locator('text.label', { hasText: /^iris-clean$/ }) }).dblclick();
    // The first click of the double-click opened the file beside the picture, which stayed in view.
    const focused = await lineageFrame(/Lineage of iris-clean/);
    await s.page.locator('.tabs-container .tab', { hasText: 'iris-clean.dataset.json' }).first().waitFor({ state: 'visible' });
    const labels = await focused.locator('g.node text.label').allTextContents();
    assert.ok(!labels.includes('news-articles'), `an unrelated dataset is not drawn: ${labels.join(', ')}`);
    await s.reload();
    // VS Code restores a webview tab when it is shown.
    await s.page.locator('.tabs-container .tab', { hasText: /^Lineage of iris-clean/ }).first().click();
    const restored = await lineageFrame(/Lineage of iris-clean/);
    assert.deepEqual((await restored.locator('g.node text.label').allTextContents()).sort(), [...labels].sort());
    await s.screenshot('registry-lineage-restored');
  });

  test('opening a metadata file selects it in its visible view (as the Explorer\'s autoReveal does)', async () => {
    const pane = await s.showOnlyView('Models');
    const selected = pane.locator('.monaco-list-row[aria-selected="true"]');
    await s.openFile('models/news-topic-distil.model.json');
    await poll('news-topic-distil selected in the Models view', async () => ((await selected.innerText().catch(() => '')).includes('news-topic-distil') ? true : undefined));
    await s.openFile('models/code-completer.model.json');
    await poll('the selection following the editor', async () => ((await selected.innerText().catch(() => '')).includes('code-completer') ? true : undefined));
    assert.equal(await selected.count(), 1);
    await s.screenshot('registry-autoreveal');
  });

  test('clicking a model opens its file; its context menu offers the registry commands', async () => {
    const pane = await s.showOnlyView('Models');
    const row = pane.locator('.monaco-list-row', { hasText: 'iris-tiny' });
    await row.click();
    await s.page.locator('.tabs-container .tab.active', { hasText: 'iris-tiny.model.json' }).waitFor({ state: 'visible' });
    await row.click({ button: 'right' });
    const menu = s.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const items = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    for (const title of ['Open', 'Reveal in Explorer', 'Show Lineage', 'New Results…', 'Copy Name', 'Delete…']) assert.ok(items.includes(title), `context menu has ${title}: ${items.join(', ')}`);
    await s.screenshot('registry-context-menu');
    await s.page.keyboard.press('Escape');
  });

  test('New Model Spec… asks a few questions, writes a valid file, and the view shows it', async () => {
    await s.runCommand('ModelOps: New Model Spec…');
    const input = s.page.locator('.quick-input-widget input.input');
    const answer = async (prompt: RegExp, text: string) => {
      await s.page.locator('.quick-input-widget').getByText(prompt).first().waitFor({ state: 'visible' });
      await input.fill(text);
      await s.page.keyboard.press('Enter');
    };
    await answer(/model name/, 'e2e-model');
    await answer(/version/, '0.2.0');
    await answer(/architecture/, 'E2E Transformer');
    await input.fill('iris-train');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'iris-train' }).first().click();
    const created = join(s.workspace, 'models', 'e2e-model.model.json');
    await poll('the new model file', async () => (existsSync(created) ? true : undefined));
    const data = JSON.parse(readFileSync(created, 'utf8'));
    assert.deepEqual(data.training_dataset, { name: 'iris-train', version: '1.0', metadata_reference: '../datasets/iris-train.dataset.json' });
    await s.page.locator('.tabs-container .tab.active', { hasText: 'e2e-model.model.json' }).waitFor({ state: 'visible' });
    const pane = await s.showOnlyView('Models');
    await poll('e2e-model in the Models view', async () => ((await rows(pane)).includes('e2e-model') ? true : undefined));
    await s.screenshot('registry-new-model');
  });

  test('Import model_scores Folder…: the scores become results files and show in Results', async () => {
    const scores = join(s.workspace, 'scores');
    mkdirSync(scores);
    const source = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'llm-pretraining-behaviours', 'model_scores', 'results_EleutherAI__pythia-160m.json');
    copyFileSync(source, join(scores, 'results_EleutherAI__pythia-160m.json'));
    await s.runCommand('ModelOps: Import model_scores Folder…');
    // code-server's own open dialog: a quick input that takes a path.
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    const file = join(scores, 'results_EleutherAI__pythia-160m.json');
    await input.fill(file);
    const outPick = s.page.locator('.quick-input-widget input[placeholder="Write the imported files into"]');
    // The dialog completes paths as they are typed: accept once it shows our file, then wait for the next question.
    await poll('the open dialog to take the file', async () => {
      if (await outPick.isVisible()) return true;
      // A late focus change (the editor the previous step opened) can close the dialog: open it again.
      if (!(await input.isVisible())) {
        await s.runCommand('ModelOps: Import model_scores Folder…');
        await input.waitFor({ state: 'visible' });
      }
      // The dialog may rewrite what was typed (completion): type it again, else accept it.
      if ((await input.inputValue().catch(() => '')) === file) await s.page.keyboard.press('Enter');
      else await input.fill(file).catch(() => undefined);
      await outPick.waitFor({ state: 'visible', timeout: 2000 }).catch(() => undefined);
      return (await outPick.isVisible()) ? true : undefined;
    }).catch(async (e) => {
      await s.screenshot('registry-import-dialog-debug');
      throw new Error(`${(e as Error).message}; the dialog shows "${await input.inputValue().catch(() => '?')}"`);
    });
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'where this registry keeps them' }).click();
    const toast = s.page.locator('.notification-toast', { hasText: /Imported 0 models and \d+ results files/ });
    await toast.waitFor({ state: 'visible' });
    const folder = join(s.workspace, 'results', 'EleutherAI__pythia-160m');
    const written = readdirSync(folder).filter((n) => n.endsWith('.results.json'));
    assert.match(await toast.innerText(), new RegExp(`Imported 0 models and ${written.length} results files`));
    const pane = await s.showOnlyView('Results');
    // The server indexes the new files first: on a loaded 2-core machine that can take a while.
    await poll('hellaswag among the results', async () => ((await rows(pane)).some((r) => r.startsWith('hellaswag')) ? true : undefined), 2 * UI_TIMEOUT).catch(async (e) => {
      await s.screenshot('registry-import-debug');
      throw new Error(`${(e as Error).message}; rows: ${(await rows(pane)).join(', ')}`);
    });
    await s.screenshot('registry-import-scores');
    await toast.locator('.codicon-notifications-clear, .codicon-close').first().click().catch(() => undefined);
  });

  test('Filter… narrows every view to matching items; Clear Filter brings them back', async () => {
    await s.runCommand('ModelOps: Filter…');
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('news-topic');
    await s.page.keyboard.press('Enter');
    const pane = await s.showOnlyView('Models');
    const shown = await poll('only the news-topic models', async () => {
      const now = await rows(pane);
      return now.length === 3 ? now : undefined;
    });
    assert.deepEqual(shown, ['news-topic-bert', 'news-topic-distil', 'news-topic-tfidf']);
    assert.match(await pane.locator('.pane-header').innerText(), /filter: news-topic/);
    await s.screenshot('registry-filter');
    await s.runCommand('ModelOps: Clear Filter');
    await poll('all models back', async () => ((await rows(pane)).length >= MODELS.length ? true : undefined));
  });

  test('a model\'s local artifact shows its size; Remove Local Artifact… asks, then removes it', async () => {
    const pane = await s.showOnlyView('Models');
    await pane.locator('.monaco-list-row', { hasText: 'iris-logreg' }).locator('.monaco-tl-twistie').click();
    await pane.locator('.monaco-list-row', { hasText: /^Artifacts/ }).first().locator('.monaco-tl-twistie').click();
    const artifact = pane.locator('.monaco-list-row', { hasText: 'iris-logreg.onnx' });
    await artifact.waitFor({ state: 'visible' });
    const onnx = join(s.workspace, 'artifacts', 'iris-logreg.onnx');
    const size = readFileSync(onnx).length;
    assert.equal(await artifact.locator('.label-description').innerText(), `${size} B · onnx`);
    await s.screenshot('registry-artifact');
    await s.contextMenu(artifact, 'Remove Local Artifact…');
    const dialog = s.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Remove the local artifact iris-logreg\.onnx\?/);
    await dialog.locator('.monaco-button', { hasText: 'Move to Trash' }).click();
    await poll('the artifact file removed', async () => {
      if (!existsSync(onnx)) return true;
      // code-server's file system has no trash: the command then asks before deleting for good.
      const permanently = dialog.locator('.monaco-button', { hasText: 'Delete Permanently' });
      if (await permanently.isVisible()) {
        assert.match(await dialog.innerText(), /iris-logreg\.onnx cannot be moved to the trash here\. Delete it permanently\?/);
        await s.screenshot('registry-artifact-no-trash');
        await permanently.click();
      }
      const toast = s.page.locator('.notification-toast');
      if (await toast.isVisible()) throw new Error(`a notification instead: ${await toast.innerText()}`);
      return undefined;
    }, 20_000);
    await poll('the artifact shown as missing', async () => {
      const d = await pane.locator('.monaco-list-row', { hasText: 'iris-logreg.onnx' }).locator('.label-description').innerText().catch(() => '');
      return d === 'missing · onnx' ? true : undefined;
    });
  });

  test('the status bar counts models, datasets and files with errors; a click opens Problems', async () => {
    const item = s.page.locator('.statusbar-item', { has: s.page.locator('[aria-label^="ModelOps: 10 models, 11 datasets"]') }).or(s.page.locator('.statusbar-item[aria-label^="ModelOps: 10 models, 11 datasets"]')).first();
    await item.waitFor({ state: 'visible' });
    await item.click();
    await s.page.locator('.markers-panel').waitFor({ state: 'visible' });
    await s.screenshot('registry');
  });
});
