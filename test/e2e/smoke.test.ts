// Smoke: a real VS Code opens examples/ with the packed ModelOps VSIX installed and activated.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { E2ESession, e2eSkipReason, START_TIMEOUT } from './harness';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  version: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
};
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('e2e smoke: the workbench on examples/', { skip: e2eSkipReason() }, () => {
  let s: E2ESession;
  before(async () => {
    s = await E2ESession.start('smoke');
  }, { timeout: START_TIMEOUT });
  after(async () => {
    await s?.close();
  });

  test('code-server lists the packed extension as installed', () => {
    assert.ok(s.installedExtensions().includes(`${extensionId}@${manifest.version}`), `installed: ${s.installedExtensions().join(', ')}`);
  });

  test('the Explorer lists the folders of examples/', async () => {
    const folders = readdirSync(s.workspace, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.ok(folders.length > 0, 'examples/ has folders');
    const items = await s.treeItems('examples');
    for (const f of folders) assert.ok(items.includes(f), `Explorer shows ${f}; it shows: ${items.join(', ')}`);
  });

  test('opening an example dataset shows it and activates the extension without error', async () => {
    const dataset = readdirSync(join(s.workspace, 'datasets')).find((n) => n.endsWith('.json'));
    assert.ok(dataset, 'examples/datasets has a JSON file');
    await s.openFile(`datasets/${dataset}`);
    const firstLine = readFileSync(join(s.workspace, 'datasets', dataset), 'utf8').split('\n')[0]!;
    assert.equal((await s.editorText()).split('\n')[0], firstLine);
    const line = await s.waitForActivation(extensionId);
    assert.match(line, new RegExp(`_doActivateExtension ${extensionId.replace('.', '\\.')}`));
    const failures = s.extensionHostLog().split('\n').filter((l) => l.includes(extensionId) && /\[error\]|failed/i.test(l));
    assert.deepEqual(failures, []);
    await s.screenshot('smoke');
  });

  // Commands the palette always offers: not hidden or conditioned by menus.commandPalette.
  const conditioned = new Set((manifest.contributes?.menus?.commandPalette ?? []).map((m) => m.command));
  const commands = (manifest.contributes?.commands ?? []).filter((c) => !conditioned.has(c.command));
  test('the palette offers the contributed commands', { skip: commands.length ? false : 'the manifest contributes no unconditioned command' }, async () => {
    const first = commands[0]!;
    const title = first.category ? `${first.category}: ${first.title}` : first.title;
    const offered = await s.paletteTitles(title);
    assert.ok(offered.includes(title), `palette offers "${title}"; it shows: ${offered.join(', ')}`);
  });
});
