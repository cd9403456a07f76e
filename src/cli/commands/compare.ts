// `modelops compare MODEL_FILE... --dataset D`: evaluates each model on one dataset, ranks them.
import { markdownTable } from 'markdown-table';
import { compareModelFiles } from '../../core/evaluation/run';
import { parse, UsageError, type Command } from '../usage';
import { modelLabel } from '../../core/evaluation/compare';
import { cancelOnInterrupt, positiveInt, printWarnings, progressPrinter } from './evalShared';

const usage = `usage: modelops compare MODEL_FILE... --dataset D [--metric M] [--batch-size N] [--no-write] [--format text|json]

Evaluates every model on the same dataset (one after another, each in the worker process), writes
their results files, and prints a ranking by one metric with the best model.

  --dataset D       the dataset metadata file every model is evaluated on
  --metric M        the metric to rank by (default accuracy, or rmse for regression)
  --batch-size N    rows per inference batch
  --no-write        do not write results files
  --format F        text (a markdown table, default) or json

Exit status: 0 done, 2 usage, data or model problem.`;

export const compareCommand: Command = {
  summary: 'evaluate several models on one dataset and rank them',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      dataset: { type: 'string' },
      metric: { type: 'string' },
      'batch-size': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
    });
    if (positionals.length === 0) throw new UsageError('give one or more MODEL_FILEs');
    if (!values.dataset) throw new UsageError('--dataset is required: the dataset every model is evaluated on');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'`);
    const batchSize = values['batch-size'] === undefined ? undefined : positiveInt('--batch-size', values['batch-size']);
    const { signal, dispose } = cancelOnInterrupt();
    try {
      const { comparison, evaluated } = await compareModelFiles(positionals, {
        dataset: values.dataset, metric: values.metric, batchSize, noWrite: values['no-write'], signal,
        onProgress: progressPrinter(),
      });
      for (const e of evaluated) printWarnings(e.result.warnings, modelLabel(e.result));
      if (comparison.ranking.every((r) => r.value === null)) {
        const known = [...new Set(comparison.results.flatMap((r) => Object.keys(r.metrics)))];
        throw new UsageError(`no model has the metric '${comparison.metric}'; metrics: ${known.join(', ')}`);
      }
      if (values.format === 'json') {
        console.log(JSON.stringify({ ...comparison, results_files: evaluated.map((e) => e.resultsFile ?? null) }, null, 2));
        return 0;
      }
      const rows = comparison.ranking.map((r) => [r.rank === null ? '' : String(r.rank), r.model, r.value === null ? '' : r.value.toFixed(4)]);
      console.log(markdownTable([['Rank', 'Model', comparison.metric], ...rows], { align: ['r', 'l', 'r'] }));
      console.log(`\nbest (${comparison.metric}, ${comparison.higher_is_better ? 'higher' : 'lower'} is better): ${comparison.best_model}`);
      return 0;
    } finally {
      dispose();
    }
  },
};
