// Evaluation, safe to import anywhere: nothing here loads onnxruntime (only worker.ts does).
export * from './errors';
export * from './job';
export * from './metrics';
export { compare, defaultMetric, modelLabel } from './compare';
export type { ComparisonResult, RankingEntry } from './compare';
export { resolveJob } from './spec';
export { runInWorker } from './client';
export { defaultResultsPath, resultsDocument, writeResults } from './results';
export { evaluateModelFile, compareModelFiles } from './run';
export type { FromWorker, ToWorker } from './protocol';
export { Evaluator } from './evaluatorApi';
