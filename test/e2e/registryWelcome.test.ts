// Scenario 1, empty side: a folder with no registry files shows the welcome buttons; "New Dataset"
// creates the first dataset, the view lists it, and "Configure Registries" writes a config to edit.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT, poll } from './harness';

// The hub cannot exist here: a local server speaks its API for one private model, which needs the token.
const TOKEN = 'hf_e2eTokenThatMustStayInSecretStorage42';
const HUB_MODEL = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'shared', 'corpus', 'llm-pretraining-behaviours', 'model_metadata', 'EleutherAI_pythia-160m.json'), 'utf8'));
const hubSeen: { url: string; authorization?: string }[] = [];
let hub: Server;

describe('e2e: the ModelOps container on a folder without registry files', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  let from: string;
  before(async () => {
    hub = createServer((req, res) => {
      hubSeen.push({ url: req.url ?? '', authorization: req.headers.authorization });
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (req.url !== '/api/models/private-org/tiny-pythia') return json(404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound' });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'Invalid credentials in Authorization header' });
      json(200, { ...HUB_MODEL, id: 'private-org/tiny-pythia', modelId: 'private-org/tiny-pythia', author: 'private-org', private: true });
    });
    await new Promise<void>((ok) => hub.listen(0, '127.0.0.1', ok));
    // code-server (and so the extension host) inherits these; the token is NOT in the environment.
    process.env.HF_ENDPOINT = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
    delete process.env.HF_TOKEN;
    from = mkdtempSync(join(tmpdir(), 'modelops-e2e-empty-'));
    // The workbench's readiness check waits for one Explorer row.
    writeFileSync(join(from, 'notes.txt'), 'no metadata here yet\n');
    s = await E2ESession.start('registry-welcome', { workspaceFrom: from });
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
    rmSync(from, { recursive: true, force: true });
    hub?.close();
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
    await poll('the new dataset file', async () => (existsSync(created) ? true : undefined));
    assert.deepEqual(JSON.parse(readFileSync(created, 'utf8')).taxonomy, ['web/news']);
    const pane = s.viewPane('Datasets');
    await poll('web in the Datasets view', async () => ((await pane.locator('.monaco-list-row .label-name').allInnerTexts()).includes('web') ? true : undefined));
    await s.screenshot('registry-first-dataset');
  });

  test('Configure Registries writes a modelops.config.json to edit', async () => {
    await s.viewPane('Models').locator('.welcome-view-content .monaco-button', { hasText: 'Configure Registries' }).click();
    const config = join(s.workspace, 'modelops.config.json');
    await poll('the config file', async () => (existsSync(config) ? true : undefined));
    await s.page.locator('.tabs-container .tab.active', { hasText: 'modelops.config.json' }).waitFor({ state: 'visible' });
    assert.equal(JSON.parse(readFileSync(config, 'utf8')).registries.length, 3);
  });

  test('Set Hugging Face Token… keeps it in secret storage; Import from the Hub uses it and writes the model', async () => {
    await s.runCommand('ModelOps: Set Hugging Face Token…');
    const input = s.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'password');
    await input.fill(TOKEN);
    await s.page.keyboard.press('Enter');
    await s.page.locator('.notification-toast', { hasText: 'Hugging Face token stored.' }).waitFor({ state: 'visible' });

    await s.runCommand('ModelOps: Import from the Hugging Face Hub…');
    await input.waitFor({ state: 'visible' });
    await input.fill('private-org/tiny-pythia');
    await s.page.keyboard.press('Enter');
    await s.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'where this registry keeps them' }).click();
    const written = join(s.workspace, 'models', 'private-org__tiny-pythia.model.json');
    await poll('the imported model file', async () => (existsSync(written) ? true : undefined)).catch(() => {
      throw new Error(`${written} not written; models/: ${existsSync(join(s.workspace, 'models')) ? readdirSync(join(s.workspace, 'models')).join(', ') : 'none'}; hub saw ${JSON.stringify(hubSeen)}`);
    });
    // What the user was told (toasts stack; the notification center has them all).
    await s.runCommand('Notifications: Show Notifications');
    const told = await s.page.locator('.notifications-center .notification-list-item').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    assert.ok(told.some((t) => t.includes('Imported 1 model and 0 results files.')), told.join(' | '));
    assert.ok(told.some((t) => t.includes('config.json not available (404)')), 'the importer\'s warning is shown too');
    await s.page.keyboard.press('Escape');
    assert.equal(JSON.parse(readFileSync(written, 'utf8')).model_name, 'private-org/tiny-pythia');
    assert.ok(hubSeen.some((r) => r.url === '/api/models/private-org/tiny-pythia' && r.authorization === `Bearer ${TOKEN}`), JSON.stringify(hubSeen));
    // The token went to the hub only: not into settings, not into any workspace file.
    assert.ok(!readFileSync(join(s.profile.userDataDir, 'User', 'settings.json'), 'utf8').includes(TOKEN));
    assert.ok(!readFileSync(written, 'utf8').includes(TOKEN));
    const pane = s.viewPane('Models');
    await poll('the imported model in the Models view', async () => {
      const header = pane.locator('.pane-header');
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.locator('h3.title').click();
      const rows = await pane.locator('.monaco-list-row .label-name').allInnerTexts();
      if (rows.includes('private-org/tiny-pythia')) return true;
      // Grouped by architecture: open the groups.
      for (const g of await pane.locator('.monaco-list-row[aria-expanded="false"]').all()) await g.click().catch(() => undefined);
      return undefined;
    });
    await s.screenshot('registry-hub-import');
  });
});
