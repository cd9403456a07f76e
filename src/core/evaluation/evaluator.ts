// The evaluation loop: read rows → typed arrays → batched inference → tallied metrics.
// It is handed the onnxruntime module instead of importing it, so only the worker process
// (and the benchmark) ever loads onnxruntime.
import { stat } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import { csvBlocks, csvLineOf, readBatches } from '../datasets/read';
import { fieldCountError } from '../datasets/readCsv';
import { checkColumns, CsvFeed } from './csvFeed';
import { DatasetError } from '../datasets/types';
import { cancelled, EvaluationError } from './errors';
import type { EvaluationJob, EvaluationResult, Progress } from './job';
import { ClassificationTally, RegressionTally } from './metrics';
import { checkSignature, type ValueInfo } from './signature';
import { CellError, cellMessage, InputBuffer, numericCell } from './tensors';
import { decoder, type OutputTensor } from './decode';

export type OrtModule = typeof Ort;

export type { Progress };

export interface EvaluateOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** Minimum milliseconds between progress reports. */
  progressInterval?: number;
}

/** Loads the ONNX file, with a clear error for a missing or unreadable one. */
export async function openSession(ort: OrtModule, job: EvaluationJob): Promise<Ort.InferenceSession> {
  const path = job.model.onnx;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new EvaluationError('model', `${path} is not a file (artifacts.onnx of ${job.model.file})`);
  } catch (e) {
    if (e instanceof EvaluationError) throw e;
    throw new EvaluationError('model', `ONNX file not found: ${path} (artifacts.onnx of ${job.model.file})`);
  }
  try {
    return await ort.InferenceSession.create(path);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    throw new EvaluationError('model', `${path}: not a loadable ONNX model (${msg})`);
  }
}

function valueInfos(meta: readonly Ort.InferenceSession.ValueMetadata[]): ValueInfo[] {
  return meta.map((m) => (m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: m.shape } : { name: m.name, isTensor: false }));
}

