// CsvFeed: quote-free CSV text scanned in place must fill the batch exactly as Number() on the
// split fields would, and fail with the same located messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvFeed, scanDecimal } from '../../../src/core/evaluation/csvFeed';
import { CellError, cellMessage, InputBuffer, numericCell } from '../../../src/core/evaluation/tensors';
import { readCsvBlocks, type CsvBlock } from '../../../src/core/datasets/readCsv';
import { DatasetError } from '../../../src/core/datasets/types';
import type { EvaluationJob } from '../../../src/core/evaluation/job';
import type { TensorDType } from '../../../src/core/metadata/types';
import { seededRandom } from '../../../src/core/datasets/random';
import * as ort from 'onnxruntime-node';
import { evaluate } from '../../../src/core/evaluation/evaluator';
import { resolveJob } from '../../../src/core/evaluation/spec';
import { linearModel } from '../../support/onnx';
import { TestRegistry } from './registry';
import { EvaluationError } from '../../../src/core/evaluation/errors';

const dir = mkdtempSync(join(tmpdir(), 'modelops-csvfeed-'));
let seq = 0;
const file = (text: string) => { const p = join(dir, `f${seq++}.csv`); writeFileSync(p, text); return p; };

test('scanDecimal reads plain decimals exactly as Number() does, and stops at the comma', () => {
  const random = seededRandom(11);
  const samples = ['0', '-0', '7', '-7', '00.50', '.5', '-.5', '5.', '3.14159', '123456789012345', '0.000000000000001',
    '999999999999999', '-999999999999999.', '0.1', '0.2', '0.3', '1.005', '2.675', '5.1', '4.35', '1e3', '1E-2', '+1', ' 1', '1 ', '',
    '-', '.', '-.', '1.2.3', '0x10', 'Infinity', '-Infinity', 'NaN', '1_000', '1234567890123456', '12345678901234567890', '١', '٣.5'];
  for (let k = 0; k < 3000; k++) {
    const int = String(Math.floor(random() * 10 ** Math.floor(random() * 9)));
    const frac = String(Math.floor(random() * 10 ** Math.floor(random() * 9))).padStart(Math.floor(random() * 9), '0');
    samples.push(`${random() < 0.3 ? '-' : ''}${random() < 0.1 ? '' : int}${random() < 0.8 ? `.${frac}` : ''}`);
  }
  for (const s of samples) {
    const text = `x,${s},y`;
    const x = scanDecimal(text, 2, text.length);
    const plain = /^-?\d*\.?\d*$/.test(s) && /\d/.test(s) && s.replace(/[-.]/g, '').length <= 15;
    if (plain) assert.ok(Object.is(x, Number(s)), `${s}: ${x} ≠ ${Number(s)}`);
    else assert.ok(Number.isNaN(x), `${s} should be left to Number(), got ${x}`);
    // Read alone, up to its own end, it is the same number: so above it stopped at the comma.
    assert.ok(Object.is(scanDecimal(s, 0, s.length), x), s);
  }
});

function job(dtype: TensorDType, columns: string[], task: 'classification' | 'regression', labels?: string[]): EvaluationJob {
  return {
    model: { file: 'm.json', name: 'm', onnx: 'm.onnx' },
    dataset: { metadataFile: 'd.json', name: 'd', data: { path: 'x.csv', format: 'csv' } },
    inputs: [{ name: 'features', columns, dtype, shape: [columns.length] }, { name: 'again', columns: [columns[0]], dtype, shape: [1] }],
    labelColumn: 'label', task, decision: 'argmax', batchSize: 64, ...(labels ? { labels } : {}),
  };
}

async function blocks(path: string): Promise<CsvBlock[]> {
  const out: CsvBlock[] = [];
  for await (const b of readCsvBlocks(path, { chunkSize: 97 })) out.push(b);
  return out;
}

/** Feeds every record both ways (scanned text, split fields) and compares buffers and labels. */
async function bothWays(path: string, j: EvaluationJob): Promise<(string | number)[]> {
  const bs = await blocks(path);
  const viaText = j.inputs.map((x) => new InputBuffer(x, 4096));
  const viaFields = j.inputs.map((x) => new InputBuffer(x, 4096));
  const textFeed = new CsvFeed(j, bs[0].header, viaText, path);
  const fieldFeed = new CsvFeed(j, bs[0].header, viaFields, path);
  const labels: (string | number)[] = [];
  let n = 0;
  for (const b of bs) {
    assert.ok('text' in b, 'a quote-free file comes as text');
    const t = b.text;
    for (let i = 0; i < t.starts.length; i++, n++) {
      const y = textFeed.text(t, i, n, b.first + i);
      assert.deepEqual(fieldFeed.fields(t.text.slice(t.starts[i], t.ends[i]).split(','), n, { index: b.first + i }), y);
      labels.push(y);
    }
  }
  for (let k = 0; k < viaText.length; k++) assert.deepEqual(viaText[k].data, viaFields[k].data);
  return labels;
}

