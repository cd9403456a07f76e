// The corpus's model_scores files (llm-pretraining-behaviours/model_scores/*.json):
//   {model_name, last_updated, results: {harness: {<task>: {<metric>: v, timestamp} | {"<n>-shot": {...}}}}}
// → one results object per (task, n-shot). Written by Python: NaN appears, some values are strings.
import { basename } from 'node:path';
import type { ResultsMetadata } from '../metadata/types';
import { nonFiniteName, parseJsonText } from './jsonText';
import { ImportError, type ImportBundle } from './types';
import { finite, isObj, isoFromStamp, type Obj } from './values';

const SHOT = /^(\d+|x)-shot$/;

/** "org__name" (lm-eval's model_name_sanitized: every "/" became "__") → "org/name". */
export function hubNameOf(modelName: string): string {
  return modelName.includes('/') ? modelName : modelName.replaceAll('__', '/');
}

export function importModelScores(text: string, file: string): ImportBundle {
  const json = parseJsonText(text, file);
  if (!isObj(json)) throw new ImportError(`${file}: not a model_scores file (expected a JSON object)`, file);
  if (typeof json.model_name !== 'string' || !json.model_name.trim()) throw new ImportError(`${file}: not a model_scores file (no "model_name" string)`, file);
  if (!isObj(json.results)) throw new ImportError(`${file}: not a model_scores file (no "results" object)`, file);
  const warnings: string[] = [];
  const model = { name: hubNameOf(json.model_name) };
  const from = basename(file);
  const out: ResultsMetadata[] = [];
  for (const [origin, tasks] of Object.entries(json.results)) {
    if (!isObj(tasks)) throw new ImportError(`${file}: results.${origin} is not an object of tasks`, file);
    for (const [task, entry] of Object.entries(tasks)) {
      if (!isObj(entry)) throw new ImportError(`${file}: results.${origin}.${task} is not an object`, file);
      const shots = Object.keys(entry).filter((k) => SHOT.test(k));
      const blocks: [string | undefined, unknown][] = shots.length ? shots.map((k) => [k, entry[k]]) : [[undefined, entry]];
      for (const [shot, block] of blocks) {
        const at = `results.${origin}.${task}${shot ? `.${shot}` : ''}`;
        if (!isObj(block)) throw new ImportError(`${file}: ${at} is not an object`, file);
        const metrics: Record<string, number> = {};
        const stderr: Record<string, unknown> = {};
        const nonNumeric: Record<string, unknown> = {};
        for (const [key, raw] of Object.entries(block)) {
          if (key === 'timestamp') continue;
          const value = finite(raw);
          if (key.endsWith('_stderr')) stderr[key.slice(0, -'_stderr'.length)] = value ?? nonFiniteName(raw) ?? raw;
          else if (value !== undefined) metrics[key] = value;
          else nonNumeric[key] = nonFiniteName(raw) ?? raw;
        }
        if (!Object.keys(metrics).length) {
          warnings.push(`${file}: ${at} has no numeric metric (${JSON.stringify(nonNumeric)}); skipped`);
          continue;
        }
        const details: Obj = { imported_from: from };
        if (origin !== 'harness') details.origin = origin;
        if (Object.keys(stderr).length) details.stderr = stderr;
        if (Object.keys(nonNumeric).length) details.non_numeric = nonNumeric;
        const result: ResultsMetadata = {
          model: { ...model },
          dataset: { name: task },
          metrics,
          source: origin === 'harness' ? 'lm-evaluation-harness' : 'imported',
          task,
        };
        const n = shot?.match(/^(\d+)-shot$/)?.[1];
        if (n !== undefined) result.n_shot = Number(n);
        else if (shot) details.shot = shot;
        const stamp = typeof block.timestamp === 'string' ? block.timestamp : undefined;
        const when = stamp && isoFromStamp(stamp);
        if (when) result.evaluated_at = when;
        if (stamp) details.timestamp = stamp;
        result.details = details;
        out.push(result);
      }
    }
  }
  if (!out.length) warnings.push(`${file}: no scores for ${json.model_name}`);
  return { source: file, results: out, warnings };
}
