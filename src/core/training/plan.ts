// From a model spec to a job: the record with its reproducibility snapshot, and the launch plan.
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { resolveEnv, snapshotEnv } from './env';
import { gitState } from './git';
import { newJobId, type JobRecord, type JobTarget } from './job';
import type { JobStore } from './jobStore';
import type { LaunchPlan } from './runner';
import { renderSbatch } from './sbatch';
import type { ModelSpec } from './spec';

export interface PlanInput {
  spec: ModelSpec;
  workspaceRoot: string;
  store: JobStore;
  target: JobTarget;
  /** SSH host name, and that host's absolute remote repository directory. */
  host?: { name: string; remoteDir: string } | null;
  env: NodeJS.ProcessEnv;
}

export function planJob(input: PlanInput): { job: JobRecord; plan: LaunchPlan } {
  const { spec, store, target } = input;
  const root = resolve(input.workspaceRoot);
  const specFile = resolve(spec.file);
  const relSpec = relative(root, specFile);
  if (relSpec.startsWith('..') || isAbsolute(relSpec)) throw new Error(`${spec.file} is outside the workspace ${root}`);
  const t = spec.training;
  const wdRel = t.working_directory ?? '.';
  if (isAbsolute(wdRel)) throw new Error(`${spec.file}: training.working_directory must be relative to the model file's folder`);
  const modelDirRel = relative(root, dirname(specFile));
  const remote = target === 'slurm' && input.host ? input.host : null;
  const workingDirectory = remote
    ? posix.normalize(posix.join(remote.remoteDir, modelDirRel.split(sep).join('/'), wdRel.split(sep).join('/')))
    : resolve(dirname(specFile), wdRel);

  const id = newJobId();
  const resolved = resolveEnv(t.env, input.env);
  const envEntries = snapshotEnv(t.env, resolved);
  const secretNames = envEntries.filter((e) => e.secret).map((e) => e.name);
  const jobEnv: Record<string, string> = {
    MODELOPS_JOB_ID: id,
    MODELOPS_MODEL_NAME: spec.model_name,
    ...(spec.model_version !== null ? { MODELOPS_MODEL_VERSION: spec.model_version } : {}),
    ...resolved,
  };
  const now = new Date().toISOString();
  const logPath = store.logPath(id);
  const plan: LaunchPlan = { command: t.command, workingDirectory, env: jobEnv, secretNames };
  let sbatchScript: string | null = null;
  let submitCommand: string | null = null;
  let remoteLog: string | null = null;
  if (target === 'slurm') {
    const jobsDir = remote ? posix.join(remote.remoteDir, '.modelops', 'jobs') : store.dir;
    const slurmLog = remote ? posix.join(jobsDir, `${id}.log`) : logPath;
    const scriptPath = remote ? posix.join(jobsDir, `${id}.sbatch`) : join(store.dir, `${id}.sbatch`);
    const nonSecret = Object.fromEntries(Object.entries(resolved).filter(([k]) => !secretNames.includes(k)));
    const r = renderSbatch({
      jobId: id, modelName: spec.model_name, modelVersion: spec.model_version, command: t.command, workingDirectory,
      logPath: slurmLog, scriptPath, env: nonSecret, secretNames, slurm: t.slurm ?? {},
    });
    plan.sbatch = { script: r.script, scriptPath, args: r.args, logPath: slurmLog };
    sbatchScript = r.script;
    submitCommand = r.submitCommand;
    remoteLog = remote ? slurmLog : null;
  }
  const job: JobRecord = {
    job_id: id,
    status: 'pending',
    progress: 0,
    created_at: now,
    updated_at: now,
    error: null,
    model: { name: spec.model_name, version: spec.model_version, file: relSpec.split(sep).join('/') },
    target,
    host: remote ? remote.name : null,
    slurm_job_id: null,
    slurm_state: null,
    pid: null,
    owner_pid: null,
    exit_code: null,
    log_path: logPath,
    log_offset: 0,
    remote_log_path: remoteLog,
    metrics: {},
    finished_at: null,
    snapshot: {
      spec: redactSpec(spec.value, secretNames),
      spec_file: relSpec.split(sep).join('/'),
      git: gitState(root),
      command: t.command,
      working_directory: workingDirectory,
      sbatch_script: sbatchScript,
      submit_command: submitCommand,
      env: envEntries,
    },
  };
  return { job, plan };
}

/** The spec as it was, minus the values of secret variables in training.env. */
function redactSpec(value: unknown, secretNames: string[]): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as { training?: { env?: Record<string, unknown> } };
  const env = copy.training?.env;
  if (env) for (const n of secretNames) if (n in env) env[n] = null;
  return copy;
}
