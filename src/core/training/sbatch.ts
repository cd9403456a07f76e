// Renders the sbatch script for a job and the sbatch command line that submits it.
// Resource directives go in the script; values carrying user text or paths (job name, log,
// working directory) go on the command line, shell-quoted, where no sbatch parsing can split them.
import type { SlurmOptions } from './spec';
import { isEnvName, quote, quoteArgs } from './shell';

export interface SbatchInput {
  jobId: string;
  modelName: string;
  modelVersion: string | null;
  command: string;
  /** Absolute, on the machine that runs the job. */
  workingDirectory: string;
  logPath: string;
  scriptPath: string;
  /** Non-secret variables, exported by the script. */
  env: Record<string, string>;
  /** Secret variables: names only; their values reach sbatch through its environment, never a file. */
  secretNames: string[];
  slurm: SlurmOptions;
}

export interface SbatchPlan {
  script: string;
  /** sbatch's arguments (before the script path). */
  args: string[];
  /** The whole submission as one shell command. */
  submitCommand: string;
}

// A directive value must stay one token to sbatch's own parser: no spaces, quotes or newlines.
const SAFE_VALUE = /^[A-Za-z0-9_.:,=@%+\/\[\]-]+$/;

function directive(flag: string, value: string | number | undefined, key: string): string[] {
  if (value === undefined) return [];
  const v = String(value);
  if (!SAFE_VALUE.test(v)) throw new Error(`training.slurm.${key}: ${JSON.stringify(v)} is not a valid value for ${flag}`);
  return [`#SBATCH ${flag}=${v}`];
}

function intOption(v: unknown, key: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`training.slurm.${key} must be a positive integer`);
  return v;
}

function stringList(v: unknown, key: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`training.slurm.${key} must be a list of strings`);
  return v as string[];
}

export function renderSbatch(input: SbatchInput): SbatchPlan {
  const s = input.slurm ?? {};
  const lines = ['#!/bin/bash', `# ModelOps job ${input.jobId} (model name and log path are on the sbatch command line)`];
  lines.push(
    ...directive('--partition', s.partition, 'partition'),
    ...directive('--nodes', intOption(s.nodes, 'nodes'), 'nodes'),
    ...directive('--ntasks', intOption(s.ntasks, 'ntasks'), 'ntasks'),
    ...directive('--cpus-per-task', intOption(s.cpus_per_task, 'cpus_per_task'), 'cpus_per_task'),
    ...directive('--gpus', s.gpus, 'gpus'),
    ...directive('--mem', s.mem, 'mem'),
    ...directive('--time', s.time, 'time'),
    ...directive('--account', s.account, 'account'),
    ...directive('--qos', s.qos, 'qos'),
  );
  for (const d of stringList(s.extra_directives, 'extra_directives')) {
    const flag = d.trim();
    if (!/^--?[A-Za-z][A-Za-z0-9-]*(=[A-Za-z0-9_.:,=@%+\/\[\]-]+)?$/.test(flag)) {
      throw new Error(`training.slurm.extra_directives: ${JSON.stringify(d)} must be one option like --constraint=a100`);
    }
    lines.push(`#SBATCH ${flag}`);
  }
  lines.push('');
  const env: Record<string, string> = {
    MODELOPS_JOB_ID: input.jobId,
    MODELOPS_MODEL_NAME: input.modelName,
    ...(input.modelVersion !== null ? { MODELOPS_MODEL_VERSION: input.modelVersion } : {}),
    ...input.env,
  };
  for (const [k, v] of Object.entries(env)) {
    if (!isEnvName(k)) throw new Error(`training.env: "${k}" is not a valid environment variable name`);
    lines.push(`export ${k}=${quote(v)}`);
  }
  for (const m of stringList(s.modules, 'modules')) lines.push(`module load ${quote(m)}`);
  // Setup lines are the spec author's own shell, run as written.
  for (const l of stringList(s.setup, 'setup')) lines.push(l);
  lines.push(`cd ${quote(input.workingDirectory)}`, input.command, '');
  const script = lines.join('\n');

  const jobName = s.job_name ?? input.modelName;
  const args = ['--parsable', `--job-name=${jobName}`, `--output=${input.logPath}`, `--chdir=${input.workingDirectory}`];
  const exportArg = input.secretNames.length ? [`--export=ALL`] : [];
  const submitCommand = quoteArgs(['sbatch', ...args, ...exportArg, input.scriptPath]);
  return { script, args: [...args, ...exportArg], submitCommand };
}
