// What a command was invoked on: a Jobs view row, a Models view row, or a file in the explorer/editor.
// Pure (no 'vscode' at run time): the shapes are checked, never trusted.
import type { JobRecord } from '../core/training/job';


/** A job record passed by a Jobs view row. */
export function jobArg(arg: unknown): JobRecord | undefined {
  const j = arg as Partial<JobRecord> | undefined;
  return j && typeof j === 'object' && typeof j.job_id === 'string' && typeof j.log_path === 'string' && typeof j.status === 'string' && j.snapshot && j.model ? (j as JobRecord) : undefined;
}

/**
 * The model file a Train… was invoked on, as a URI string: a Models view row (`{type: 'model', uri}`)
 * or a Uri from the explorer or the editor title/context menu.
 */
export function modelUriArg(arg: unknown): string | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const o = arg as Record<string, unknown>;
  if (typeof o.uri === 'string' && (o.type === 'model' || o.type === 'group')) return o.uri;
  if (typeof o.scheme === 'string' && typeof o.fsPath === 'string' && typeof o.toString === 'function') return String(o.toString());
  return undefined;
}
