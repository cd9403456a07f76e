import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { renderSbatch, type SbatchInput } from '../../../src/core/training/sbatch';

const base: SbatchInput = {
  jobId: '20261123-120000-abcdef',
  modelName: 'x"; rm -rf ~; echo "',
  modelVersion: '1.0',
  command: 'python train.py --epochs 3',
  workingDirectory: '/home/u/repo with space/models',
  logPath: '/home/u/repo with space/.modelops/jobs/20261123-120000-abcdef.log',
  scriptPath: '/home/u/repo with space/.modelops/jobs/20261123-120000-abcdef.sbatch',
  env: { LR: "0.1; echo 'hi'" },
  secretNames: [],
  slurm: { partition: 'gpu', nodes: 1, ntasks: 2, gpus: 'a100:2', cpus_per_task: 8, mem: '32G', time: '01:00:00', account: 'proj', qos: 'high', modules: ['cuda/12.1', "py'thon"], setup: ['source venv/bin/activate'], extra_directives: ['--constraint=a100', '--exclusive'] },
};

test('renders directives, exports, module loads, setup, cd and the command, in that order', () => {
  const { script } = renderSbatch(base);
  assert.equal(script, [
    '#!/bin/bash',
    '# ModelOps job 20261123-120000-abcdef (model name and log path are on the sbatch command line)',
    '#SBATCH --partition=gpu',
    '#SBATCH --nodes=1',
    '#SBATCH --ntasks=2',
    '#SBATCH --cpus-per-task=8',
    '#SBATCH --gpus=a100:2',
    '#SBATCH --mem=32G',
    '#SBATCH --time=01:00:00',
    '#SBATCH --account=proj',
    '#SBATCH --qos=high',
    '#SBATCH --constraint=a100',
    '#SBATCH --exclusive',
    '',
    'export MODELOPS_JOB_ID=20261123-120000-abcdef',
    `export MODELOPS_MODEL_NAME='x"; rm -rf ~; echo "'`,
    'export MODELOPS_MODEL_VERSION=1.0',
    `export LR='0.1; echo '\\''hi'\\'''`,
    'module load cuda/12.1',
    `module load 'py'\\''thon'`,
    'source venv/bin/activate',
    `cd '/home/u/repo with space/models'`,
    'python train.py --epochs 3',
    '',
  ].join('\n'));
  execFileSync('bash', ['-n'], { input: script }); // valid bash
});

test('the job name, log and working directory go on the command line, quoted', () => {
  const { args, submitCommand } = renderSbatch(base);
  assert.deepEqual(args.slice(0, 2), ['--parsable', `--job-name=${base.modelName}`]);
  // the shell hands sbatch exactly these words
  const words = execFileSync('/bin/sh', ['-c', `set -- ${submitCommand.replace(/^sbatch /, '')}; for a; do printf '%s\\0' "$a"; done`], { encoding: 'utf8' });
  assert.deepEqual(words.split('\0').slice(0, -1), [...args, base.scriptPath]);
});

test('a value that would not stay one token is refused with the key named', () => {
  assert.throws(() => renderSbatch({ ...base, slurm: { partition: 'gpu\n#SBATCH --uid=0' } }), /training\.slurm\.partition: .* is not a valid value for --partition/);
  assert.throws(() => renderSbatch({ ...base, slurm: { mem: '1 G' } }), /training\.slurm\.mem/);
  assert.throws(() => renderSbatch({ ...base, slurm: { nodes: 1.5 } }), /training\.slurm\.nodes must be a positive integer/);
  assert.throws(() => renderSbatch({ ...base, slurm: { extra_directives: ['--a=b --c'] } }), /extra_directives/);
  assert.throws(() => renderSbatch({ ...base, env: { 'A;B': '1' } }), /not a valid environment variable name/);
});

test('secrets are not written into the script; sbatch exports them from its environment', () => {
  const { script, args } = renderSbatch({ ...base, env: {}, secretNames: ['HF_TOKEN'] });
  assert.ok(!script.includes('HF_TOKEN'));
  assert.ok(args.includes('--export=ALL'));
});
