// An evaluation job: everything the worker needs, resolved to absolute paths and defaults, and
// plain data so it crosses the IPC channel unchanged.
import type { DataFormat, Decision, EvaluationTask, TensorDType } from '../metadata/types';

export interface JobInput {
  name: string;
  columns: string[];
  dtype: TensorDType;
  /** Per-row shape; its product equals columns.length. */
  shape: number[];
}

export interface EvaluationJob {
  model: { file: string; name: string; version?: string; onnx: string };
  dataset: {
    metadataFile: string;
    name: string;
    version?: string;
    data: { path: string; format: DataFormat };
    split?: string;
    /** Row count from the metadata, for progress. */
    rows?: number;
  };
  inputs: JobInput[];
  labelColumn: string;
  task: EvaluationTask;
  output?: string;
  decision: Decision;
  labels?: string[];
  batchSize: number;
}

/** What one evaluation produced (the users' EvaluationResult, plus details). */
export interface EvaluationResult {
  model: { name: string; version?: string };
  dataset: { name: string; version?: string };
  metrics: Record<string, number>;
  samples_evaluated: number;
  duration_seconds: number;
  evaluated_at: string;
  task: EvaluationTask;
  split?: string;
  /** Things a person should look at; not written to the results file. */
  warnings?: string[];
  details?: {
    per_class?: Record<string, { precision: number; recall: number; f1: number; support: number }>;
    confusion_matrix?: { labels: string[]; matrix: number[][] };
  };
}

/** How far an evaluation has got. */
export interface Progress {
  rows: number;
  /** From the dataset metadata, when it says. */
  total?: number;
  /** 0..1: rows/total when the total is known, else the share of the file read. */
  fraction: number;
}

export const DEFAULT_BATCH_SIZE = 256;
