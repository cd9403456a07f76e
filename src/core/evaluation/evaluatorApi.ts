// The users' `Evaluator(metrics)` API: evaluate(model, dataset) → EvaluationResult and
// compare(models, dataset) → ComparisonResult, over model and dataset metadata files. Each
// model runs in the worker process; results files are written as by `modelops eval`.
import type { EvaluationResult } from './job';
import type { ComparisonResult } from './compare';
import { compare } from './compare';
import { evaluateModelFile, type EvaluateFileOptions } from './run';

export class Evaluator {
  /** `metrics`: the metric names to keep (default all the task's metrics). */
  constructor(readonly metrics?: readonly string[], private readonly options: Omit<EvaluateFileOptions, 'dataset'> = {}) {}

  private keep(r: EvaluationResult): EvaluationResult {
    if (!this.metrics) return r;
    const unknown = this.metrics.filter((m) => !(m in r.metrics));
    if (unknown.length) throw new RangeError(`unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} for ${r.task}; known: ${Object.keys(r.metrics).join(', ')}`);
    return { ...r, metrics: Object.fromEntries(this.metrics.map((m) => [m, r.metrics[m]])) };
  }

  /** `dataset`: a dataset metadata file; default the model's evaluation.dataset. */
  async evaluate(modelFile: string, dataset?: string): Promise<EvaluationResult> {
    return this.keep((await evaluateModelFile(modelFile, { ...this.options, dataset })).result);
  }

  /** Ranks by `metric` (default the first of this evaluator's metrics, else accuracy / rmse). */
  async compare(modelFiles: readonly string[], dataset: string, metric = this.metrics?.[0]): Promise<ComparisonResult> {
    const results: EvaluationResult[] = [];
    for (const f of modelFiles) results.push(await this.evaluate(f, dataset));
    return compare(results, metric);
  }
}
