// ModelOps: Evaluate Model and Compare Models…: run the core's evaluator (in its worker process, so
// the extension host never loads onnxruntime) under a cancellable progress notification.
import * as vscode from 'vscode';
import { withCancellableProgress } from './cancellableProgress';
import { COMMANDS } from '../commands';
import { EvaluationError } from '../core/evaluation/errors';
import { compareModelFiles, evaluateModelFile } from '../core/evaluation/run';
import { lowerIsBetter } from '../core/leaderboard/metrics';
import type { RegistryFile, RegistryResult } from '../core/protocol';
import type { Reports } from './reports';
import { openAt, requireTrust, workspaceRoot } from './trust';
import {
  batchSizeSetting, compareProblem, comparisonMarkdown, datasetItems, evaluatedMessage, evaluationDatasetPath, evaluationFailedMessage,
  isModelFileName, metricItems, openActionTitle, problemLocation, ProgressSteps, targetFiles,
} from './ui';

export interface RegistrySource {
  registry(): Promise<RegistryResult>;
}

async function registryOrEmpty(source: RegistrySource): Promise<RegistryResult> {
  try {
    return await source.registry();
  } catch {
    // The server not answering must not block evaluating the file a person clicked.
    return { roots: [], models: [], datasets: [], results: [] };
  }
}

function batchSize(file: string): number | undefined {
  return batchSizeSetting(vscode.workspace.getConfiguration('modelops', vscode.Uri.file(file)).get('evaluation.batchSize'));
}

/** Shows an evaluation failure with a button that opens the file to fix. */
export async function showEvaluationError(e: unknown, files: { model: string; dataset?: string }, label?: string): Promise<void> {
  if (!(e instanceof EvaluationError)) {
    void vscode.window.showErrorMessage(`${label ? `Evaluating ${label} failed` : 'Evaluation failed'}: ${(e as Error)?.message ?? String(e)}`);
    return;
  }
  if (e.kind === 'cancelled') {
    void vscode.window.showInformationMessage('Evaluation cancelled; no results file was written.');
    return;
  }
  const loc = problemLocation(e.kind, e.message, files);
  const action = loc ? openActionTitle(loc, files.model) : undefined;
  const choice = await vscode.window.showErrorMessage(evaluationFailedMessage(e.kind, e.message, label, workspaceRoot(files.model)), ...(action ? [action] : []));
  if (choice && loc) await openAt(loc.file, loc.line);
}

function modelPaths(reg: RegistryResult): Set<string> {
  return new Set(reg.models.map((m) => vscode.Uri.parse(m.uri).fsPath));
}

