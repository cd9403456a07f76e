// Real Slurm and a real sshd for the integration tests: started (idempotently) by the project's
// scripts, shared by the test files running at the same time through a reference count, and
// stopped by the last user if a test started them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '../..');
const STATE = '/var/tmp/modelops-test-infra';
export const SSHD_DIR = process.env.MODELOPS_SSHD_DIR ?? '/var/tmp/modelops-sshd';
export const SSHD_PORT = Number(process.env.MODELOPS_SSHD_PORT ?? 2222);

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 60_000, everyMs = 50): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function withLock<T>(fn: () => T): Promise<T> {
  mkdirSync(STATE, { recursive: true });
  const lock = join(STATE, 'lock');
  await waitFor('the infra lock', () => { try { mkdirSync(lock); return true; } catch { return false; } }, 120_000, 20);
  try { return fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

function script(name: string): string {
  return execFileSync(join(ROOT, 'scripts', name), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function count(part: string, delta: number): number {
  const f = join(STATE, `${part}.users`);
  const n = Math.max(0, (existsSync(f) ? Number(readFileSync(f, 'utf8')) || 0 : 0) + delta);
  writeFileSync(f, String(n));
  return n;
}

/** Starts the part if needed and returns its release function (stops it when the last user leaves, if tests started it). */
export async function use(part: 'slurm' | 'sshd'): Promise<() => Promise<void>> {
  await withLock(() => {
    const out = script(`${part}/start.sh`);
    if (out.endsWith('started')) writeFileSync(join(STATE, `${part}.ours`), '');
    count(part, +1);
  });
  return () => withLock(() => {
    if (count(part, -1) === 0 && existsSync(join(STATE, `${part}.ours`))) {
      script(`${part}/stop.sh`);
      rmSync(join(STATE, `${part}.ours`), { force: true });
    }
  });
}

export const TRAIN_PY = join(ROOT, 'examples', 'training', 'train.py');
export const CLI = join(ROOT, 'src', 'cli', 'main.ts');
/** node arguments that run the CLI from TypeScript from any working directory. */
export const CLI_ARGS = ['--import', pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, CLI];
export { ROOT };
