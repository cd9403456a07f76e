// `modelops eval MODEL_FILE`: scores a model's ONNX file on a dataset (in the worker process)
// and writes a results file.
import { relative } from 'node:path';
import { evaluateModelFile, type EvaluatedModel } from '../../core/evaluation/run';
import { parse, UsageError, type Command } from '../usage';
import { cancelOnInterrupt, positiveInt, printWarnings, progressPrinter } from './evalShared';

const usage = `usage: modelops eval MODEL_FILE [--dataset D] [--split S] [--batch-size N] [--output FILE] [--no-write] [--format text|json]

Runs the model's ONNX file (artifacts.onnx) with onnxruntime on the dataset its evaluation block
names, and writes a results file to results/ beside the model's folder (replacing an earlier
result of the same model and dataset).

  --dataset D       a dataset metadata file to use instead of evaluation.dataset
  --split S         a split of a multi-file dataset
  --batch-size N    rows per inference batch (default evaluation.batch_size, else 256)
  --output FILE     where to write the results file
  --no-write        print the metrics only
  --format F        text (default) or json

Ctrl-C cancels the run; no results file is written. Exit status: 0 done, 2 usage, data or model problem.`;

export function describeEvaluation(e: EvaluatedModel, cwd = process.cwd()): string {
  const r = e.result;
  const nv = (n: string, v?: string) => (v ? `${n} ${v}` : n);
  const lines = [`${nv(r.model.name, r.model.version)} on ${nv(r.dataset.name, r.dataset.version)}${r.split ? ` (${r.split})` : ''}: ${r.samples_evaluated} rows in ${r.duration_seconds.toFixed(2)} s`];
  const width = Math.max(...Object.keys(r.metrics).map((k) => k.length));
  for (const [k, v] of Object.entries(r.metrics)) lines.push(`  ${k.padEnd(width)}  ${v.toFixed(4)}`);
  const pc = r.details?.per_class;
  if (pc) {
    const w = Math.max(5, ...Object.keys(pc).map((k) => k.length));
    lines.push('', `  ${'class'.padEnd(w)}  precision  recall  f1      support`);
    for (const [k, m] of Object.entries(pc)) {
      lines.push(`  ${k.padEnd(w)}  ${m.precision.toFixed(4).padEnd(9)}  ${m.recall.toFixed(4)}  ${m.f1.toFixed(4)}  ${m.support}`);
    }
  }
  if (e.resultsFile) lines.push('', `results: ${relative(cwd, e.resultsFile) || e.resultsFile}`);
  return lines.join('\n');
}

export const evalCommand: Command = {
  summary: 'evaluate a model\'s ONNX file on a dataset and write a results file',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      dataset: { type: 'string' },
      split: { type: 'string' },
      'batch-size': { type: 'string' },
      output: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one MODEL_FILE');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'`);
    const batchSize = values['batch-size'] === undefined ? undefined : positiveInt('--batch-size', values['batch-size']);
    const { signal, dispose } = cancelOnInterrupt();
    try {
      const e = await evaluateModelFile(positionals[0], {
        dataset: values.dataset, split: values.split, batchSize, output: values.output, noWrite: values['no-write'],
        signal, onProgress: progressPrinter(),
      });
      printWarnings(e.result.warnings);
      if (values.format === 'json') console.log(JSON.stringify({ ...e.result, results_file: e.resultsFile ?? null }, null, 2));
      else console.log(describeEvaluation(e));
      return 0;
    } finally {
      dispose();
    }
  },
};
