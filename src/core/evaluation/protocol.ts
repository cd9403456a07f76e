// Messages between the extension/CLI and the evaluation worker process, typed once for both
// sides, with runtime guards because IPC delivers untyped values.
import type { EvaluationErrorKind } from './errors';
import type { EvaluationJob, EvaluationResult, Progress } from './job';

export type ToWorker =
  | { type: 'start'; job: EvaluationJob }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: EvaluationResult }
  | { type: 'error'; kind: EvaluationErrorKind; message: string };

const isRecord = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;

export function isToWorker(m: unknown): m is ToWorker {
  if (!isRecord(m)) return false;
  return (m.type === 'start' && isRecord(m.job)) || m.type === 'cancel';
}

export function isFromWorker(m: unknown): m is FromWorker {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'ready': return true;
    case 'progress': return isRecord(m.progress) && typeof m.progress.rows === 'number' && typeof m.progress.fraction === 'number';
    case 'result': return isRecord(m.result);
    case 'error': return typeof m.kind === 'string' && typeof m.message === 'string';
    default: return false;
  }
}