async function pickModels(reg: RegistryResult, many: boolean): Promise<string[]> {
  const items = reg.models.map((m) => ({ label: m.name ?? m.rel, description: m.version ? `v${m.version}` : undefined, detail: m.rel, path: vscode.Uri.parse(m.uri).fsPath }));
  if (!items.length) {
    void vscode.window.showInformationMessage('The workspace has no model metadata files to evaluate.');
    return [];
  }
  if (many) return ((await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Models to compare (pick two or more)' })) ?? []).map((i) => i.path);
  const one = await vscode.window.showQuickPick(items, { placeHolder: 'Model to evaluate' });
  return one ? [one.path] : [];
}

/** The model files a command acts on: its arguments, else the active editor, else a pick. */
async function models(source: RegistrySource, clicked: unknown, selection: unknown, many: boolean): Promise<{ files: string[]; reg: RegistryResult }> {
  const reg = await registryOrEmpty(source);
  const known = modelPaths(reg);
  const accept = (p: string) => known.has(p) || isModelFileName(p);
  let files = targetFiles(clicked, selection, accept);
  if (!files.length && clicked === undefined) {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (!many && active?.scheme === 'file' && accept(active.fsPath)) files = [active.fsPath];
    else files = await pickModels(reg, many);
  }
  return { files, reg };
}

async function evaluate(source: RegistrySource, clicked: unknown, selection: unknown): Promise<void> {
  if (!requireTrust()) return;
  const { files, reg } = await models(source, clicked, selection, false);
  // Several selected models: each on its own evaluation dataset, one after another.
  for (const [i, file] of files.entries()) {
    const ok = await evaluateOne(reg, file, files.length > 1 ? ` (${i + 1} of ${files.length})` : '');
    if (!ok) return;
  }
}

/** Evaluates one model file under a cancellable progress notification; false when it failed or was cancelled. */
async function evaluateOne(reg: RegistryResult, file: string, counter: string): Promise<boolean> {
  const steps = new ProgressSteps();
  const entry = reg.models.find((m) => vscode.Uri.parse(m.uri).fsPath === file);
  const datasetFile = entry ? evaluationDatasetPath(entry) : undefined;
  const outcome = await withCancellableProgress(`Evaluating ${vscode.workspace.asRelativePath(file)}${counter}`, async (signal, progress) => {
    try {
      return { done: await evaluateModelFile(file, { batchSize: batchSize(file), signal, onProgress: (p) => progress.report(steps.step(p)) }) };
    } catch (e) {
      return { error: e };
    }
  });
  if ('error' in outcome) {
    await showEvaluationError(outcome.error, { model: file, dataset: datasetFile });
    return false;
  }
  const { result, resultsFile } = outcome.done;
  for (const w of result.warnings ?? []) void vscode.window.showWarningMessage(`${result.model.name}: ${w}`);
  // Not awaited: the next model starts while the message waits for a click.
  void vscode.window.showInformationMessage(evaluatedMessage(result, resultsFile, workspaceRoot(file)), ...(resultsFile ? ['Open Results'] : [])).then((choice) => {
    if (choice && resultsFile) void openAt(resultsFile);
  });
  return true;
}

async function pickDataset(reg: RegistryResult, chosen: RegistryFile[]): Promise<string | undefined> {
  const items = datasetItems(reg.datasets, chosen);
  if (!items.length) {
    void vscode.window.showInformationMessage('The workspace has no dataset metadata files to compare the models on.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Dataset every model is evaluated on', matchOnDetail: true }))?.value;
}

async function compareFlow(source: RegistrySource, reports: Reports, files: string[], reg?: RegistryResult): Promise<void> {
  const problem = compareProblem(files);
  if (problem) {
    void vscode.window.showInformationMessage(problem);
    return;
  }
  const registry = reg ?? (await registryOrEmpty(source));
  const chosen = registry.models.filter((m) => files.includes(vscode.Uri.parse(m.uri).fsPath));
  const dataset = await pickDataset(registry, chosen);
  if (!dataset) return;
  const metric = (await vscode.window.showQuickPick(metricItems(chosen, lowerIsBetter), { placeHolder: 'Metric to rank by' }))?.value;
  if (!metric) return;
  const steps = new ProgressSteps();
  const share = 1 / files.length;
  let current = files[0];
  let index = 0;
  const outcome = await withCancellableProgress(`Comparing ${files.length} models`, async (signal, progress) => {
    try {
      const done = await compareModelFiles(files, {
        dataset, metric, batchSize: batchSize(files[0]), signal,
        onProgress: (p) => {
          const s = steps.step(p, share);
          progress.report({ increment: s.increment, message: `${vscode.workspace.asRelativePath(current)} (${index + 1}/${files.length}): ${s.message}` });
        },
        onModel: (_e, i) => {
          steps.nextRun(share);
          index = i + 1;
          current = files[i + 1] ?? current;
        },
      });
      return { done };
    } catch (e) {
      return { error: e };
    }
  });
  if ('error' in outcome) {
    const e = outcome.error;
    // Models already evaluated keep their results files; say so when a later one is cancelled.
    if (e instanceof EvaluationError && e.kind === 'cancelled') {
      void vscode.window.showInformationMessage(`Comparison cancelled at ${vscode.workspace.asRelativePath(current)}; ${index} model(s) had finished and kept their results files, the cancelled one wrote none.`);
      return;
    }
    return showEvaluationError(e, { model: current, dataset }, vscode.workspace.asRelativePath(current));
  }
  const { comparison, evaluated } = outcome.done;
  const ds = comparison.results[0]?.dataset;
  const dsLabel = ds ? (ds.version ? `${ds.name}@${ds.version}` : ds.name) : vscode.workspace.asRelativePath(dataset);
  await reports.show(`Comparison on ${dsLabel}`, comparisonMarkdown(comparison, dsLabel, evaluated.map((e) => e.resultsFile), workspaceRoot(files[0])));
  if (comparison.best_model) void vscode.window.showInformationMessage(`Best model on ${dsLabel} by ${comparison.metric}: ${comparison.best_model}`);
}

async function compareCommand(source: RegistrySource, reports: Reports, clicked: unknown, selection: unknown): Promise<void> {
  if (!requireTrust()) return;
  const { files, reg } = await models(source, clicked, selection, true);
  if (!files.length) return;
  return compareFlow(source, reports, files, reg);
}

export function registerEvaluationCommands(source: RegistrySource, reports: Reports): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.evaluationEvaluate.id, (a?: unknown, b?: unknown) => evaluate(source, a, b)),
    vscode.commands.registerCommand(COMMANDS.evaluationCompare.id, (a?: unknown, b?: unknown) => compareCommand(source, reports, a, b)),
  );
}
