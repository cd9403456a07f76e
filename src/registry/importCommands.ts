// Import commands over the core importers: a Hugging Face model folder, an lm-evaluation-harness
// results file, model_scores files, and the hub's API (HF_TOKEN from the environment, else the
// token kept in SecretStorage). Nothing is overwritten without asking.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { hubOptionsFromEnv, importFromHub } from '../core/importers/hfHub';
import { importHuggingFaceFolder } from '../core/importers/huggingfaceFolder';
import { importToFolder } from '../core/importers/importToFolder';
import { importLmEvalResults } from '../core/importers/lmEvalHarness';
import type { ImportBundle } from '../core/importers/types';
import type { Kind } from '../core/metadata/types';
import { defaultFolder } from '../core/registryViews/create';
import { displayName, versionOf } from '../core/registryViews/facts';
import { importSummary, readModelScores } from '../core/registryViews/imports';
import { pickRoot } from './createCommands';
import type { RegistryStore } from './store';

export const HF_TOKEN_SECRET = 'modelops.hfToken';

async function outFolder(store: RegistryStore, kind: Kind, title: string): Promise<string | undefined> {
  const root = await pickRoot(store);
  if (!root) return undefined;
  const proposed = defaultFolder(kind, store.snapshot, root);
  const pick = await vscode.window.showQuickPick(
    [{ label: vscode.workspace.asRelativePath(proposed, false) || proposed, description: 'where this registry keeps them', path: proposed }, { label: 'Choose a folder…', path: '' }],
    { title, placeHolder: 'Write the imported files into' },
  );
  if (!pick) return undefined;
  if (pick.path) return pick.path;
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, defaultUri: vscode.Uri.file(root), openLabel: 'Import Here' });
  return chosen?.[0]?.fsPath;
}

async function write(store: RegistryStore, bundles: ImportBundle[], out: string, modelFile?: string): Promise<void> {
  let outcome = await progress('Writing metadata files…', () => importToFolder(bundles, out, { modelFile }));
  const existing = outcome.skipped.filter((s) => s.reason === 'exists');
  if (existing.length) {
    const names = existing.slice(0, 5).map((s) => vscode.workspace.asRelativePath(s.path, false)).join('\n');
    const choice = await vscode.window.showWarningMessage(
      `${existing.length} file${existing.length === 1 ? '' : 's'} to import exist${existing.length === 1 ? 's' : ''} already. Overwrite?`,
      { modal: true, detail: `${names}${existing.length > 5 ? '\n…' : ''}` },
      'Overwrite', 'Keep Existing',
    );
    if (choice === 'Overwrite') outcome = await progress('Writing metadata files…', () => importToFolder(bundles, out, { modelFile, overwrite: true }));
  }
  store.filesChanged(outcome.written.map((path) => ({ path, type: 'created' as const })));
  for (const w of outcome.warnings.slice(0, 3)) void vscode.window.showWarningMessage(`Import: ${w}`);
  const first = outcome.written[0];
  const open = await vscode.window.showInformationMessage(importSummary(outcome), ...(first ? ['Open'] : []));
  if (open && first) await vscode.window.showTextDocument(vscode.Uri.file(first));
}

function failed(e: unknown): void {
  void vscode.window.showErrorMessage(`Import failed: ${e instanceof Error ? e.message : String(e)}`);
}

const progress = <T>(title: string, task: () => Promise<T>) =>
  vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, task);

export function registerImportCommands(context: vscode.ExtensionContext, store: RegistryStore): vscode.Disposable {
  const reg = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    reg(COMMANDS.registryImportHfFolder.id, async (arg?: unknown) => {
      try {
        const dir = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Import Model Folder', title: 'A Hugging Face model folder (config.json, README.md, *.safetensors)' }))?.[0];
        if (!dir) return;
        const bundle = await progress('Reading the model folder…', () => importHuggingFaceFolder(dir.fsPath));
        const out = await outFolder(store, 'model', 'Import Hugging Face Model Folder');
        if (out) await write(store, [bundle], out);
      } catch (e) {
        failed(e);
      }
    }),
    reg(COMMANDS.registryImportLmEval.id, async (arg?: unknown) => {
      try {
        const file = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'lm-evaluation-harness results': ['json'] }, openLabel: 'Import Results', title: 'An lm-evaluation-harness results file' }))?.[0];
        if (!file) return;
        const models = store.snapshot.models;
        const pick = await vscode.window.showQuickPick(
          [{ label: 'The model named in the file', file: undefined as string | undefined }, ...models.map((m) => ({ label: displayName(m), description: versionOf(m), detail: m.rel, file: vscode.Uri.parse(m.uri).fsPath }))],
          { title: 'Import lm-evaluation-harness Results', placeHolder: 'Which model were these results for?', matchOnDetail: true },
        );
        if (!pick) return;
        const model = pick.file ? models.find((m) => vscode.Uri.parse(m.uri).fsPath === pick.file) : undefined;
        const text = await readFile(file.fsPath, 'utf8');
        const bundle = importLmEvalResults(text, file.fsPath, model ? { model: { name: displayName(model), ...(versionOf(model) ? { version: versionOf(model) } : {}) } } : {});
        const out = await outFolder(store, 'results', 'Import lm-evaluation-harness Results');
        if (out) await write(store, [bundle], out, pick.file);
      } catch (e) {
        failed(e);
      }
    }),
    reg(COMMANDS.registryImportModelScores.id, async (arg?: unknown) => {
      try {
        const picked = arg instanceof vscode.Uri ? [arg] : await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, canSelectMany: true, openLabel: 'Import Scores', title: 'model_scores files or a folder of them' });
        if (!picked?.length) return;
        const bundles = await progress('Reading score files…', () => readModelScores(picked.map((u) => u.fsPath)));
        const out = await outFolder(store, 'results', 'Import model_scores');
        if (out) await write(store, bundles, out);
      } catch (e) {
        failed(e);
      }
    }),
    reg(COMMANDS.registryImportHub.id, async () => {
      try {
        const repo = await vscode.window.showInputBox({ title: 'Import from the Hugging Face Hub', prompt: 'The model id, e.g. EleutherAI/pythia-160m', ignoreFocusOut: true, validateInput: (v) => (/^[\w.-]+(\/[\w.-]+)?$/.test(v.trim()) ? undefined : 'Expected "org/name"') });
        if (!repo) return;
        const env = hubOptionsFromEnv(process.env);
        const token = env.token ?? (await context.secrets.get(HF_TOKEN_SECRET));
        const bundle = await progress(`Asking the hub about ${repo.trim()}…`, () => importFromHub(repo.trim(), { ...env, token }));
        const out = await outFolder(store, 'model', 'Import from the Hugging Face Hub');
        if (out) await write(store, [bundle], out);
      } catch (e) {
        failed(e);
      }
    }),
    reg(COMMANDS.registrySetHfToken.id, async () => {
      const token = await vscode.window.showInputBox({
        title: 'Hugging Face Token', password: true, ignoreFocusOut: true,
        prompt: 'Kept in VS Code\'s secret storage, never in settings. HF_TOKEN in the environment wins over it. Leave empty to forget the stored token.',
      });
      if (token === undefined) return;
      if (token.trim()) await context.secrets.store(HF_TOKEN_SECRET, token.trim());
      else await context.secrets.delete(HF_TOKEN_SECRET);
      void vscode.window.showInformationMessage(token.trim() ? 'Hugging Face token stored.' : 'Stored Hugging Face token removed.');
    }),
  );
}
