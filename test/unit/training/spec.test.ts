import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveEnv, snapshotEnv } from '../../../src/core/training/env';
import { parseModelSpec } from '../../../src/core/training/spec';

test('reads name, version and training (JSONC allowed)', () => {
  const s = parseModelSpec('m.json', '{\n // a comment\n "model_name": "bert", "model_version": 2, "training": {"command": "python t.py", "target": "slurm",},\n}');
  assert.equal(s.model_name, 'bert');
  assert.equal(s.model_version, '2');
  assert.deepEqual(s.training, { command: 'python t.py', target: 'slurm' });
});

test('clear, located errors', () => {
  assert.throws(() => parseModelSpec('m.json', '{\n  "model_name": "a",\n  "training": {"command": }\n}'), /^Error: m\.json:3:27: ValueExpected$/);
  assert.throws(() => parseModelSpec('m.json', '{"model_name": "a"}'), /m\.json: no "training" block/);
  assert.throws(() => parseModelSpec('m.json', '{"training": {"command": "x"}}'), /"model_name" must be a non-empty string/);
  assert.throws(() => parseModelSpec('m.json', '{"model_name": "a", "training": {"command": " "}}'), /"training\.command" must be a non-empty string/);
  assert.throws(() => parseModelSpec('m.json', '{"model_name": "a", "training": {"command": "x", "target": "cloud"}}'), /"training\.target" must be "local" or "slurm"/);
  assert.throws(() => parseModelSpec('m.json', '{"model_name": "a", "training": {"command": "x", "env": {"A": 1}}}'), /"training\.env\.A" must be a string/);
});

test('env: ${env:NAME} resolved from the launching environment; secrets keep their names only', () => {
  const spec = { LR: '0.1', HF_TOKEN: '${env:HF_TOKEN}', WANDB_PROJECT: 'p', UPLOAD: '${env:S3_SECRET_KEY}', DB_PASSWORD: 'x' };
  const resolved = resolveEnv(spec, { HF_TOKEN: 'hf_abc', S3_SECRET_KEY: 's3' });
  assert.deepEqual(resolved, { LR: '0.1', HF_TOKEN: 'hf_abc', WANDB_PROJECT: 'p', UPLOAD: 's3', DB_PASSWORD: 'x' });
  assert.deepEqual(snapshotEnv(spec, resolved), [
    { name: 'DB_PASSWORD', value: null, secret: true },
    { name: 'HF_TOKEN', value: null, secret: true },
    { name: 'LR', value: '0.1', secret: false },
    { name: 'UPLOAD', value: null, secret: true },
    { name: 'WANDB_PROJECT', value: 'p', secret: false },
  ]);
  assert.throws(() => resolveEnv({ A: '${env:NOPE}' }, {}), /training\.env\.A refers to \$\{env:NOPE\}, which is not set/);
  assert.throws(() => resolveEnv({ 'A B': 'x' }, {}), /not a valid environment variable name/);
});