export async function evaluate(ort: OrtModule, job: EvaluationJob, options: EvaluateOptions = {}): Promise<EvaluationResult> {
  const started = performance.now();
  const { signal, onProgress } = options;
  const interval = options.progressInterval ?? 100;
  if (signal?.aborted) throw cancelled();
  const session = await openSession(ort, job);
  try {
    const { outputName, fixedBatch } = checkSignature(job, valueInfos(session.inputMetadata), valueInfos(session.outputMetadata));
    const capacity = fixedBatch ?? job.batchSize;
    const buffers = job.inputs.map((x) => new InputBuffer(x, capacity));
    const classTally = job.task === 'classification' ? new ClassificationTally(job.labels ?? []) : undefined;
    const regTally = job.task === 'regression' ? new RegressionTally() : undefined;
    const truth: (string | number)[] = new Array(capacity);
    const file = job.dataset.data.path;
    let n = 0; // rows in the current batch
    let done = 0;
    let lastReport = 0;
    const size = (await stat(file).catch(() => undefined))?.size;
    let bytes = 0;
    const total = job.dataset.rows;
    const progress = (): Progress => ({
      rows: done,
      ...(total !== undefined ? { total } : {}),
      fraction: Math.min(1, total ? done / total : size ? bytes / size : 0),
    });

    const flush = async () => {
      if (n === 0) return;
      const rows = fixedBatch ?? n;
      const feeds: Record<string, Ort.Tensor> = {};
      for (const b of buffers) {
        if (fixedBatch) b.clearFrom(n);
        const size = rows * b.input.columns.length;
        feeds[b.input.name] = new ort.Tensor(b.input.dtype, b.data.subarray(0, size) as never, b.dims(rows));
      }
      let out: OutputTensor;
      try {
        out = (await session.run(feeds, [outputName]))[outputName] as unknown as OutputTensor;
      } catch (e) {
        throw new EvaluationError('signature', `${job.model.onnx}: inference failed on rows ${done + 1}-${done + n}: ${(e as Error).message.split('\n')[0]}`);
      }
      const predict = decoder(out, outputName, job.task, job.decision, job.labels, rows);
      for (let i = 0; i < n; i++) {
        const p = predict(i);
        if (classTally) classTally.add(truth[i] as string, p as string);
        else regTally!.add(truth[i] as number, p as number);
      }
      done += n;
      n = 0;
      if (signal?.aborted) throw cancelled();
      const now = performance.now();
      if (onProgress && now - lastReport >= interval) { lastReport = now; onProgress(progress()); }
    };

    const onBytes = (b: number) => { bytes = b; };
    try {
      if (job.dataset.data.format === 'csv') {
        let feed: CsvFeed | undefined;
        for await (const block of csvBlocks(file, { onBytes })) {
          feed ??= new CsvFeed(job, block.header, buffers, file);
          const { first } = block;
          if ('text' in block) {
            const t = block.text;
            for (let i = 0; i < t.starts.length; i++) {
              truth[n] = feed.text(t, i, n, first + i);
              n += 1;
              if (n === capacity) await flush();
            }
          } else {
            const records = block.fields;
            for (let i = 0; i < records.length; i++) {
              if (records[i].length !== block.header.length) {
                const line = await csvLineOf(file, first + i).catch(() => undefined);
                throw fieldCountError(file, first + i, records[i].length, block.header.length, line);
              }
              truth[n] = feed.fields(records[i], n, { index: first + i });
              n += 1;
              if (n === capacity) await flush();
            }
          }
        }
      } else {
        let checked = false;
        for await (const batch of readBatches(job.dataset.data, { onBytes })) {
          for (const rec of batch) {
            if (!checked) { checkColumns(job, Object.keys(rec.row), file); checked = true; }
            for (const b of buffers) b.set(n, rec.row, rec);
            const y = rec.row[job.labelColumn];
            if (classTally) {
              if (y === undefined || y === null || (typeof y === 'string' && y.trim() === '')) throw new CellError(rec, job.labelColumn, 'the label is missing');
              truth[n] = typeof y === 'object' ? JSON.stringify(y) : String(y);
            } else {
              truth[n] = numericCell(y, job.labelColumn, rec);
            }
            n += 1;
            if (n === capacity) await flush();
          }
        }
      }
    } catch (e) {
      if (e instanceof DatasetError) throw new EvaluationError('data', e.message);
      if (e instanceof CellError) {
        const line = e.place.line ?? (job.dataset.data.format === 'csv' ? await csvLineOf(file, e.place.index).catch(() => undefined) : undefined);
        throw new EvaluationError('data', cellMessage(file, e, line));
      }
      throw e;
    }
    await flush();
    if (done === 0) throw new EvaluationError('data', `${file}: the dataset has no rows to evaluate`);
    bytes = size ?? bytes;
    onProgress?.({ ...progress(), fraction: 1 });

    const base = {
      model: { name: job.model.name, ...(job.model.version !== undefined ? { version: job.model.version } : {}) },
      dataset: { name: job.dataset.name, ...(job.dataset.version !== undefined ? { version: job.dataset.version } : {}) },
      samples_evaluated: done,
      duration_seconds: (performance.now() - started) / 1000,
      evaluated_at: new Date().toISOString(),
      task: job.task,
      ...(job.dataset.split !== undefined ? { split: job.dataset.split } : {}),
    };
    if (classTally) {
      const r = classTally.report();
      const warnings = labelWarnings(job, r.per_class);
      return {
        ...base,
        metrics: { ...r.metrics },
        details: { per_class: r.per_class, confusion_matrix: r.confusion_matrix },
        ...(warnings.length ? { warnings } : {}),
      };
    }
    return { ...base, metrics: { ...regTally!.report().metrics } };
  } finally {
    await session.release().catch(() => undefined);
  }
}

/**
 * Truth labels the model can never output usually mean the labels are spelled differently in
 * the data (e.g. 0/1/2 against evaluation.labels setosa/versicolor/virginica): say so.
 */
function labelWarnings(job: EvaluationJob, perClass: Record<string, { support: number }>): string[] {
  const outputs = job.labels;
  const unknown = Object.entries(perClass).filter(([l, m]) => m.support > 0 && (outputs ? !outputs.includes(l) : !/^\d+$/.test(l))).map(([l]) => l);
  if (!unknown.length) return [];
  const shown = unknown.slice(0, 10).map((l) => `'${l}'`).join(', ') + (unknown.length > 10 ? `, … (${unknown.length} in all)` : '');
  return [outputs
    ? `labels in '${job.labelColumn}' that the model never outputs: ${shown}; evaluation.labels: ${outputs.join(', ')}`
    : `labels in '${job.labelColumn}' are not class indices (${shown}) and evaluation.labels is not set, so predictions are class numbers that never match`];
}
