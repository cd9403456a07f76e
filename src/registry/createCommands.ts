// New Model Spec…, New Dataset…, New Results…: a few questions, then a new file from a template
// that validates, written atomically and never over an existing file. Also Configure Registries…
// (creates modelops.config.json when there is none) and Open Documentation.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { writeFileAtomic } from '../core/importers/writer';
import { configTemplate, newDatasetMetadata, newModelMetadata, newResultsMetadata } from '../core/metadata/templates';
import type { Kind } from '../core/metadata/types';
import type { RegistryFile } from '../core/protocol';
import { createMetadataFile, defaultFolder, nameProblem, newFileName, parseMetrics, referenceTo } from '../core/registryViews/create';
import { displayName, versionOf } from '../core/registryViews/facts';
import { allTaxonomyPaths, describeTaxonomyPath } from '../core/metadata/taxonomy';
import { fileArgument } from './pick';
import type { RegistryStore } from './store';

/** The registry root to create in: the only one, or the one the user picks. */
export async function pickRoot(store: RegistryStore): Promise<string | undefined> {
  const roots = store.snapshot.roots.length
    ? store.snapshot.roots.map((r) => vscode.Uri.parse(r.rootUri).fsPath)
    : (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  if (!roots.length) {
    void vscode.window.showErrorMessage('Open a folder first: registry files live in a workspace folder.');
    return undefined;
  }
  if (roots.length === 1) return roots[0];
  return vscode.window.showQuickPick(roots, { placeHolder: 'Which registry?' });
}

function ask(title: string, prompt: string, value = '', validate?: (v: string) => string | undefined): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: validate });
}

async function pickReference(title: string, files: RegistryFile[], noneLabel: string | undefined, placeHolder: string): Promise<RegistryFile | null | undefined> {
  const items: (vscode.QuickPickItem & { file: RegistryFile | null })[] = files.map((f) => ({
    label: displayName(f), description: versionOf(f) ? `v${versionOf(f)}` : undefined, detail: f.rel, file: f,
  }));
  if (noneLabel) items.unshift({ label: noneLabel, file: null });
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDetail: true, ignoreFocusOut: true });
  return pick ? pick.file : undefined;
}

async function write(store: RegistryStore, kind: Kind, path: string, data: object): Promise<void> {
  const outcome = await createMetadataFile(path, kind, data);
  if (outcome.status === 'created') {
    store.filesChanged([{ path, type: 'created' }]);
    await vscode.window.showTextDocument(vscode.Uri.file(path));
    return;
  }
  if (outcome.status === 'exists') {
    const open = await vscode.window.showErrorMessage(`${path} already exists; nothing was written.`, 'Open It');
    if (open) await vscode.window.showTextDocument(vscode.Uri.file(path));
    return;
  }
  void vscode.window.showErrorMessage(`Not written: the new file would not validate (${outcome.problems.join('; ')}).`);
}

const uniqueName = (store: RegistryStore, kind: Kind) => (v: string) => {
  const problem = nameProblem(v);
  if (problem) return problem;
  const files = kind === 'model' ? store.snapshot.models : store.snapshot.datasets;
  return files.some((f) => f.name === v) ? `A ${kind} named "${v}" exists already: pick another name or a new version of it.` : undefined;
};

