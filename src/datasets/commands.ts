// ModelOps: Split Dataset…, Sample Dataset…, Sanitize Dataset…, Validate Data: quick inputs, then the
// core's streaming operations; each writes new data + metadata and asks before overwriting.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { FileExistsError } from '../core/datasets/files';
import { loadDataset, readMetadataFile, type LoadedDataset } from '../core/datasets/metadata';
import { OperationCancelled, sampleDatasetFile, sanitizeDatasetFile, splitDatasetFile, validateDatasetFile, type WrittenDataset } from '../core/datasets/operations';
import { readRecords } from '../core/datasets/read';
import { DatasetError } from '../core/datasets/types';
import type { DatasetMetadata } from '../core/metadata/types';
import type { RegistryResult } from '../core/protocol';
import type { Reports } from '../evaluation/reports';
import { withCancellableProgress } from '../evaluation/cancellableProgress';
import { openAt, requireTrust, workspaceRoot } from '../evaluation/trust';
import { isDatasetFileName, targetFiles } from '../evaluation/ui';
import {
  columnItems, defaultSampleSize, overwriteQuestion, ratioProblem, sampleSizeProblem, sanitizeOptionItems, sanitizeOptions,
  sanitizeSummary, seedProblem, validationMarkdown, writtenMessage,
} from './ui';

export interface RegistrySource {
  registry(): Promise<RegistryResult>;
}

interface Target {
  metadataFile: string;
  split?: string;
  dataset: LoadedDataset;
}

/** The dataset a command acts on: its argument, else the active editor, else a pick; then a split if it has several files. */
async function target(source: RegistrySource, arg: unknown): Promise<Target | undefined> {
  let reg: RegistryResult | undefined;
  try {
    reg = await source.registry();
  } catch {
    reg = undefined;
  }
  const known = new Set((reg?.datasets ?? []).map((d) => vscode.Uri.parse(d.uri).fsPath));
  const accept = (p: string) => known.has(p) || isDatasetFileName(p);
  let file: string | undefined = targetFiles(arg, undefined, accept)[0];
  if (!file && arg === undefined) {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === 'file' && accept(active.fsPath)) file = active.fsPath;
    else {
      const items = (reg?.datasets ?? []).map((d) => ({ label: d.name ?? d.rel, description: d.version ? `v${d.version}` : undefined, detail: d.rel, path: vscode.Uri.parse(d.uri).fsPath }));
      if (!items.length) {
        void vscode.window.showInformationMessage('The workspace has no dataset metadata files.');
        return undefined;
      }
      file = (await vscode.window.showQuickPick(items, { placeHolder: 'Dataset', matchOnDetail: true }))?.path;
    }
  }
  if (!file) return undefined;
  try {
    const meta = await readMetadataFile<DatasetMetadata>(file);
    let split: string | undefined;
    const parts = (meta.files ?? []).filter((f) => typeof f.split === 'string');
    if (typeof meta.path !== 'string' && parts.length > 1) {
      split = (await vscode.window.showQuickPick(parts.map((f) => ({ label: f.split!, detail: f.path })), { placeHolder: 'The dataset has several files: which split?' }))?.label;
      if (!split) return undefined;
    }
    return { metadataFile: file, split, dataset: await loadDataset(file, split) };
  } catch (e) {
    await showDatasetError(e, file);
    return undefined;
  }
}

async function showDatasetError(e: unknown, metadataFile: string): Promise<void> {
  if (e instanceof OperationCancelled) return; // the user pressed Cancel: nothing to report
  const msg = (e as Error)?.message ?? String(e);
  const file = e instanceof DatasetError && e.file ? e.file : e instanceof FileExistsError ? e.path : metadataFile;
  const line = e instanceof DatasetError ? e.line : undefined;
  const choice = await vscode.window.showErrorMessage(msg, 'Open File');
  if (choice) await openAt(/not found/.test(msg) ? metadataFile : file, line);
}

async function columnsOf(ds: LoadedDataset): Promise<string[]> {
  for await (const rec of readRecords(ds.data)) return Object.keys(rec.row);
  return [];
}

/** Runs a write, asking (modal) before overwriting files that exist. */
async function withOverwrite<T>(run: (overwrite: boolean) => Promise<T>, root?: string): Promise<T | undefined> {
  try {
    return await run(false);
  } catch (e) {
    if (!(e instanceof FileExistsError)) throw e;
    const yes = await vscode.window.showWarningMessage(overwriteQuestion(e.path, root), { modal: true }, 'Overwrite');
    return yes === 'Overwrite' ? run(true) : undefined;
  }
}

