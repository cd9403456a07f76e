// The decisions behind the Evaluate and Compare commands, free of 'vscode' so they are unit-tested:
// which files a command acts on, the batch size setting, progress steps, messages, error locations
// and the ranking shown after a comparison.
import { dirname, relative, resolve } from 'node:path';
import { URI } from 'vscode-uri';
import { markdownTable } from 'markdown-table';
import type { ComparisonResult } from '../core/evaluation/compare';
import type { EvaluationErrorKind } from '../core/evaluation/errors';
import type { EvaluationResult, Progress } from '../core/evaluation/job';
import { escapeCell } from '../core/leaderboard/markdown';
import type { RegistryFile } from '../core/protocol';
import type { PickItem } from '../datasets/ui';

/** A path from what a menu passes: a tree node ({uri: string}), a Uri ({scheme, fsPath}) or a string. */
export function pathOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg.includes('://') ? URI.parse(arg).fsPath : arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as { uri?: unknown; scheme?: unknown; fsPath?: unknown };
  if (typeof o.scheme === 'string' && typeof o.fsPath === 'string') return o.scheme === 'file' ? o.fsPath : undefined;
  if (typeof o.uri === 'string') return URI.parse(o.uri).fsPath;
  return undefined;
}

/**
 * The files a command was invoked on: the multi-selection (second argument, from a tree or the
 * Explorer) when it holds the clicked item, else the clicked item; only those `accept` admits.
 */
export function targetFiles(clicked: unknown, selection: unknown, accept: (path: string) => boolean): string[] {
  const one = pathOf(clicked);
  const many = Array.isArray(selection) ? selection.map(pathOf).filter((p): p is string => !!p) : [];
  const chosen = many.length && (!one || many.includes(one)) ? many : one ? [one] : [];
  return [...new Set(chosen)].filter(accept);
}

export const isModelFileName = (p: string): boolean => /\.model\.json$/i.test(p);
export const isDatasetFileName = (p: string): boolean => /\.dataset\.json$/i.test(p);

