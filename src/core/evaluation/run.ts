// Evaluate and compare model files end to end: resolve the job, run it in the worker, write
// the results file. The CLI and the extension's commands call these.
import { resolveJob, type JobOptions } from './spec';
import { runInWorker, type WorkerRunOptions } from './client';
import { defaultResultsPath, resultsDocument, writeResults } from './results';
import { compare, type ComparisonResult } from './compare';
import type { EvaluationJob, EvaluationResult } from './job';

export interface EvaluateFileOptions extends JobOptions, WorkerRunOptions {
  /** Results file path; default results/ beside the model's folder. */
  output?: string;
  /** Skip writing the results file. */
  noWrite?: boolean;
}

export interface EvaluatedModel {
  job: EvaluationJob;
  result: EvaluationResult;
  resultsFile?: string;
}

export async function evaluateModelFile(modelFile: string, o: EvaluateFileOptions = {}): Promise<EvaluatedModel> {
  const job = await resolveJob(modelFile, o);
  const result = await runInWorker(job, o);
  if (o.noWrite) return { job, result };
  const resultsFile = o.output ?? defaultResultsPath(job);
  await writeResults(resultsFile, resultsDocument(job, result, resultsFile));
  return { job, result, resultsFile };
}

export interface CompareFilesOptions extends Omit<EvaluateFileOptions, 'output'> {
  metric?: string;
  /** Called after each model, for progress across models. */
  onModel?: (done: EvaluatedModel, index: number) => void;
}

/** Evaluates each model on the same dataset (one worker at a time) and ranks them. */
export async function compareModelFiles(modelFiles: string[], o: CompareFilesOptions = {}): Promise<{ evaluated: EvaluatedModel[]; comparison: ComparisonResult }> {
  const evaluated: EvaluatedModel[] = [];
  for (const [i, f] of modelFiles.entries()) {
    const e = await evaluateModelFile(f, o);
    evaluated.push(e);
    o.onModel?.(e, i);
  }
  return { evaluated, comparison: compare(evaluated.map((e) => e.result), o.metric) };
}
