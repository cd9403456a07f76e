// Writes examples/artifacts/iris-logreg.onnx and iris-tiny.onnx: a softmax regression and a
// 4-8-3 MLP fitted by plain full-batch gradient descent on examples/data/iris-train.csv (their
// metadata names iris-train as the training set). Deterministic: same bytes on every run.
// Both take `features` float32 [N, 4] (sepal_length, sepal_width, petal_length, petal_width, cm)
// and give `probabilities` float32 [N, 3] (setosa, versicolor, virginica). Standardisation is
// folded into the first layer, so the models take raw centimetres.
// Usage: node --import tsx scripts/make-example-models.ts
import { join } from 'node:path';
import { readAllRows } from '../src/core/datasets/read';
import { seededRandom } from '../src/core/datasets/random';
import { buildModel, writeModel, type NodeSpec } from '../test/support/onnx';

const ROOT = join(__dirname, '..');
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const CLASSES = ['setosa', 'versicolor', 'virginica'];

type Matrix = number[][];

async function load(file: string) {
  const rows = await readAllRows({ path: join(ROOT, 'examples', 'data', file), format: 'csv' });
  return { x: rows.map((r) => FEATURES.map((f) => Number(r[f]))), y: rows.map((r) => CLASSES.indexOf(String(r.species))) };
}

const zeros = (r: number, c: number): Matrix => Array.from({ length: r }, () => new Array(c).fill(0));

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** A dense layer: out = in·W + b. */
interface Layer { W: Matrix; b: number[] }

function forward(layers: Layer[], x: number[]): number[][] {
  const acts = [x];
  layers.forEach((l, k) => {
    const a = acts[acts.length - 1];
    const z = l.b.map((b, j) => b + a.reduce((s, v, i) => s + v * l.W[i][j], 0));
    acts.push(k === layers.length - 1 ? softmax(z) : z.map((v) => Math.max(0, v)));
  });
  return acts;
}

/** Full-batch gradient descent on mean cross-entropy (+ L2 on weights). */
function train(layers: Layer[], x: Matrix, y: number[], steps: number, lr: number, l2: number): void {
  for (let step = 0; step < steps; step++) {
    const gW = layers.map((l) => zeros(l.W.length, l.b.length));
    const gb = layers.map((l) => new Array(l.b.length).fill(0));
    x.forEach((xi, n) => {
      const acts = forward(layers, xi);
      let delta = acts[acts.length - 1].map((p, j) => p - (j === y[n] ? 1 : 0));
      for (let k = layers.length - 1; k >= 0; k--) {
        const a = acts[k];
        for (let i = 0; i < a.length; i++) for (let j = 0; j < delta.length; j++) gW[k][i][j] += a[i] * delta[j];
        for (let j = 0; j < delta.length; j++) gb[k][j] += delta[j];
        if (k > 0) delta = a.map((av, i) => (av > 0 ? delta.reduce((s, d, j) => s + d * layers[k].W[i][j], 0) : 0));
      }
    });
    layers.forEach((l, k) => {
      l.W.forEach((row, i) => row.forEach((w, j) => { row[j] = w - lr * (gW[k][i][j] / x.length + l2 * w); }));
      l.b.forEach((b, j) => { l.b[j] = b - (lr * gb[k][j]) / x.length; });
    });
  }
}

function accuracy(layers: Layer[], x: Matrix, y: number[]): number {
  const hits = x.filter((xi, n) => { const p = forward(layers, xi).at(-1)!; return p.indexOf(Math.max(...p)) === y[n]; }).length;
  return hits / x.length;
}

/** Folds (x - mean) / std into the first layer so the model takes raw values. */
function foldStandardisation(l: Layer, mean: number[], std: number[]): Layer {
  const W = l.W.map((row, i) => row.map((w) => w / std[i]));
  const b = l.b.map((bj, j) => bj - mean.reduce((s, m, i) => s + (m / std[i]) * l.W[i][j], 0));
  return { W, b };
}

function toOnnx(layers: Layer[]): Uint8Array {
  const nodes: NodeSpec[] = [];
  const initializers = layers.flatMap((l, k) => [
    { name: `W${k}`, type: 'float32' as const, dims: [l.W.length, l.b.length], values: l.W.flat() },
    { name: `B${k}`, type: 'float32' as const, dims: [l.b.length], values: l.b },
  ]);
  let input = 'features';
  layers.forEach((_, k) => {
    const last = k === layers.length - 1;
    nodes.push({ op: 'MatMul', inputs: [input, `W${k}`], outputs: [`mm${k}`] });
    nodes.push({ op: 'Add', inputs: [`mm${k}`, `B${k}`], outputs: [`z${k}`] });
    if (last) nodes.push({ op: 'Softmax', inputs: [`z${k}`], outputs: ['probabilities'], attrs: { axis: -1 } });
    else nodes.push({ op: 'Relu', inputs: [`z${k}`], outputs: [`h${k}`] });
    input = `h${k}`;
  });
  return buildModel({
    inputs: [{ name: 'features', type: 'float32', shape: ['batch', 4] }],
    outputs: [{ name: 'probabilities', type: 'float32', shape: ['batch', 3] }],
    initializers,
    nodes,
  });
}

async function main() {
  const tr = await load('iris-train.csv');
  const te = await load('iris-test.csv');
  const mean = FEATURES.map((_, i) => tr.x.reduce((s, r) => s + r[i], 0) / tr.x.length);
  const std = FEATURES.map((_, i) => Math.sqrt(tr.x.reduce((s, r) => s + (r[i] - mean[i]) ** 2, 0) / tr.x.length));
  const xs = tr.x.map((r) => r.map((v, i) => (v - mean[i]) / std[i]));
  const random = seededRandom('iris');
  const init = (r: number, c: number, scale: number) => Array.from({ length: r }, () => Array.from({ length: c }, () => (random() * 2 - 1) * scale));

  const logreg: Layer[] = [{ W: zeros(4, 3), b: [0, 0, 0] }];
  train(logreg, xs, tr.y, 500, 0.5, 1e-4);
  // iris-tiny: few steps, so it underfits a little, as its metadata says.
  const tiny: Layer[] = [{ W: init(4, 8, 0.5), b: new Array(8).fill(0) }, { W: init(8, 3, 0.5), b: [0, 0, 0] }];
  train(tiny, xs, tr.y, 40, 0.1, 0);

  for (const [name, layers] of [['iris-logreg', logreg], ['iris-tiny', tiny]] as const) {
    const folded = [foldStandardisation(layers[0], mean, std), ...layers.slice(1)];
    const file = writeModel(join(ROOT, 'examples', 'artifacts', `${name}.onnx`), toOnnx(folded));
    const std1 = layers.map((l) => ({ W: l.W, b: l.b }));
    console.log(`${file}: train accuracy ${accuracy(std1, xs, tr.y).toFixed(3)}, test accuracy ${accuracy(folded, te.x, te.y).toFixed(3)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
