// What a metric's name says about it: its header label and whether lower is better.

const LOWER_IS_BETTER = /(^|[_.\s-])(loss|perplexity|ppl|error|err|mae|mse|rmse|msle|rmsle|mape|wer|cer|ter|latency|duration|time|eer|fpr|fnr|nll|bpb|bpc|bits_per_byte|brier|ece)($|[_.\s-])/i;
const HIGHER_DESPITE_NAME = /(^|_)(accuracy|acc|f1|auc|reduction|improvement)(_|$)/i;

/** True when a smaller value of this metric is better (loss, perplexity, *_error, mae, wer, ...). */
export function lowerIsBetter(metric: string): boolean {
  const name = metric.toLowerCase();
  if (/error_reduction|_improvement$/.test(name)) return false;
  if (HIGHER_DESPITE_NAME.test(name) && !/(^|_)(loss|error)(_|$)/.test(name)) return false;
  return LOWER_IS_BETTER.test(name);
}

const ACRONYMS = new Set(['f1', 'f2', 'auc', 'roc', 'pr', 'mae', 'mse', 'rmse', 'wer', 'cer', 'bleu', 'rouge', 'map', 'mrr', 'ndcg', 'nll', 'ece', 'eer', 'mmlu', 'gsm8k', 'em', 'ppl', 'iou', 'id', 'ood']);

/** `f1_score` → `F1 Score`, `acc_norm` → `Acc Norm`, `arc.acc` → `Arc Acc`. */
export function metricLabel(metric: string): string {
  const words = metric.split(/[_\s.]+/).filter(Boolean);
  if (!words.length) return metric;
  return words
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/** A column id from a label or id: `F1 Score` → `f1_score`, `Training Date` → `training_date`. */
export function normalizeColumnId(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
}