export function registerCreateCommands(context: vscode.ExtensionContext, store: RegistryStore): vscode.Disposable {
  const reg = vscode.commands.registerCommand;
  return vscode.Disposable.from(
    reg(COMMANDS.registryNewModel.id, async () => {
      const root = await pickRoot(store);
      if (!root) return;
      const title = 'New Model Spec';
      const name = await ask(`${title} (1/4)`, 'The model name (model_name)', '', uniqueName(store, 'model'));
      if (name === undefined) return;
      const version = await ask(`${title} (2/4)`, 'Its version (model_version)', '0.1.0', (v) => (v.trim() ? undefined : 'Give a version.'));
      if (version === undefined) return;
      const architecture = await ask(`${title} (3/4)`, 'Its architecture (model_architecture), optional', '');
      if (architecture === undefined) return;
      const dataset = await pickReference(`${title} (4/4)`, store.snapshot.datasets, 'No training dataset yet', 'The training dataset');
      if (dataset === undefined) return;
      const path = join(defaultFolder('model', store.snapshot, root), newFileName('model', name));
      await write(store, 'model', path, newModelMetadata({
        name, version: version.trim(), architecture: architecture.trim() || undefined,
        trainingDataset: dataset ? referenceTo(path, dataset) : undefined,
      }));
    }),
    reg(COMMANDS.registryNewDataset.id, async (arg?: unknown) => {
      const root = await pickRoot(store);
      if (!root) return;
      const title = 'New Dataset';
      const name = await ask(`${title} (1/4)`, 'The dataset name', '', uniqueName(store, 'dataset'));
      if (name === undefined) return;
      const version = await ask(`${title} (2/4)`, 'Its version', '1.0', (v) => (v.trim() ? undefined : 'Give a version.'));
      if (version === undefined) return;
      const taxonomy = await vscode.window.showQuickPick(
        allTaxonomyPaths().map((p) => ({ label: p, detail: describeTaxonomyPath(p) })),
        { title: `${title} (3/4)`, placeHolder: 'Where it sits in the data taxonomy (pick any, or none)', canPickMany: true, matchOnDetail: true, ignoreFocusOut: true },
      );
      if (taxonomy === undefined) return;
      // "New Dataset…" on a dataset item proposes it as the parent.
      const preset = arg ? await fileArgument(store, arg, ['dataset'], '').catch(() => undefined) : undefined;
      const parent = preset ?? (await pickReference(`${title} (4/4)`, store.snapshot.datasets, 'Not derived from another dataset', 'Derived from'));
      if (parent === undefined) return;
      const path = join(defaultFolder('dataset', store.snapshot, root), newFileName('dataset', name));
      await write(store, 'dataset', path, newDatasetMetadata({
        name, version: version.trim(), taxonomy: taxonomy.map((t) => t.label),
        derivedFrom: parent ? [referenceTo(path, parent)] : undefined,
      }));
    }),
    reg(COMMANDS.registryNewResults.id, async (arg?: unknown) => {
      const root = await pickRoot(store);
      if (!root) return;
      const title = 'New Results';
      const preset = arg ? await fileArgument(store, arg, ['model'], '').catch(() => undefined) : undefined;
      const model = preset ?? (await pickReference(`${title} (1/3)`, store.snapshot.models, undefined, 'The model that was evaluated'));
      if (!model) return;
      const dataset = await pickReference(`${title} (2/3)`, store.snapshot.datasets, undefined, 'The dataset it was evaluated on');
      if (!dataset) return;
      const metricText = await ask(`${title} (3/3)`, 'Metrics as name=value pairs, e.g. "accuracy=0.93 f1_score=0.91"', '', (v) => parseMetrics(v).error);
      if (metricText === undefined) return;
      const path = join(defaultFolder('results', store.snapshot, root), newFileName('results', displayName(model), displayName(dataset)));
      await write(store, 'results', path, newResultsMetadata({ model: referenceTo(path, model), dataset: referenceTo(path, dataset), metrics: parseMetrics(metricText).metrics }));
    }),
    reg(COMMANDS.registryConfigure.id, async () => {
      const root = await pickRoot(store);
      if (!root) return;
      const existing = store.snapshot.roots.find((r) => vscode.Uri.parse(r.rootUri).fsPath === root)?.configUri;
      const path = existing ? vscode.Uri.parse(existing).fsPath : join(root, 'modelops.config.json');
      if (!existing && (await writeFileAtomic(path, configTemplate(), false))) store.filesChanged([{ path, type: 'created' }]);
      await vscode.window.showTextDocument(vscode.Uri.file(path));
    }),
    reg(COMMANDS.registryOpenDocs.id, () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md'))),
  );
}

