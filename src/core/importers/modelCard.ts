// A Hugging Face model card (README.md): YAML front matter (license, datasets, base_model, tags,
// language, model-index) → model fields and results objects.
import { parseDocument } from 'yaml';
import type { ModelMetadata, ModelReference, ResultsMetadata } from '../metadata/types';
import { ImportError } from './types';
import { finite } from './values';

export interface ModelCard {
  /** The front matter; {} when the card has none. */
  data: Record<string, unknown>;
  body: string;
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function parseModelCard(text: string, file: string): ModelCard {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { data: {}, body: text };
  const doc = parseDocument(m[1] ?? '', { prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0]?.line ?? 0) + 1; // +1 for the opening '---'
    throw new ImportError(`${file}:${line}: the model card's YAML front matter is not valid: ${e.message.split('\n')[0]}`, file);
  }
  const data = doc.toJS() as unknown;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new ImportError(`${file}: the model card's front matter is not a YAML mapping`, file);
  }
  return { data: (data ?? {}) as Record<string, unknown>, body: text.slice(m[0].length) };
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The first paragraph of prose in the card's body, for model_description. */
export function firstParagraph(body: string, max = 600): string | undefined {
  const text = body.replace(/<!--[\s\S]*?-->/g, '');
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const t = block.trim();
    if (!t || /^(#|<|!\[|\[!\[|\||```|[-*] |\d+\. |>)/.test(t)) continue;
    // The hub's generated template says nothing about the model.
    if (/^\[More Information Needed\]$|^This is the model card of a .* model that has been pushed on the Hub/.test(t)) continue;
    const flat = t.replace(/\s+/g, ' ');
    return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  }
  return undefined;
}

/** Model fields from card data (the front matter, or the hub's `cardData`). */
export function fieldsFromCardData(card: Record<string, unknown>, warnings: string[]): Partial<ModelMetadata> {
  const out: Partial<ModelMetadata> = {};
  const license = typeof card.license === 'string' ? card.license : undefined;
  if (license) out.model_license = license === 'other' && typeof card.license_name === 'string' ? card.license_name : license;
  const datasets = strings(card.datasets);
  if (datasets.length) out.training_dataset = { name: datasets[0] };
  if (datasets.length > 1) {
    out['x-training_datasets'] = datasets;
    warnings.push(`the card lists ${datasets.length} datasets: training_dataset is the first (${datasets[0]}), all are in x-training_datasets`);
  }
  const base = strings(card.base_model);
  if (base.length) out.base_model = base[0];
  if (base.length > 1) warnings.push(`the card lists ${base.length} base models; base_model is the first (${base[0]})`);
  const tags = [...strings(card.tags), ...strings(card.language).map((l) => `language:${l}`)];
  if (tags.length) out.tags = [...new Set(tags)];
  if (typeof card.library_name === 'string') out.model_dependencies = { libraries: [card.library_name] };
  return out;
}

interface IndexResult {
  task?: { type?: unknown; name?: unknown };
  dataset?: { type?: unknown; name?: unknown; config?: unknown; split?: unknown; revision?: unknown; args?: unknown };
  metrics?: { type?: unknown; value?: unknown; name?: unknown; verified?: unknown }[];
  source?: { name?: unknown; url?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : undefined);

/** `model-index` entries → one results object per (entry, result), metrics keyed by metric type. */
export function resultsFromModelIndex(modelIndex: unknown, model: ModelReference, where: string, warnings: string[]): ResultsMetadata[] {
  if (modelIndex === undefined || modelIndex === null) return [];
  if (!Array.isArray(modelIndex)) throw new ImportError(`${where}: model-index is not a list`);
  const out: ResultsMetadata[] = [];
  modelIndex.forEach((entry: { results?: unknown }, i) => {
    const results = entry?.results;
    if (!Array.isArray(results)) {
      warnings.push(`${where}: model-index[${i}] has no results list; skipped`);
      return;
    }
    results.forEach((r: IndexResult, j) => {
      const at = `${where}: model-index[${i}].results[${j}]`;
      const ds = r?.dataset ?? {};
      const type = str(ds.type) ?? str(ds.name);
      if (!type) {
        warnings.push(`${at} names no dataset; skipped`);
        return;
      }
      const config = str(ds.config);
      const metrics: Record<string, number> = {};
      const metricNames: Record<string, string> = {};
      for (const m of Array.isArray(r.metrics) ? r.metrics : []) {
        const key = str(m?.type) ?? str(m?.name);
        const value = finite(m?.value);
        if (!key) continue;
        if (value === undefined) {
          warnings.push(`${at}: metric ${key} has no numeric value (${JSON.stringify(m?.value)}); left out`);
          continue;
        }
        const k = key in metrics ? (str(m?.name) ?? `${key}_${Object.keys(metrics).length}`) : key;
        metrics[k] = value;
        if (str(m?.name) && m.name !== k) metricNames[k] = String(m.name);
      }
      if (!Object.keys(metrics).length) {
        warnings.push(`${at} has no numeric metrics; skipped`);
        return;
      }
      const sourceName = str(r.source?.name);
      const args = ds.args && typeof ds.args === 'object' ? (ds.args as Record<string, unknown>) : {};
      const nShot = finite(args.num_few_shot);
      const details: Record<string, unknown> = {};
      if (str(ds.name) && ds.name !== type) details.dataset_display_name = ds.name;
      if (Object.keys(metricNames).length) details.metric_names = metricNames;
      if (sourceName) details.source_name = sourceName;
      if (str(r.source?.url)) details.source_url = r.source!.url;
      if (str(r.task?.name)) details.task_name = r.task!.name;
      const result: ResultsMetadata = {
        model: { ...model },
        dataset: { name: config && config !== 'default' ? `${type}:${config}` : type, ...(str(ds.revision) ? { version: str(ds.revision) } : {}) },
        metrics,
        source: sourceName && /open.?llm.?leaderboard/i.test(sourceName) ? 'open-llm-leaderboard' : 'huggingface-model-index',
      };
      if (str(ds.split)) result.split = str(ds.split);
      if (str(r.task?.type)) result.task = str(r.task?.type);
      if (nShot !== undefined && Number.isInteger(nShot) && nShot >= 0) result.n_shot = nShot;
      if (Object.keys(details).length) result.details = details;
      out.push(result);
    });
  });
  return out;
}
