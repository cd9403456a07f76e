// A throwaway workspace (a git repository) with train.py and model files, for end-to-end runs.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRAIN_PY } from './infra';

export interface Workspace {
  root: string;
  /** Writes models/<file> with this model spec; returns its path. */
  model(file: string, spec: unknown): string;
}

export function makeWorkspace(prefix = 'modelops-train-'): Workspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  copyFileSync(TRAIN_PY, join(root, 'train.py'));
  mkdirSync(join(root, 'models'));
  execFileSync('git', ['init', '-q', root]);
  execFileSync('git', ['-C', root, '-c', 'user.email=t@t', '-c', 'user.name=t', 'add', 'train.py']);
  execFileSync('git', ['-C', root, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-q', '-m', 'init']);
  return {
    root,
    model(file, spec) {
      const p = join(root, 'models', file);
      writeFileSync(p, JSON.stringify(spec, null, 2));
      return p;
    },
  };
}

/** A model spec running train.py from the workspace root with these arguments. */
export function trainSpec(name: string, args: string, extra: Record<string, unknown> = {}): unknown {
  return {
    model_name: name,
    model_version: '1.0.0',
    training: { command: `python3 ../train.py --model "$MODELOPS_MODEL_NAME" ${args}`, ...extra },
  };
}