async function ask(prompt: string, value: string, check: (t: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({ prompt, value, validateInput: check, ignoreFocusOut: true });
}

async function report(action: string, written: WrittenDataset[], root?: string, extra = ''): Promise<void> {
  const choice = await vscode.window.showInformationMessage(`${writtenMessage(action, written, root)}${extra ? ` ${extra}` : ''}`, 'Open Metadata');
  if (choice) await openAt(written[0].metadataFile);
}

async function splitCommand(source: RegistrySource, arg: unknown): Promise<void> {
  if (!requireTrust()) return;
  const t = await target(source, arg);
  if (!t) return;
  const ratio = await ask('Train ratio: the share of rows in the train part', '0.8', ratioProblem);
  if (ratio === undefined) return;
  const seed = await ask('Seed (the same seed gives the same split)', '0', seedProblem);
  if (seed === undefined) return;
  const stratify = await vscode.window.showQuickPick(columnItems(await columnsOf(t.dataset), '$(dash) No stratification'), { placeHolder: 'Stratify by a column (keeps its value shares equal in both parts)?' });
  if (!stratify) return;
  const root = workspaceRoot(t.metadataFile);
  try {
    const written = await withCancellableProgress(`Splitting ${t.dataset.metadata.name}`, (signal) =>
      withOverwrite((overwrite) => splitDatasetFile(t.metadataFile, { trainRatio: Number(ratio), seed: Number(seed), stratifyBy: stratify.value, split: t.split, overwrite, signal }), root));
    if (written) await report('Split', written, root);
  } catch (e) {
    await showDatasetError(e, t.metadataFile);
  }
}

async function sampleCommand(source: RegistrySource, arg: unknown): Promise<void> {
  if (!requireTrust()) return;
  const t = await target(source, arg);
  if (!t) return;
  const rows = typeof t.dataset.metadata.rows === 'number' && !t.split ? t.dataset.metadata.rows : undefined;
  const n = await ask(`Rows in the sample${rows !== undefined ? ` (of ${rows.toLocaleString('en')})` : ''}`, String(defaultSampleSize(rows)), (x) => sampleSizeProblem(x, rows));
  if (n === undefined) return;
  const seed = await ask('Seed (the same seed gives the same rows)', '0', seedProblem);
  if (seed === undefined) return;
  const root = workspaceRoot(t.metadataFile);
  try {
    const written = await withCancellableProgress(`Sampling ${t.dataset.metadata.name}`, (signal) =>
      withOverwrite((overwrite) => sampleDatasetFile(t.metadataFile, { n: Number(n), seed: Number(seed), split: t.split, overwrite, signal }), root));
    if (written) await report('Sample', [written], root);
  } catch (e) {
    await showDatasetError(e, t.metadataFile);
  }
}

async function sanitizeCommand(source: RegistrySource, arg: unknown): Promise<void> {
  if (!requireTrust()) return;
  const t = await target(source, arg);
  if (!t) return;
  const flags = await vscode.window.showQuickPick(sanitizeOptionItems(), { canPickMany: true, placeHolder: 'What should Sanitize do?' });
  if (!flags) return;
  const cols = await columnsOf(t.dataset);
  const required = await vscode.window.showQuickPick(cols.map((c) => ({ label: c })), { canPickMany: true, placeHolder: 'Required columns: drop rows where any of these is empty (none: keep them all)' });
  if (!required) return;
  const root = workspaceRoot(t.metadataFile);
  try {
    const options = sanitizeOptions(flags.map((f) => f.value), required.map((r) => r.label));
    const written = await withCancellableProgress(`Sanitizing ${t.dataset.metadata.name}`, (signal) =>
      withOverwrite((overwrite) => sanitizeDatasetFile(t.metadataFile, { ...options, split: t.split, overwrite, signal }), root));
    if (written) await report('Sanitize', [written], root, `(${sanitizeSummary(written.report)})`);
  } catch (e) {
    await showDatasetError(e, t.metadataFile);
  }
}

async function validateCommand(source: RegistrySource, reports: Reports, arg: unknown): Promise<void> {
  // Validation only reads: allowed in an untrusted workspace too.
  const t = await target(source, arg);
  if (!t) return;
  const label = await vscode.window.showQuickPick(columnItems(await columnsOf(t.dataset), '$(dash) No label column'), { placeHolder: 'Label column (for the label distribution)?' });
  if (!label) return;
  try {
    const r = await withCancellableProgress(`Validating ${t.dataset.metadata.name}`, (signal) => validateDatasetFile(t.metadataFile, { labelColumn: label.value, split: t.split, signal }));
    const name = t.dataset.metadata.name + (t.split ? ` (${t.split})` : '');
    await reports.show(`Validation of ${name}`, validationMarkdown(name, r.dataFile, r, workspaceRoot(t.metadataFile)));
    if (!r.valid) {
      const choice = await vscode.window.showErrorMessage(`${name} is not valid: ${r.errors[0]?.message ?? 'see the report'}`, 'Open Data File');
      if (choice) await openAt(r.dataFile);
    }
  } catch (e) {
    await showDatasetError(e, t.metadataFile);
  }
}

export function registerDatasetCommands(source: RegistrySource, reports: Reports): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.datasetSplit.id, (a?: unknown) => splitCommand(source, a)),
    vscode.commands.registerCommand(COMMANDS.datasetSample.id, (a?: unknown) => sampleCommand(source, a)),
    vscode.commands.registerCommand(COMMANDS.datasetSanitize.id, (a?: unknown) => sanitizeCommand(source, a)),
    vscode.commands.registerCommand(COMMANDS.datasetValidate.id, (a?: unknown) => validateCommand(source, reports, a)),
  );
}
