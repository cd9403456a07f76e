// Evaluation throughput: our whole pipeline (read CSV → tensors → batched inference → metrics)
// against a raw onnxruntime-node loop over tensors built beforehand, same model, same rows,
// same run, batch size 256. Figures are rows per second and the overhead ratio (ours / raw time).
// Run alone: npm run build && node --import tsx bench/eval.ts [rows]
// Two wider MLPs show how the fixed per-row cost of reading the CSV weighs against inference.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { evaluate } from '../src/core/evaluation/evaluator';
import { runInWorker } from '../src/core/evaluation/client';
import type { EvaluationJob } from '../src/core/evaluation/job';
import { seededRandom } from '../src/core/datasets/random';
import { buildModel, type NodeSpec } from '../test/support/onnx';
import { stats, type Figure } from './harness';

const REPO = join(__dirname, '..');
const BATCH = 256;
const COLUMNS = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const CLASSES = ['setosa', 'versicolor', 'virginica'];

/** Iris-like rows: each class around its mean measurements, with noise. */
function writeCsv(file: string, rows: number): Float32Array {
  const means = [[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]];
  const random = seededRandom(1);
  const values = new Float32Array(rows * 4);
  const lines = [`${COLUMNS.join(',')},species`];
  for (let i = 0; i < rows; i++) {
    const c = i % 3;
    const v = means[c].map((m) => Math.round((m + (random() - 0.5) * 0.8) * 10) / 10);
    values.set(v, i * 4);
    lines.push(`${v.join(',')},${CLASSES[c]}`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return values;
}

/** A wider MLP, 4 → h → h → 3, so inference is not trivial next to reading the rows. */
function mlp(hidden: number): Uint8Array {
  const random = seededRandom(2);
  const w = (r: number, c: number) => Array.from({ length: r * c }, () => (random() - 0.5) * 0.2);
  const nodes: NodeSpec[] = [
    { op: 'MatMul', inputs: ['features', 'W0'], outputs: ['a0'] }, { op: 'Add', inputs: ['a0', 'B0'], outputs: ['z0'] }, { op: 'Relu', inputs: ['z0'], outputs: ['h0'] },
    { op: 'MatMul', inputs: ['h0', 'W1'], outputs: ['a1'] }, { op: 'Add', inputs: ['a1', 'B1'], outputs: ['z1'] }, { op: 'Relu', inputs: ['z1'], outputs: ['h1'] },
    { op: 'MatMul', inputs: ['h1', 'W2'], outputs: ['a2'] }, { op: 'Add', inputs: ['a2', 'B2'], outputs: ['z2'] },
    { op: 'Softmax', inputs: ['z2'], outputs: ['probabilities'], attrs: { axis: -1 } },
  ];
  return buildModel({
    inputs: [{ name: 'features', type: 'float32', shape: ['batch', 4] }],
    outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 3] }],
    initializers: [
      { name: 'W0', type: 'float32', dims: [4, hidden], values: w(4, hidden) }, { name: 'B0', type: 'float32', dims: [hidden], values: new Array(hidden).fill(0) },
      { name: 'W1', type: 'float32', dims: [hidden, hidden], values: w(hidden, hidden) }, { name: 'B1', type: 'float32', dims: [hidden], values: new Array(hidden).fill(0) },
      { name: 'W2', type: 'float32', dims: [hidden, 3], values: w(hidden, 3) }, { name: 'B2', type: 'float32', dims: [3], values: [0, 0, 0] },
    ],
    nodes,
  });
}

function job(onnx: string, data: string, rows: number): EvaluationJob {
  return {
    model: { file: join(REPO, 'bench', 'model.json'), name: 'bench', onnx },
    dataset: { metadataFile: join(REPO, 'bench', 'dataset.json'), name: 'bench', data: { path: data, format: 'csv' }, rows },
    inputs: [{ name: 'features', columns: COLUMNS, dtype: 'float32', shape: [4] }],
    labelColumn: 'species', task: 'classification', output: 'probabilities', decision: 'argmax', labels: CLASSES, batchSize: BATCH,
  };
}

/** CPU time of the whole process (all threads) spent in `f`, in ms; the machine is shared, so wall time is noisy. */
const cpuSpent: number[][] = [[], []];
async function withCpu(slot: 0 | 1, f: () => Promise<number>): Promise<number> {
  const c = process.cpuUsage();
  const ms = await f();
  const d = process.cpuUsage(c);
  cpuSpent[slot].push((d.user + d.system) / 1000);
  return ms;
}

