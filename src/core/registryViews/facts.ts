// What the views show about a registry file, read defensively: `data` is whatever the file holds
// (a team's own schema, a half-typed file), so every field is checked before it is used.
import type { RegistryFile } from '../protocol';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function dataOf(f: RegistryFile): Obj {
  return isObj(f.data) ? f.data : {};
}

/** The file name without its folder and its `.model.json` / `.json` ending. */
export function baseName(rel: string): string {
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return name.replace(/(\.(model|dataset|results))?\.jsonc?$/i, '') || name;
}

/** The label of a file: the name it declares, else its file name. */
export function displayName(f: RegistryFile): string {
  return f.name ?? baseName(f.rel);
}

export function versionOf(f: RegistryFile): string | undefined {
  return f.version ?? str(dataOf(f).model_version) ?? str(dataOf(f).version);
}

export function trainingDateOf(f: RegistryFile): string | undefined {
  return str(dataOf(f).model_training_date);
}

/** `model_architecture`, else (hub metadata such as the corpus) `config.architectures[0]`, `config.model_type`, `model_type`. */
export function architectureOf(f: RegistryFile): string | undefined {
  const d = dataOf(f);
  const config = isObj(d.config) ? d.config : {};
  const archs = Array.isArray(config.architectures) ? config.architectures : [];
  return str(d.model_architecture) ?? str(archs[0]) ?? str(config.model_type) ?? str(d.model_type);
}

export interface DatasetMention {
  role: string;
  name: string;
  version?: string;
  /** The dataset file, when the registry resolved it. */
  targetUri?: string;
}

const ROLE_LABEL: Record<string, string> = {
  training_dataset: 'training',
  validation_dataset: 'validation',
  test_dataset: 'test',
  'evaluation/dataset': 'evaluation',
  dataset: 'evaluated on',
};

export function roleLabel(role: string): string {
  if (role.startsWith('derived_from/')) return 'derived from';
  return ROLE_LABEL[role] ?? role;
}

/**
 * The datasets a model names: its references (training, validation, test, evaluation), then the
 * hub-style `training_stages[].data` (the corpus's way), matched to datasets by name or file name.
 */
export function datasetsOfModel(model: RegistryFile, datasets: readonly RegistryFile[]): DatasetMention[] {
  const out: DatasetMention[] = [];
  for (const r of model.references) {
    if (r.targetKind !== 'dataset') continue;
    const target = r.targetUri ? datasets.find((d) => d.uri === r.targetUri) : undefined;
    const name = r.name ?? (target ? displayName(target) : r.path);
    if (name) out.push({ role: r.role, name, version: r.version, targetUri: target?.uri });
  }
  const stages = dataOf(model).training_stages;
  if (Array.isArray(stages)) {
    for (const s of stages) {
      const name = isObj(s) ? str(s.data) : undefined;
      if (!name) continue;
      const target = datasets.find((d) => d.name === name) ?? datasets.find((d) => baseName(d.rel) === name);
      out.push({ role: `training_stages/${str(isObj(s) ? s.name : undefined) ?? 'data'}`, name, targetUri: target?.uri });
    }
  }
  return out;
}

/** The name of the dataset a model was trained on (for grouping), if any. */
export function trainingDatasetOf(model: RegistryFile, datasets: readonly RegistryFile[]): DatasetMention | undefined {
  const all = datasetsOfModel(model, datasets);
  return all.find((m) => m.role === 'training_dataset') ?? all.find((m) => m.role.startsWith('training_stages/'));
}

/** Preferred metrics, in order; otherwise the first numeric one. */
const PRIMARY = ['f1_score', 'f1', 'accuracy', 'acc', 'acc_norm', 'exact_match', 'em', 'auc', 'mae', 'rmse', 'loss', 'perplexity'];

export function metricsOf(f: RegistryFile): [string, number][] {
  const d = dataOf(f);
  const m = isObj(d.metrics) ? d.metrics : isObj(d.model_performance_metrics) ? d.model_performance_metrics : {};
  return Object.entries(m).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
}

export function primaryMetric(f: RegistryFile): [string, number] | undefined {
  const all = metricsOf(f);
  for (const p of PRIMARY) {
    const hit = all.find(([k]) => k.toLowerCase() === p);
    if (hit) return hit;
  }
  return all[0];
}

export function formatMetric(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 0.001 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
}

/** The name and version a results file says it is about. */
export function resultsSubject(f: RegistryFile): { model?: string; modelVersion?: string; dataset?: string; datasetVersion?: string } {
  const d = dataOf(f);
  const m = isObj(d.model) ? d.model : {};
  const ds = isObj(d.dataset) ? d.dataset : {};
  return { model: str(m.name) ?? str(d.model_name), modelVersion: str(m.version), dataset: str(ds.name), datasetVersion: str(ds.version) };
}

/** A result's own label: task, split and shots (what tells two results of one model and dataset apart). */
export function resultsLabel(f: RegistryFile): string {
  const d = dataOf(f);
  const parts = [str(d.split), typeof d.n_shot === 'number' ? `${d.n_shot}-shot` : undefined].filter(Boolean);
  const task = str(d.task);
  const subject = resultsSubject(f);
  if (task && task !== subject.dataset) parts.unshift(task);
  return parts.join(' · ') || baseName(f.rel);
}

export function taxonomyOf(f: RegistryFile): string[] {
  const t = dataOf(f).taxonomy;
  if (!Array.isArray(t)) return [];
  return [...new Set(t.filter((s): s is string => typeof s === 'string').map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean))];
}

export function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : typeof v === 'string' && v.trim() ? [v.trim()] : [];
}

export { isObj, str };