/** `modelops.evaluation.batchSize`: a whole number ≥ 1, or 0 / unset for the model's own (else 256). */
export function batchSizeSetting(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/** Turns cumulative progress into the increments a VS Code progress bar wants. */
export class ProgressSteps {
  private reported = 0;

  /** `share` is the part of the whole bar one run takes (1 for one model, 1/n for n models). */
  step(p: Progress, share = 1): { increment: number; message: string } {
    const target = Math.min(100, Math.max(this.reported, this.base + 100 * share * Math.min(1, p.fraction)));
    const increment = target - this.reported;
    this.reported = target;
    const rows = p.total !== undefined ? `${p.rows.toLocaleString('en')} of ${p.total.toLocaleString('en')} rows` : `${p.rows.toLocaleString('en')} rows`;
    return { increment, message: rows };
  }

  /** Where the next run's share starts (after one model of several finished). */
  base = 0;
  nextRun(share: number): void {
    this.base = Math.min(100, this.base + 100 * share);
  }
}

export function modelLabelOf(r: { name: string; version?: string }): string {
  return r.version !== undefined ? `${r.name}@${r.version}` : r.name;
}

/** The main metric of a result, for a one-line message. */
export function headlineMetric(r: EvaluationResult): [string, number] | undefined {
  const name = r.task === 'regression' ? 'rmse' : 'accuracy';
  const v = r.metrics[name];
  if (typeof v === 'number') return [name, v];
  const first = Object.entries(r.metrics)[0];
  return first;
}

export function formatMetric(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

/** "Evaluated iris-logreg@1.0 on iris-test@1.0: accuracy 0.9667 (30 rows, 0.2 s). Results in results/x.results.json." */
export function evaluatedMessage(r: EvaluationResult, resultsFile: string | undefined, root?: string): string {
  const m = headlineMetric(r);
  const head = `Evaluated ${modelLabelOf(r.model)} on ${modelLabelOf(r.dataset)}${r.split ? ` (${r.split})` : ''}`;
  const metric = m ? `: ${m[0]} ${formatMetric(m[1])}` : '';
  const where = resultsFile ? ` Results in ${root ? relative(root, resultsFile) : resultsFile}.` : '';
  return `${head}${metric} (${r.samples_evaluated.toLocaleString('en')} rows, ${r.duration_seconds.toFixed(1)} s).${where}`;
}

export interface ProblemLocation {
  file: string;
  /** 1-based, when the message names a line. */
  line?: number;
}

/**
 * The file a person opens to fix an evaluation error. Messages start with the file they are about
 * (`/abs/file:12: ...`); model and signature problems are fixed in the model metadata file
 * (`artifacts.onnx`, `evaluation.inputs`), not in the binary ONNX file.
 */
export function problemLocation(kind: EvaluationErrorKind, message: string, files: { model: string; dataset?: string }): ProblemLocation | undefined {
  if (kind === 'cancelled' || kind === 'worker') return undefined;
  if (kind === 'model' || kind === 'signature') return { file: files.model };
  // A file that does not exist cannot be opened: open the file that names it.
  if (/^metadata file not found: /.test(message)) return { file: files.model };
  if (/^data file (not found|is a folder): /.test(message)) return { file: files.dataset ?? files.model };
  const located = /^((?:[A-Za-z]:)?[\\/][^:\n]*?)(?::(\d+))?: /.exec(message);
  if (located) {
    // `file:12: ...` or `file: row 2 (line 3), ...`
    const line = located[2] ?? /\(line (\d+)\)/.exec(message)?.[1];
    return { file: located[1], ...(line ? { line: Number(line) } : {}) };
  }
  return { file: files.model };
}

/** The button on an error message: what it opens. */
export function openActionTitle(loc: ProblemLocation, modelFile: string): string {
  if (loc.file === modelFile) return 'Open Model File';
  return /\.(csv|jsonl?|tsv)$/i.test(loc.file) && !/\.(dataset|model|results)\.json$/i.test(loc.file) ? 'Open Data File' : 'Open File';
}

/** Absolute paths under the workspace folder, shortened to workspace-relative ones for display. */
export function shortenPaths(message: string, root?: string): string {
  if (!root) return message;
  const prefix = root.endsWith('/') || root.endsWith('\\') ? root : `${root}${root.includes('\\') && !root.includes('/') ? '\\' : '/'}`;
  return message.split(prefix).join('');
}

export function evaluationFailedMessage(kind: EvaluationErrorKind, message: string, model?: string, root?: string): string {
  message = shortenPaths(message, root);
  const what = model ? `Evaluating ${model} failed` : 'Evaluation failed';
  const prefix: Record<EvaluationErrorKind, string> = {
    spec: `${what}: the model's metadata is incomplete`,
    model: `${what}: the ONNX model cannot be used`,
    signature: `${what}: the dataset does not fit the model's inputs or outputs`,
    data: `${what}: a problem in the dataset`,
    cancelled: `${what}: cancelled`,
    worker: `${what}: the evaluation worker stopped`,
  };
  return `${prefix[kind]}. ${message}`;
}

export const UNTRUSTED_MESSAGE =
  'ModelOps evaluation and dataset tools run model files and write data files, so they are disabled until you trust this workspace.';

// ---- Compare ----

function evaluationDatasetRef(model: RegistryFile): string | undefined {
  const d = model.data as { evaluation?: { dataset?: { metadata_reference?: unknown } } } | undefined;
  const ref = d?.evaluation?.dataset?.metadata_reference;
  return typeof ref === 'string' ? ref : undefined;
}

/** The dataset metadata file a model evaluates on by default, as a path. */
export function evaluationDatasetPath(model: RegistryFile): string | undefined {
  const ref = evaluationDatasetRef(model);
  return ref ? resolve(dirname(URI.parse(model.uri).fsPath), ref) : undefined;
}

function taskOf(model: RegistryFile): string | undefined {
  const t = (model.data as { evaluation?: { task?: unknown } } | undefined)?.evaluation?.task;
  return typeof t === 'string' ? t : undefined;
}

/**
 * Dataset choices for a comparison: every dataset of the registry, the ones the chosen models name
 * as their evaluation dataset first (with which models name it).
 */
export function datasetItems(datasets: readonly RegistryFile[], models: readonly RegistryFile[]): PickItem<string>[] {
  const usedBy = new Map<string, string[]>();
  for (const m of models) {
    const target = evaluationDatasetPath(m);
    if (!target) continue;
    usedBy.set(target, [...(usedBy.get(target) ?? []), m.name ?? m.rel]);
  }
  const items = datasets.map((d) => {
    const path = URI.parse(d.uri).fsPath;
    const users = usedBy.get(path);
    return {
      label: d.name ?? d.rel,
      description: [d.version ? `v${d.version}` : undefined, users ? `evaluation dataset of ${users.join(', ')}` : undefined].filter(Boolean).join(' · '),
      detail: d.rel,
      value: path,
      users: users?.length ?? 0,
    };
  });
  items.sort((a, b) => b.users - a.users || a.label.localeCompare(b.label));
  return items.map(({ users: _u, ...i }) => i);
}

const CLASSIFICATION_METRICS = ['accuracy', 'f1_score', 'f1_macro', 'precision', 'recall', 'precision_macro', 'recall_macro'];
const REGRESSION_METRICS = ['rmse', 'mae', 'mse', 'r2'];
const METRIC_HELP: Record<string, string> = {
  accuracy: 'share of rows predicted right',
  f1_score: 'F1, support-weighted over classes',
  f1_macro: 'F1, unweighted mean over classes',
  precision: 'precision, support-weighted',
  recall: 'recall, support-weighted',
  precision_macro: 'precision, unweighted mean',
  recall_macro: 'recall, unweighted mean',
  rmse: 'root mean squared error',
  mae: 'mean absolute error',
  mse: 'mean squared error',
  r2: 'coefficient of determination',
};

/** Metric choices for the models' task (both lists when the tasks differ or are unknown). */
export function metricItems(models: readonly RegistryFile[], lowerIsBetter: (m: string) => boolean): PickItem<string>[] {
  const tasks = new Set(models.map(taskOf));
  const names = tasks.size === 1 && tasks.has('regression') ? REGRESSION_METRICS
    : tasks.size === 1 && tasks.has('classification') ? CLASSIFICATION_METRICS
      : [...CLASSIFICATION_METRICS, ...REGRESSION_METRICS];
  return names.map((n) => ({ label: n, description: `${METRIC_HELP[n] ?? ''} · ${lowerIsBetter(n) ? 'lower' : 'higher'} is better`, value: n }));
}

/** Why a compare cannot start, or undefined when it can. */
export function compareProblem(modelFiles: readonly string[]): string | undefined {
  if (modelFiles.length < 2) return 'Select two or more model files to compare (Ctrl/Cmd-click in the Models view or the Explorer).';
  return undefined;
}

/** The ranking as a markdown document: a table, the best model named, where the results went. */
export function comparisonMarkdown(c: ComparisonResult, dataset: string, resultsFiles: readonly (string | undefined)[], root?: string): string {
  const rows = c.ranking.map((r) => [r.rank === null ? '–' : String(r.rank), escapeCell(r.model), r.value === null ? 'n/a' : formatMetric(r.value)]);
  const table = markdownTable([['Rank', 'Model', escapeCell(c.metric)], ...rows], { align: ['r', 'l', 'r'] });
  const best = c.best_model ? `**Best model: ${escapeCell(c.best_model)}** (${escapeCell(c.metric)}, ${c.higher_is_better ? 'higher' : 'lower'} is better)` : `No model has the metric ${escapeCell(c.metric)}.`;
  const samples = c.results.map((r) => `- ${escapeCell(modelLabelOf(r.model))}: ${r.samples_evaluated} rows in ${r.duration_seconds.toFixed(2)} s`);
  const files = resultsFiles.filter((f): f is string => !!f).map((f) => `- \`${(root ? relative(root, f) : f).replace(/`/g, '')}\``);
  return [
    `# Model comparison on ${escapeCell(dataset)}`,
    '',
    best,
    '',
    table,
    '',
    ...samples,
    ...(files.length ? ['', 'Results files written:', '', ...files] : []),
    '',
  ].join('\n');
}