/** The raw loop: one session, tensors built before the clock starts, only session.run timed. */
async function rawLoop(onnx: string, values: Float32Array, rows: number): Promise<number> {
  const session = await ort.InferenceSession.create(onnx);
  const tensors: ort.Tensor[] = [];
  for (let at = 0; at < rows; at += BATCH) {
    const n = Math.min(BATCH, rows - at);
    tensors.push(new ort.Tensor('float32', values.slice(at * 4, (at + n) * 4), [n, 4]));
  }
  const ms = await withCpu(1, async () => {
    const start = performance.now();
    for (const t of tensors) await session.run({ features: t }, ['probabilities']);
    return performance.now() - start;
  });
  await session.release();
  return ms;
}

async function ours(onnx: string, data: string, rows: number): Promise<number> {
  const start = performance.now();
  const r = await evaluate(ort, job(onnx, data, rows));
  if (r.samples_evaluated !== rows) throw new Error(`evaluated ${r.samples_evaluated} of ${rows}`);
  return performance.now() - start;
}

async function oursInWorker(onnx: string, data: string, rows: number): Promise<number> {
  const start = performance.now();
  // The bundle, as the extension and CLI run it (not the TypeScript source through tsx).
  const r = await runInWorker(job(onnx, data, rows), { workerPath: join(REPO, 'dist', 'evalWorker.js') });
  if (r.samples_evaluated !== rows) throw new Error(`evaluated ${r.samples_evaluated} of ${rows}`);
  return performance.now() - start;
}

const perSecond = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en')} rows/s`;

async function measure(label: string, onnx: string, data: string, values: Float32Array, rows: number, runs: number, worker: boolean): Promise<Figure[]> {
  const o: number[] = [];
  const w: number[] = [];
  const r: number[] = [];
  cpuSpent[0] = [];
  cpuSpent[1] = [];
  for (let i = 0; i < runs; i++) { // alternated, so machine load hits all alike
    o.push(await withCpu(0, () => ours(onnx, data, rows)));
    if (worker) w.push(await oursInWorker(onnx, data, rows));
    r.push(await rawLoop(onnx, values, rows));
  }
  const so = stats(o);
  const sr = stats(r);
  const ratio = so.median / sr.median;
  const raw = { name: 'raw onnxruntime loop over pre-built tensors', stats: sr };
  const figures: Figure[] = [{
    name: `Evaluation, ${label}, ${rows.toLocaleString('en')} CSV rows, batch ${BATCH} (wall time)`,
    unit: 'ms', ours: so, baseline: raw,
    target: 'within 15% of the raw loop (ratio ≤ 1.15)', met: ratio <= 1.15,
    notes: `overhead ratio ${ratio.toFixed(2)}; ours ${perSecond(rows, so.median)}, raw ${perSecond(rows, sr.median)}; `
      + `our cost beyond inference ${(((so.median - sr.median) * 1000) / rows).toFixed(2)} µs/row; `
      + `CPU time (all threads) ${stats(cpuSpent[0]).median.toFixed(0)} ms vs ${stats(cpuSpent[1]).median.toFixed(0)} ms, ratio ${(stats(cpuSpent[0]).median / stats(cpuSpent[1]).median).toFixed(2)}`,
  }];
  if (worker) {
    const sw = stats(w);
    figures.push({
      name: `Evaluation in the worker process (incl. process start), ${label}, ${rows.toLocaleString('en')} CSV rows`,
      unit: 'ms', ours: sw, baseline: raw, target: 'reported only', met: true,
      notes: `overhead ratio ${(sw.median / sr.median).toFixed(2)}; ${perSecond(rows, sw.median)}`,
    });
  }
  return figures;
}

export async function run(rows = 200_000): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'modelops-bench-eval-'));
  try {
    const data = join(dir, 'rows.csv');
    const values = writeCsv(data, rows);
    const wide = join(dir, 'mlp.onnx');
    writeFileSync(wide, mlp(256));
    const wider = join(dir, 'mlp1024.onnx');
    writeFileSync(wider, mlp(1024));
    return [
      ...(await measure('iris-logreg (15 weights)', join(REPO, 'examples', 'artifacts', 'iris-logreg.onnx'), data, values, rows, 5, true)),
      ...(await measure('MLP 4-256-256-3', wide, data, values, rows, 3, false)),
      ...(await measure('MLP 4-1024-1024-3', wider, data, values, rows, 3, false)),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void (async () => {
    const { describe } = await import('./harness');
    for (const f of await run(Number(process.argv[2]) || undefined)) console.log(`${describe(f)}${f.notes ? ` — ${f.notes}` : ''}`);
  })();
}
