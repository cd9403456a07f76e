// Model outputs → one prediction per row: a class label (argmax or threshold) or a number.
import type { Decision, EvaluationTask } from '../metadata/types';
import { EvaluationError } from './errors';

/** The parts of an onnxruntime Tensor we read. */
export interface OutputTensor {
  type: string;
  dims: readonly number[];
  data: ArrayLike<number | bigint | string>;
}

export interface Decoder {
  /** The prediction for row `i` of the batch. */
  (i: number): string | number;
}

function at(data: OutputTensor['data'], i: number): number {
  const v = data[i];
  return typeof v === 'bigint' ? Number(v) : Number(v);
}

export function decoder(out: OutputTensor, name: string, task: EvaluationTask, decision: Decision, labels: readonly string[] | undefined, rows: number): Decoder {
  const width = rows > 0 ? out.data.length / rows : 0;
  const fail = (msg: string): never => { throw new EvaluationError('signature', `output '${name}' (${out.type} [${out.dims.join(', ')}]): ${msg}`); };
  if (!Number.isInteger(width) || width < 1) fail(`expected ${rows} rows of values`);
  const className = (k: number) => labels?.[k] ?? String(k);

  if (task === 'regression') {
    if (width !== 1) fail(`a regression output must hold one value per row, it holds ${width}`);
    if (out.type === 'string') fail('a regression output must be numeric');
    return (i) => at(out.data, i);
  }
  if (out.type === 'string') {
    if (width !== 1) fail('a string output must hold one label per row');
    return (i) => String(out.data[i]);
  }
  const integer = /int/.test(out.type) || out.type === 'bool';
  if (decision === 'argmax') {
    if (width === 1) {
      if (!integer) fail('one score per row cannot be argmax-ed: use "decision": {"threshold": 0.5}, or an output with one score per class');
      return (i) => className(at(out.data, i));
    }
    if (labels && labels.length !== width) fail(`evaluation.labels lists ${labels.length} classes but the output has ${width} scores per row`);
    return (i) => {
      const base = i * width;
      let best = 0;
      let bestV = at(out.data, base);
      for (let k = 1; k < width; k++) {
        const v = at(out.data, base + k);
        if (v > bestV) { bestV = v; best = k; }
      }
      return className(best);
    };
  }
  const t = decision.threshold;
  if (width > 2) fail(`a threshold needs one score (or two, binary) per row, the output has ${width}`);
  return (i) => className(at(out.data, i * width + width - 1) >= t ? 1 : 0);
}
