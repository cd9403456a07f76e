// Checks the evaluation block against the model's own signature (onnxruntime's input/output
// metadata) before any row is read, and says what the model expects when they differ.
import { EvaluationError } from './errors';
import type { EvaluationJob } from './job';

/** The part of onnxruntime's ValueMetadata we use (kept structural: no onnxruntime import here). */
export type ValueInfo =
  | { name: string; isTensor: true; type: string; shape: readonly (number | string)[] }
  | { name: string; isTensor: false };

export interface CheckedSignature {
  outputName: string;
  /** Set when the model's batch dimension is a fixed number: batches are padded to it. */
  fixedBatch?: number;
}

function dims(shape: readonly (number | string)[]): string {
  return `[${shape.map((d) => (typeof d === 'number' && d >= 0 ? String(d) : typeof d === 'string' && d ? d : '?')).join(', ')}]`;
}

export function describeValue(v: ValueInfo): string {
  return v.isTensor ? `${v.name}: ${v.type} ${dims(v.shape)}` : `${v.name}: (not a tensor)`;
}

/** "inputs: a: float32 [N, 4]; outputs: ..." — the model's signature in one block. */
export function describeSignature(inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): string {
  return [
    'the model expects',
    ...inputs.map((v) => `  input  ${describeValue(v)}`),
    ...outputs.map((v) => `  output ${describeValue(v)}`),
  ].join('\n');
}

const isFixed = (d: number | string) => typeof d === 'number' && d >= 0;

export function checkSignature(job: EvaluationJob, inputs: readonly ValueInfo[], outputs: readonly ValueInfo[]): CheckedSignature {
  const problems: string[] = [];
  const byName = new Map(inputs.map((v) => [v.name, v]));
  const fed = new Set(job.inputs.map((x) => x.name));
  let fixedBatch: number | undefined;
  for (const x of job.inputs) {
    const v = byName.get(x.name);
    if (!v) { problems.push(`input '${x.name}' is not an input of the model`); continue; }
    if (!v.isTensor) { problems.push(`input '${x.name}' is not a tensor input`); continue; }
    if (v.type !== x.dtype) problems.push(`input '${x.name}': the evaluation block gives ${x.dtype}, the model expects ${v.type}`);
    if (v.shape.length === 0) continue; // shape unknown to the model: nothing to compare
    const want = [x.shape.length + 1];
    if (v.shape.length !== want[0]) {
      problems.push(`input '${x.name}': per-row shape [${x.shape.join(', ')}] gives rank ${want[0]} with the batch dimension, the model expects rank ${v.shape.length} ${dims(v.shape)}`);
      continue;
    }
    const mismatch = x.shape.some((d, i) => isFixed(v.shape[i + 1]) && v.shape[i + 1] !== d);
    if (mismatch) problems.push(`input '${x.name}': per-row shape [${x.shape.join(', ')}] (${x.columns.length} columns) does not match the model's ${dims(v.shape)}`);
    const b = v.shape[0];
    if (typeof b === 'number' && b > 0) fixedBatch = fixedBatch === undefined ? b : Math.min(fixedBatch, b);
  }
  for (const v of inputs) if (!fed.has(v.name)) problems.push(`model input '${v.name}' is not fed by evaluation.inputs`);
  let outputName = job.output ?? outputs[0]?.name;
  if (job.output !== undefined && !outputs.some((o) => o.name === job.output)) {
    problems.push(`output '${job.output}' is not an output of the model`);
  }
  if (outputName === undefined) { problems.push('the model has no outputs'); outputName = ''; }
  const chosen = outputs.find((o) => o.name === outputName);
  if (chosen && !chosen.isTensor) {
    problems.push(`output '${outputName}' is not a tensor (a sequence or map, such as skl2onnx's ZipMap): choose a tensor output with evaluation.output, or export without ZipMap`);
  }
  if (problems.length) {
    throw new EvaluationError(
      'signature',
      `${job.model.onnx}: the evaluation block of ${job.model.file} does not match the model:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${describeSignature(inputs, outputs)}`,
    );
  }
  return { outputName, fixedBatch };
}