test('scanned text and split fields fill the same arrays, every dtype', async () => {
  const random = seededRandom(5);
  const cells = ['1', '-2', '3.5', '1e2', ' 4 ', '0x1F', '-0', '.25', '7.', '123456789012345678', '2.675', '1E-3', '\t9'];
  const ints = ['1', '-2', '1e2', ' 4 ', '0x1F', '-0', '7.', '7.0', '00012'];
  for (const dtype of ['float32', 'float64', 'int32', 'int64'] as const) {
    const pool = dtype.startsWith('int') ? ints : cells;
    const lines = ['a,label,b,skip'];
    for (let r = 0; r < 300; r++) lines.push(`${pool[Math.floor(random() * pool.length)]},${['cat', 'dog', 'bird', 'ünï'][r % 4]},${pool[Math.floor(random() * pool.length)]},${r % 7 ? 'x' : ''}`);
    const p = file(lines.join('\n') + '\n');
    const labels = await bothWays(p, job(dtype, ['b', 'a'], 'classification', ['cat', 'dog']));
    assert.deepEqual(labels.slice(0, 4), ['cat', 'dog', 'bird', 'ünï']);
  }
  const reg = file('x,label\n1,2.5\n2, 3e1\n3,-0.125\n');
  assert.deepEqual(await bothWays(reg, job('float32', ['x'], 'regression')), [2.5, 30, -0.125]);
});

