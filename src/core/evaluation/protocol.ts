// Messages between the extension/CLI and the evaluation worker process, typed once for both
// sides, with runtime guards because IPC delivers untyped values.
import type { EvaluationErrorKind } from './errors';
import type { EvaluationJob, EvaluationResult } from './job';

export type ToWorker =
  | { type: 'start'; job: EvaluationJob }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; rows: number; total?: number }
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
    case 'progress': return typeof m.rows === 'number';
    case 'result': return isRecord(m.result);
    case 'error': return typeof m.kind === 'string' && typeof m.message === 'string';
    default: return false;
  }
}
