// `modelops dataset split|sample|sanitize|validate DATASET_METADATA_FILE`: each operation but
// validate writes a new data file and its metadata (derived_from → the parent, a log entry).
import { relative } from 'node:path';
import {
  OperationCancelled, sampleDatasetFile, sanitizeDatasetFile, splitDatasetFile, validateDatasetFile, type WrittenDataset,
} from '../../core/datasets/operations';
import { parse, UsageError, type Command } from '../usage';
import { cancelOnInterrupt, positiveInt, wholeNumber } from './evalShared';

const usage = `usage: modelops dataset <operation> DATASET_METADATA_FILE [options]

operations:
  split      --ratio R (default 0.8) [--seed N] [--stratify COLUMN]
             writes <name>-train and <name>-test beside the dataset
  sample     --n N [--seed N]
             writes <name>-sample-N: N rows chosen at random, in file order
  sanitize   [--require COL,COL] [--scrub-pii] [--keep-duplicates] [--keep-empty] [--keep-control]
             writes <name>-sanitized: no empty or duplicate rows, no rows missing a required
             column, no control characters, optionally e-mails/phones replaced; prints a report
  validate   [--label COLUMN] [--require COL,COL]
             prints rows, columns and types, missing values, label distribution, duplicates;
             exit 1 when the dataset is invalid

common options:
  --split S        a split of a multi-file dataset
  --name NAME      the new dataset's name (sample, sanitize)
  --version V      the new dataset's version (default the parent's)
  --out FILE       the new metadata file (sample, sanitize; default beside the parent)
  --force          overwrite files that exist
  --format F       text (default) or json

Ctrl-C cancels: nothing is written (exit status 130).

Data files are written next to the parent's data file in the same format; metadata next to the
parent's metadata. Nothing is overwritten without --force.`;

const options = {
  ratio: { type: 'string' },
  seed: { type: 'string' },
  stratify: { type: 'string' },
  n: { type: 'string' },
  require: { type: 'string' },
  'scrub-pii': { type: 'boolean', default: false },
  'keep-duplicates': { type: 'boolean', default: false },
  'keep-empty': { type: 'boolean', default: false },
  'keep-control': { type: 'boolean', default: false },
  label: { type: 'string' },
  split: { type: 'string' },
  name: { type: 'string' },
  version: { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean', default: false },
  format: { type: 'string', default: 'text' },
} as const;

const allowed: Record<string, string[]> = {
  split: ['ratio', 'seed', 'stratify', 'split', 'version', 'force', 'format'],
  sample: ['n', 'seed', 'split', 'name', 'version', 'out', 'force', 'format'],
  sanitize: ['require', 'scrub-pii', 'keep-duplicates', 'keep-empty', 'keep-control', 'split', 'name', 'version', 'out', 'force', 'format'],
  validate: ['label', 'require', 'split', 'format'],
};

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

function written(ws: WrittenDataset[], cwd = process.cwd()): string {
  return ws.map((w) => `wrote ${relative(cwd, w.metadataFile)} (${w.metadata.rows} rows, data ${relative(cwd, w.dataFile)})`).join('\n');
}

export const datasetCommand: Command = {
  summary: 'split, sample, sanitize or validate a dataset',
  usage,
  async run(args) {
    const [op, ...rest] = args;
    if (!op || !(op in allowed)) throw new UsageError(op ? `unknown operation '${op}'` : 'give an operation: split, sample, sanitize or validate');
    const { values, positionals } = parse(rest, options);
    for (const k of Object.keys(values)) {
      const given = rest.some((a) => a === `--${k}` || a.startsWith(`--${k}=`));
      if (given && !allowed[op].includes(k)) throw new UsageError(`--${k} does not apply to 'dataset ${op}'`);
    }
    if (positionals.length !== 1) throw new UsageError('give exactly one DATASET_METADATA_FILE');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown format '${values.format}'`);
    const file = positionals[0];
    const interrupt = cancelOnInterrupt();
    try {
      return await runOperation(op, file, values, { split: values.split, version: values.version, overwrite: values.force, signal: interrupt.signal });
    } catch (e) {
      if (!(e instanceof OperationCancelled)) throw e;
      console.error(`modelops dataset ${op}: ${e.message}`);
      return 130;
    } finally {
      interrupt.dispose();
    }
  },
};

type Values = ReturnType<typeof parse<typeof options>>['values'];

/** One operation; `common.signal` aborts it (Ctrl-C). */
async function runOperation(op: string, file: string, values: Values, common: { split?: string; version?: string; overwrite?: boolean; signal: AbortSignal }): Promise<number> {
  const json = values.format === 'json';
  const seed = values.seed === undefined ? undefined : wholeNumber('--seed', values.seed);

  if (op === 'split') {
    const ratio = values.ratio === undefined ? 0.8 : Number(values.ratio);
    if (!(ratio > 0 && ratio < 1)) throw new UsageError(`--ratio takes a number between 0 and 1, got '${values.ratio}'`);
    const out = await splitDatasetFile(file, { ...common, trainRatio: ratio, seed, stratifyBy: values.stratify });
    console.log(json ? JSON.stringify(out, null, 2) : written(out));
    return 0;
  }
  if (op === 'sample') {
    if (values.n === undefined) throw new UsageError('--n is required: how many rows to sample');
    const out = await sampleDatasetFile(file, { ...common, n: positiveInt('--n', values.n), seed, name: values.name, metadataFile: values.out });
    console.log(json ? JSON.stringify(out, null, 2) : written([out]));
    return 0;
  }
  if (op === 'sanitize') {
    const out = await sanitizeDatasetFile(file, {
      ...common, name: values.name, metadataFile: values.out,
      requiredColumns: list(values.require), scrubPii: values['scrub-pii'],
      dropDuplicates: !values['keep-duplicates'], dropEmpty: !values['keep-empty'], stripControlCharacters: !values['keep-control'],
    });
    if (json) { console.log(JSON.stringify(out, null, 2)); return 0; }
    const r = out.report;
    console.log([
      written([out]),
      `kept ${r.rows_out} of ${r.rows_in} rows; removed ${r.removed.empty} empty, ${r.removed.duplicate} duplicate, ${r.removed.missing_required} missing a required column`,
      `changed cells: ${r.modified.control_characters} with control characters, ${r.modified.emails} e-mails, ${r.modified.phones} phone numbers`,
      ...r.examples.map((e) => `  row ${e.row}: ${e.reason.replace('_', ' ')}${e.detail ? ` (${e.detail})` : ''}`),
    ].join('\n'));
    return 0;
  }
  const r = await validateDatasetFile(file, { split: values.split, labelColumn: values.label, requiredColumns: list(values.require), signal: common.signal });
  if (json) { console.log(JSON.stringify(r, null, 2)); return r.valid ? 0 : 1; }
  const s = r.stats;
  const lines = [`${relative(process.cwd(), r.dataFile)}: ${r.valid ? 'valid' : 'invalid'}, ${s.rows} rows, ${s.columns.length} columns, ${s.duplicates} duplicates`];
  for (const c of s.columns) lines.push(`  ${c.name}: ${c.type}${c.missing ? `, ${c.missing} missing` : ''}`);
  if (s.label_distribution) lines.push(`  labels: ${Object.entries(s.label_distribution).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const e of r.errors) lines.push(`error: ${e.message}`);
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  console.log(lines.join('\n'));
  return r.valid ? 0 : 1;
}