async function feedError(text: string, j: EvaluationJob): Promise<Error> {
  const p = file(text);
  const bs = await blocks(p);
  const feed = new CsvFeed(j, bs[0].header, j.inputs.map((x) => new InputBuffer(x, 64)), p);
  try {
    let n = 0;
    for (const b of bs) {
      if (!('text' in b)) throw new Error('expected text');
      for (let i = 0; i < b.text.starts.length; i++) feed.text(b.text, i, n++ % 64, b.first + i);
    }
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error');
}

test('bad cells: the located messages numericCell gives, with the exact line', async () => {
  const place = (e: Error) => { assert.ok(e instanceof CellError, String(e)); return cellMessage('f.csv', e, e.place.line); };
  const j = job('float32', ['a', 'b'], 'classification');
  assert.equal(place(await feedError('a,b,label\n1,2,x\n\n3,abc,y\n', j)), "f.csv: row 2 (line 4), column 'b': 'abc' is not a number");
  assert.equal(place(await feedError('a,b,label\n1,,x\n', j)), "f.csv: row 1 (line 2), column 'b': '' is not a number");
  assert.equal(place(await feedError('a,b,label\n1,  ,x\n', j)), "f.csv: row 1 (line 2), column 'b': '  ' is not a number");
  assert.equal(place(await feedError('a,b,label\r\n1,2,x\r\n1,Infinity,x\r\n', j)), "f.csv: row 2 (line 3), column 'b': 'Infinity' is not a number");
  assert.equal(place(await feedError('a,b,label\n1,2,\n', j)), "f.csv: row 1 (line 2), column 'label': the label is missing");
  assert.equal(place(await feedError('a,b,label\n1,2, \u3000\n', j)), "f.csv: row 1 (line 2), column 'label': the label is missing");
  assert.equal(place(await feedError('a,b,label\n1,2.5,x\n', job('int64', ['a', 'b'], 'classification'))), "f.csv: row 1 (line 2), column 'b': 2.5 is not a whole number");
  assert.equal(place(await feedError('a,label\n1,2\n1,n/a\n', job('float64', ['a'], 'regression'))), "f.csv: row 2 (line 3), column 'label': 'n/a' is not a number");
  // The same text as numericCell words it for any cell.
  assert.throws(() => numericCell('abc', 'b', { index: 2, line: 4 }), /'abc' is not a number/);
});

test('a wrong field count is found before a bad cell in the same row, and named by its line', async () => {
  const j = job('float32', ['a', 'b'], 'classification');
  for (const [text, message] of [
    ['a,b,label\n1,2,x\n1,2\n', 'row 2 has 2 fields, the header has 3'],
    ['a,b,label\n1,2,x\n\n1,zz\n', 'row 2 has 2 fields, the header has 3'],
    ['a,b,label\n1,2,x,extra\n', 'row 1 has 4 fields, the header has 3'],
    ['a,b,label\n1,2,x\n\n1,2,x,,\n', 'row 2 has 5 fields, the header has 3'],
  ]) {
    const e = await feedError(text, j);
    assert.ok(e instanceof DatasetError, String(e));
    const line = text.split('\n').findIndex((l, k) => k > 0 && l !== '' && l.split(',').length !== 3) + 1;
    assert.match(e.message, new RegExp(`:${line}: ${message}$`));
  }
});

test('missing columns are named with the header', async () => {
  const p = file('a,label\n1,x\n');
  const [b] = await blocks(p);
  const j = job('float32', ['a', 'zz'], 'classification');
  assert.throws(() => new CsvFeed(j, b.header, j.inputs.map((x) => new InputBuffer(x, 4)), p), /column 'zz' \(input 'features'\) does not exist; columns: a, label/);
  const k = { ...job('float32', ['a'], 'classification'), labelColumn: 'y' };
  assert.throws(() => new CsvFeed(k, b.header, k.inputs.map((x) => new InputBuffer(x, 4)), p), /label column 'y' does not exist; columns: a, label/);
});

test('evaluate(): a quoted CSV (csv-parse) and its quote-free twin give the same metrics; bad cells located on both', async () => {
  const reg = new TestRegistry();
  const onnx = reg.onnx('argmax3.onnx', linearModel({ weights: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], bias: [0, 0, 0] }));
  const spec = { inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'] }], label_column: 'label', task: 'classification', labels: ['a', 'b', 'c'], batch_size: 2 };
  const plain = 'f0,f1,f2,label\n3,0,0,a\n2,1,0,a\n0,5,1,a\n1,4,0,b\n9,1,1,b\n2,1,1,c\n';
  reg.dataset('plain', plain);
  reg.dataset('quoted', plain.replace(/,c\n/, ',"c"\n'));
  const run = async (name: string) => evaluate(ort, await resolveJob(reg.model(name, onnx, name, spec), {}));
  const a = await run('plain');
  const b = await run('quoted');
  assert.equal(a.samples_evaluated, 6);
  assert.deepEqual(b.metrics, a.metrics);
  assert.deepEqual(b.details, a.details);
  reg.dataset('bad-plain', 'f0,f1,f2,label\n3,0,0,a\n\n2,x1,0,a\n');
  reg.dataset('bad-quoted', 'f0,f1,f2,label\n3,0,0,"a\nb"\n2,x1,0,a\n');
  await assert.rejects(run('bad-plain'), /bad-plain[^:]*: row 2 \(line 4\), column 'f1': 'x1' is not a number/);
  await assert.rejects(run('bad-quoted'), /bad-quoted[^:]*: row 2 \(line 4\), column 'f1': 'x1' is not a number/);
});

test('evaluate(): a missing CSV file and a csv-parse error are data errors with the file (and line)', async () => {
  const reg = new TestRegistry();
  const onnx = reg.onnx('argmax3.onnx', linearModel({ weights: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], bias: [0, 0, 0] }));
  const spec = { inputs: [{ name: 'features', columns: ['f0', 'f1', 'f2'] }], label_column: 'label', task: 'classification', labels: ['a', 'b', 'c'] };
  const data = reg.dataset('gone', 'f0,f1,f2,label\n1,2,3,a\n');
  const bad = reg.dataset('unclosed', 'f0,f1,f2,label\n1,2,3,a\n\n1,2,3,"a\n');
  const job = await resolveJob(reg.model('gone', onnx, 'gone', spec), {});
  rmSync(job.dataset.data.path);
  const isData = (pattern: RegExp) => (e: unknown) => e instanceof EvaluationError && e.kind === 'data' && pattern.test(e.message);
  await assert.rejects(evaluate(ort, job), isData(/data file not found: .*gone/));
  await assert.rejects(evaluate(ort, await resolveJob(reg.model('unclosed', onnx, 'unclosed', spec), {})), isData(/unclosed[^:]*:4: /));
  assert.ok(data && bad);
});
