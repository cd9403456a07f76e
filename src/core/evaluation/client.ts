// Runs an EvaluationJob in a separate worker process, so the caller (the extension host, the
// CLI) never loads onnxruntime. Progress arrives as callbacks; an aborted signal cancels the run
// and the promise rejects with EvaluationError('cancelled').
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cancelled, EvaluationError } from './errors';
import type { EvaluationJob, EvaluationResult, Progress } from './job';
import { isFromWorker, type ToWorker } from './protocol';

export interface WorkerRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** The worker script; default dist/evalWorker.js beside this bundle, or worker.ts under tsx. */
  workerPath?: string;
  /** How long a cancelled worker may take to stop before it is killed. Default 5000 ms. */
  killAfterMs?: number;
}

/** Where the worker script is: the bundle next to the running bundle, else the TypeScript source. */
export function defaultWorker(): { path: string; execArgv: string[] } {
  const bundled = join(__dirname, 'evalWorker.js');
  if (existsSync(bundled)) return { path: bundled, execArgv: [] };
  return { path: join(__dirname, 'worker.ts'), execArgv: ['--import', 'tsx'] };
}

export function runInWorker(job: EvaluationJob, options: WorkerRunOptions = {}): Promise<EvaluationResult> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(cancelled());
  const w = options.workerPath
    ? { path: options.workerPath, execArgv: options.workerPath.endsWith('.ts') ? ['--import', 'tsx'] : [] }
    : defaultWorker();
  return new Promise<EvaluationResult>((resolve, reject) => {
    const child = fork(w.path, [], { execArgv: w.execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-4000); });

    let exited = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // The worker exits by itself after its last message; make sure no process outlives the run.
      if (!exited) setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 2000).unref();
      f();
    };
    // A failed send means the worker is gone; its 'exit' says how, so the error is dropped here.
    const post = (m: ToWorker) => { if (child.connected) child.send(m, (e) => void e); };
    function onAbort() {
      post({ type: 'cancel' });
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 5000);
      killTimer.unref();
    }
    signal?.addEventListener('abort', onAbort);

    child.on('message', (m: unknown) => {
      if (!isFromWorker(m)) return;
      if (m.type === 'ready') post({ type: 'start', job });
      else if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'result') settle(() => (signal?.aborted ? reject(cancelled()) : resolve(m.result)));
      else settle(() => reject(signal?.aborted ? cancelled() : new EvaluationError(m.kind, m.message)));
    });
    child.on('error', (e) => settle(() => reject(signal?.aborted
      ? cancelled()
      : new EvaluationError('worker', child.pid === undefined
        ? `cannot start the evaluation worker ${w.path}: ${e.message}`
        : `lost contact with the evaluation worker: ${e.message}`))));
    child.on('exit', (code, sig) => {
      exited = true;
      if (killTimer) clearTimeout(killTimer);
      // SIGINT: Ctrl-C reached the worker's process group, maybe before it could ignore it.
      settle(() => reject(signal?.aborted || sig === 'SIGINT'
        ? cancelled()
        : new EvaluationError('worker', `the evaluation worker stopped (${sig ?? `exit code ${code}`}) before it finished${stderr.trim() ? `:\n${stderr.trim()}` : ''}`)));
    });
  });
}
