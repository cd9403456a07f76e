// Evaluator.compare: ranks evaluation results by one metric and names the best model.
import type { EvaluationResult } from './job';
import { lowerIsBetter } from '../leaderboard/metrics';

export interface RankingEntry {
  /** 1 is best; ties share a rank; null when the metric is missing. */
  rank: number | null;
  model: string;
  value: number | null;
}

export interface ComparisonResult {
  metric: string;
  higher_is_better: boolean;
  models: string[];
  results: EvaluationResult[];
  best_model: string | null;
  ranking: RankingEntry[];
}

export function modelLabel(r: EvaluationResult): string {
  return r.model.version !== undefined ? `${r.model.name}@${r.model.version}` : r.model.name;
}

/** The metric to rank by when none is named: accuracy for classification, RMSE for regression. */
export function defaultMetric(results: readonly EvaluationResult[]): string {
  return results.every((r) => r.task === 'regression') ? 'rmse' : 'accuracy';
}

export function compare(results: readonly EvaluationResult[], metric = defaultMetric(results)): ComparisonResult {
  // The leaderboard's rule, so a ranking here and there agree.
  const higher = !lowerIsBetter(metric);
  const scored = results.map((r) => ({ model: modelLabel(r), value: typeof r.metrics[metric] === 'number' ? r.metrics[metric] : null }));
  const sorted = [...scored].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return higher ? b.value - a.value : a.value - b.value;
  });
  const ranking: RankingEntry[] = [];
  sorted.forEach((e, i) => {
    const prev = ranking[i - 1];
    const rank = e.value === null ? null : prev && prev.value === e.value ? prev.rank : i + 1;
    ranking.push({ rank, model: e.model, value: e.value });
  });
  return {
    metric,
    higher_is_better: higher,
    models: scored.map((s) => s.model),
    results: [...results],
    best_model: ranking[0]?.value !== null && ranking[0] ? ranking[0].model : null,
    ranking,
  };
}
