// The model spec's `training` block, read from a model metadata file. Reading is one function
// (readModelSpec) so the workspace index can take it over later.
import { readFileSync } from 'node:fs';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SlurmResources, TrainingSpec } from '../metadata/types';

// The block's shape is the model schema's (src/core/metadata/types.ts, schemas/model.schema.json).
export type { TrainingSpec } from '../metadata/types';
export type SlurmOptions = SlurmResources;

export interface ModelSpec {
  file: string;
  model_name: string;
  model_version: string | null;
  training: TrainingSpec;
  /** The whole file's value, for the job's snapshot. */
  value: unknown;
}

export class SpecError extends Error {}

/** Reads a model file's name, version and training block; a clear, located error if they are unusable. */
export function readModelSpec(file: string): ModelSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpecError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseModelSpec(file, text);
}

export function parseModelSpec(file: string, text: string): ModelSpec {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    const e = errors[0];
    const { line, col } = lineCol(text, e.offset);
    throw new SpecError(`${file}:${line}:${col}: ${printParseErrorCode(e.error)}`);
  }
  if (!isObject(value)) throw new SpecError(`${file}: a model file is a JSON object`);
  const name = value.model_name;
  if (typeof name !== 'string' || name === '') throw new SpecError(`${file}: "model_name" must be a non-empty string`);
  const version = value.model_version;
  const training = value.training;
  if (!isObject(training)) throw new SpecError(`${file}: no "training" block: add {"training": {"command": "..."}} to train this model`);
  if (typeof training.command !== 'string' || training.command.trim() === '') throw new SpecError(`${file}: "training.command" must be a non-empty string`);
  for (const k of ['working_directory', 'host'] as const) {
    if (training[k] !== undefined && typeof training[k] !== 'string') throw new SpecError(`${file}: "training.${k}" must be a string`);
  }
  if (training.target !== undefined && training.target !== 'local' && training.target !== 'slurm') {
    throw new SpecError(`${file}: "training.target" must be "local" or "slurm"`);
  }
  if (training.env !== undefined) {
    if (!isObject(training.env)) throw new SpecError(`${file}: "training.env" must be an object of strings`);
    for (const [k, v] of Object.entries(training.env)) {
      if (typeof v !== 'string') throw new SpecError(`${file}: "training.env.${k}" must be a string`);
    }
  }
  if (training.slurm !== undefined && !isObject(training.slurm)) throw new SpecError(`${file}: "training.slurm" must be an object`);
  return {
    file,
    model_name: name,
    model_version: typeof version === 'string' ? version : version === undefined ? null : String(version),
    training: training as unknown as TrainingSpec,
    value,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}
