// From a model metadata file to an EvaluationJob: reads `artifacts.onnx` and the `evaluation`
// block, resolves the dataset, checks what can be checked before any model is loaded.
import { dirname, resolve } from 'node:path';
import type { EvaluationInput, EvaluationSpec, ModelMetadata, TensorDType } from '../metadata/types';
import { loadDataset, readMetadataFile } from '../datasets/metadata';
import { DatasetError } from '../datasets/types';
import { EvaluationError } from './errors';
import { DEFAULT_BATCH_SIZE, type EvaluationJob, type JobInput } from './job';

export interface JobOptions {
  /** A dataset metadata file to use instead of the model's `evaluation.dataset` (relative to cwd). */
  dataset?: string;
  batchSize?: number;
  split?: string;
}

const DTYPES: readonly TensorDType[] = ['float32', 'float64', 'int32', 'int64'];

function specError(file: string, msg: string): EvaluationError {
  return new EvaluationError('spec', `${file}: ${msg}`);
}

function normalizeInput(file: string, x: EvaluationInput, i: number): JobInput {
  const where = `evaluation.inputs[${i}]`;
  if (!x || typeof x.name !== 'string' || !x.name) throw specError(file, `${where}.name must name an ONNX input`);
  if (!Array.isArray(x.columns) || x.columns.length === 0 || !x.columns.every((c) => typeof c === 'string')) {
    throw specError(file, `${where}.columns must list the dataset columns that feed input '${x.name}'`);
  }
  const dtype = x.dtype ?? 'float32';
  if (!DTYPES.includes(dtype)) throw specError(file, `${where}.dtype '${dtype}' is not one of ${DTYPES.join(', ')}`);
  const shape = x.shape ?? [x.columns.length];
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw specError(file, `${where}.shape must be a list of positive whole numbers`);
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== x.columns.length) {
    throw specError(file, `${where}: shape [${shape.join(', ')}] holds ${size} values per row but ${x.columns.length} columns are listed`);
  }
  return { name: x.name, columns: [...x.columns], dtype, shape: [...shape] };
}

/** Builds the job for evaluating `modelFile`; throws EvaluationError('spec' | 'data') on problems. */
export async function resolveJob(modelFile: string, options: JobOptions = {}): Promise<EvaluationJob> {
  const file = resolve(modelFile);
  let model: ModelMetadata;
  try {
    model = await readMetadataFile<ModelMetadata>(file);
  } catch (e) {
    throw new EvaluationError('spec', (e as Error).message);
  }
  if (typeof model.model_name !== 'string') throw specError(file, 'not a model metadata file (no model_name)');
  const onnx = model.artifacts?.onnx;
  if (typeof onnx !== 'string' || !onnx) throw specError(file, 'artifacts.onnx must give the ONNX file, relative to the model file');
  const spec = model.evaluation as EvaluationSpec | undefined;
  if (!spec || typeof spec !== 'object') throw specError(file, 'the model has no evaluation block (evaluation.dataset, inputs, label_column, task)');
  if (spec.task !== 'classification' && spec.task !== 'regression') throw specError(file, `evaluation.task must be "classification" or "regression"`);
  if (typeof spec.label_column !== 'string' || !spec.label_column) throw specError(file, 'evaluation.label_column must name the dataset column holding the truth');
  if (!Array.isArray(spec.inputs) || spec.inputs.length === 0) throw specError(file, 'evaluation.inputs must map dataset columns to at least one ONNX input');
  const inputs = spec.inputs.map((x, i) => normalizeInput(file, x, i));
  const decision = spec.decision ?? 'argmax';
  if (decision !== 'argmax' && !(typeof decision === 'object' && typeof decision.threshold === 'number')) {
    throw specError(file, 'evaluation.decision must be "argmax" or {"threshold": number}');
  }
  if (spec.labels !== undefined && !(Array.isArray(spec.labels) && spec.labels.every((l) => typeof l === 'string'))) {
    throw specError(file, 'evaluation.labels must list the class names in output order');
  }
  const batchSize = options.batchSize ?? spec.batch_size ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw specError(file, `batch size must be a whole number ≥ 1, got ${batchSize}`);

  let datasetFile: string;
  if (options.dataset) datasetFile = resolve(options.dataset);
  else {
    const ref = spec.dataset?.metadata_reference;
    if (typeof ref !== 'string' || !ref) throw specError(file, 'evaluation.dataset.metadata_reference must point at the dataset metadata file (or pass --dataset)');
    datasetFile = resolve(dirname(file), ref);
  }
  const split = options.split ?? spec.split;
  let ds;
  try {
    ds = await loadDataset(datasetFile, split);
  } catch (e) {
    if (e instanceof DatasetError) throw new EvaluationError('data', e.message);
    throw e;
  }
  const rows = ds.split !== undefined ? ds.metadata.files?.find((f) => f.split === ds.split)?.rows : ds.metadata.rows;
  return {
    model: { file, name: model.model_name, version: model.model_version, onnx: resolve(dirname(file), onnx) },
    dataset: {
      metadataFile: ds.metadataFile,
      name: ds.metadata.name,
      version: ds.metadata.version,
      data: ds.data,
      split: ds.split,
      rows: typeof rows === 'number' ? rows : undefined,
    },
    inputs,
    labelColumn: spec.label_column,
    task: spec.task,
    output: spec.output,
    decision,
    labels: spec.labels,
    batchSize,
  };
}
