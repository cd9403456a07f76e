// Results metadata for one evaluation: where it goes and what it holds.
import { dirname, join } from 'node:path';
import type { ResultsMetadata } from '../metadata/types';
import { relativeRef } from '../datasets/metadata';
import { writeFileAtomic } from '../datasets/files';
import type { EvaluationJob, EvaluationResult } from './job';

function slug(s: string): string {
  return s.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed';
}

function nameVersion(name: string, version?: string): string {
  return slug(version ? `${name}-${version}` : name);
}

/** `<models folder>/../results/<model>-<version>--<dataset>-<version>[-<split>].results.json`. */
export function defaultResultsPath(job: EvaluationJob): string {
  const modelsDir = dirname(job.model.file);
  const root = dirname(modelsDir) === modelsDir ? modelsDir : dirname(modelsDir);
  const d = nameVersion(job.dataset.name, job.dataset.version) + (job.dataset.split ? `-${slug(job.dataset.split)}` : '');
  return join(root, 'results', `${nameVersion(job.model.name, job.model.version)}--${d}.results.json`);
}

export function resultsDocument(job: EvaluationJob, r: EvaluationResult, resultsFile: string): ResultsMetadata {
  return {
    model: { name: r.model.name, ...(r.model.version !== undefined ? { version: r.model.version } : {}), metadata_reference: relativeRef(resultsFile, job.model.file) },
    dataset: { name: r.dataset.name, ...(r.dataset.version !== undefined ? { version: r.dataset.version } : {}), metadata_reference: relativeRef(resultsFile, job.dataset.metadataFile) },
    metrics: r.metrics,
    ...(r.split !== undefined ? { split: r.split } : {}),
    samples_evaluated: r.samples_evaluated,
    duration_seconds: Math.round(r.duration_seconds * 1000) / 1000,
    evaluated_at: r.evaluated_at,
    source: 'local-onnx',
    task: r.task,
    ...(r.details ? { details: r.details } : {}),
  };
}

/**
 * Writes the results file atomically. A results file is the output of evaluating this model on
 * this dataset, so a new evaluation replaces the previous one of the same pair.
 */
export async function writeResults(file: string, doc: ResultsMetadata): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(doc, null, 2) + '\n', { overwrite: true });
}

