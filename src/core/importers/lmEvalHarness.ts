// An lm-evaluation-harness results file (`results_<date>.json`, v0.3 and v0.4 layouts) → one
// results object per task. Metric keys are "<metric>,<filter>"; "_stderr" ones go to details.
import type { ModelReference, ResultsMetadata } from '../metadata/types';
import { nonFiniteName, parseJsonText } from './jsonText';
import { ImportError, type ImportBundle } from './types';
import { finite, isObj, isoFromStamp, type Obj } from './values';

export interface LmEvalOptions {
  /** The model the results point at (e.g. read from an existing model file); default from the file's config. */
  model?: ModelReference;
}

/** `model_args` as a string "k=v,k=v" or an object → a map. */
function modelArgs(v: unknown): Record<string, string> {
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  if (typeof v !== 'string') return {};
  return Object.fromEntries(v.split(',').map((kv) => kv.split('=')).filter((p) => p.length >= 2).map(([k, ...rest]) => [k.trim(), rest.join('=').trim()]));
}

/** `date`: unix seconds (simple_evaluate's time.time()) or a "2024-05-21T10-30-00.123456" stamp. */
function evaluatedAtOf(date: unknown): string | undefined {
  const seconds = typeof date === 'number' ? date : undefined;
  if (seconds !== undefined && Number.isFinite(seconds) && seconds > 0) return new Date(seconds * 1000).toISOString();
  return typeof date === 'string' ? isoFromStamp(date) : undefined;
}

/** The model the run evaluated: `pretrained=` (hf backends) or `model=` (API backends), else model_name. */
function modelFromRun(json: Obj): ModelReference | undefined {
  const config = isObj(json.config) ? json.config : {};
  const args = modelArgs(config.model_args);
  const name = args.pretrained ?? args.model ?? args.engine ?? (typeof json.model_name === 'string' ? json.model_name : undefined);
  if (!name) return undefined;
  const revision = args.revision ?? (typeof config.model_revision === 'string' && config.model_revision !== 'main' ? config.model_revision : undefined);
  return { name, ...(revision ? { version: revision } : {}) };
}

export function importLmEvalResults(text: string, file: string, options: LmEvalOptions = {}): ImportBundle {
  const json = parseJsonText(text, file);
  if (!isObj(json) || !isObj(json.results)) {
    throw new ImportError(`${file}: not an lm-evaluation-harness results file (no "results" object keyed by task)`, file);
  }
  const warnings: string[] = [];
  const model = options.model ?? modelFromRun(json);
  if (!model) throw new ImportError(`${file}: cannot tell which model was evaluated (no config.model_args pretrained=… nor model_name); say which model file it belongs to (--model-ref on the command line)`, file);
  const config = isObj(json.config) ? json.config : {};
  const versions = isObj(json.versions) ? json.versions : {};
  const nShots = isObj(json['n-shot']) ? json['n-shot'] : {};
  const configs = isObj(json.configs) ? json.configs : {};
  const samples = isObj(json['n-samples']) ? json['n-samples'] : {};
  const evaluatedAt = evaluatedAtOf(json.date);
  const run: Obj = {};
  if (typeof config.model === 'string') run.model_backend = config.model;
  for (const k of ['git_hash', 'transformers_version', 'model_sha', 'model_dtype']) if (typeof (json[k] ?? config[k]) === 'string') run[k] = json[k] ?? config[k];
  const total = finite(json.total_evaluation_time_seconds);
  if (total !== undefined) run.total_evaluation_time_seconds = total;

  const out: ResultsMetadata[] = [];
  for (const [task, values] of Object.entries(json.results)) {
    if (!isObj(values)) {
      warnings.push(`${file}: results.${task} is not an object; skipped`);
      continue;
    }
    const metrics: Record<string, number> = {};
    const stderr: Record<string, number | string> = {};
    const nonNumeric: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(values)) {
      if (key === 'alias' || key === 'name' || key === 'sample_len' || key === 'sample_count') continue;
      const [metric, filter] = key.includes(',') ? [key.slice(0, key.indexOf(',')), key.slice(key.indexOf(',') + 1)] : [key, 'none'];
      const isStderr = metric.endsWith('_stderr');
      const base = isStderr ? metric.slice(0, -'_stderr'.length) : metric;
      const name = filter === 'none' ? base : `${base},${filter}`;
      const value = finite(raw);
      if (isStderr) stderr[name] = value ?? (nonFiniteName(raw) ?? raw as string);
      else if (value !== undefined) metrics[name] = value;
      else nonNumeric[name] = nonFiniteName(raw) ?? raw;
    }
    if (!Object.keys(metrics).length) {
      warnings.push(`${file}: task ${task} has no numeric metrics; skipped`);
      continue;
    }
    const taskConfig = isObj(configs[task]) ? configs[task] : {};
    const version = versions[task];
    const shot = finite(nShots[task]) ?? finite(taskConfig.num_fewshot);
    const split = taskConfig.test_split ?? taskConfig.validation_split;
    const n = isObj(samples[task]) ? finite(samples[task].effective) : undefined;
    const details: Obj = {};
    if (Object.keys(stderr).length) details.stderr = stderr;
    if (Object.keys(nonNumeric).length) details.non_numeric = nonNumeric;
    if (typeof taskConfig.dataset_path === 'string') details.dataset_path = taskConfig.dataset_path;
    if (typeof taskConfig.dataset_name === 'string') details.dataset_name = taskConfig.dataset_name;
    if (Object.keys(run).length) details.run = run;
    const result: ResultsMetadata = {
      model: { ...model },
      dataset: { name: task, ...((typeof version === 'number' || typeof version === 'string') && version !== 'N/A' ? { version: String(version) } : {}) },
      metrics,
      source: 'lm-evaluation-harness',
      task,
    };
    if (typeof split === 'string') result.split = split;
    if (shot !== undefined && Number.isInteger(shot) && shot >= 0) result.n_shot = shot;
    if (n !== undefined && Number.isInteger(n)) result.samples_evaluated = n;
    if (evaluatedAt) result.evaluated_at = evaluatedAt;
    if (Object.keys(details).length) result.details = details;
    out.push(result);
  }
  if (!out.length) throw new ImportError(`${file}: no task in "results" has a numeric metric`, file);
  return { source: file, results: out, warnings };
}
