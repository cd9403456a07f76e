// Scenario 1, empty side: a folder with no registry files shows the welcome buttons; "New Dataset"
// creates the first dataset, the view lists it, and "Configure Registries" writes a config to edit.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT, UI_TIMEOUT } from './harness';

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = UI_TIMEOUT): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('e2e: the ModelOps container on a folder without registry files', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  let from: string;
  before(async () => {
    from = mkdtempSync(join(tmpdir(), 'modelops-e2e-empty-'));
    // The workbench's readiness check waits for one Explorer row.
    writeFileSync(join(from, 'notes.txt'), 'no metadata here yet\n');
    s = await E2ESession.start('registry-welcome', { workspaceFrom: from });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
    rmSync(from, { recursive: true, force: true });
  });

  test('the views show their welcome buttons', async () => {
    await s.page.locator('.activitybar .action-item a[aria-label^="ModelOps"]').click();
    const models = s.viewPane('Models');
    await models.getByText('No models in this workspace yet.').waitFor({ state: 'visible' });
    const buttons = await models.locator('.welcome-view-content .monaco-button').allInnerTexts();
    assert.deepEqual(buttons.map((b) => b.trim()), ['New Model Spec', 'Import a Hugging Face Model Folder', 'Configure Registries']);
    assert.ok(await models.getByRole('button', { name: 'Open Documentation' }).or(models.locator('a', { hasText: 'Open Documentation' })).first().isVisible());
    await s.screenshot('registry-welcome');
  });

  test('New Dataset from the welcome button: the first dataset, listed under its taxonomy', async () => {
    await s.viewPane('Datasets').locator('.welcome-view-content .monaco-button', { hasText: 'New Dataset' }).click();
    const input = s.page.locator('.quick-input-widget input.input');
    const answer = async (prompt: RegExp, text: string) => {
      await s.page.locator('.quick-input-widget').getByText(prompt).first().waitFor({ state: 'visible' });
      await input.fill(text);
      await s.page.keyboard.press('Enter');
    };
    await answer(/dataset name/, 'first-data');
    await answer(/version/, '1.0');
    // Taxonomy: a multi-select; pick one path, then OK.
    await s.page.locator('.quick-input-widget input[placeholder*="data taxonomy"]').waitFor({ state: 'visible' });
    await input.fill('web/news');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'web/news' }).first().locator('input[type=checkbox], .monaco-checkbox, .quick-input-list-checkbox').first().click();
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Not derived from another dataset' }).first().click();
    const created = join(s.workspace, 'datasets', 'first-data.dataset.json');
    await until('the new dataset file', async () => (existsSync(created) ? true : undefined));
    assert.deepEqual(JSON.parse(readFileSync(created, 'utf8')).taxonomy, ['web/news']);
    const pane = s.viewPane('Datasets');
    await until('web in the Datasets view', async () => ((await pane.locator('.monaco-list-row .label-name').allInnerTexts()).includes('web') ? true : undefined));
    await s.screenshot('registry-first-dataset');
  });

  test('Configure Registries writes a modelops.config.json to edit', async () => {
    await s.viewPane('Models').locator('.welcome-view-content .monaco-button', { hasText: 'Configure Registries' }).click();
    const config = join(s.workspace, 'modelops.config.json');
    await until('the config file', async () => (existsSync(config) ? true : undefined));
    await s.page.locator('.tabs-container .tab.active', { hasText: 'modelops.config.json' }).waitFor({ state: 'visible' });
    assert.equal(JSON.parse(readFileSync(config, 'utf8')).registries.length, 3);
  });
});
