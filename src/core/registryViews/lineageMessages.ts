// Messages between the lineage webview and the extension, typed once for both sides.
import type { LineageLayout } from './lineage';

/** Extension → webview. */
export type ToLineage =
  /** `focus`: the file whose lineage is shown (absent: the whole registry), kept by the webview
   *  so that a window reload reopens the same picture. */
  | { type: 'layout'; title: string; layout: LineageLayout; focus?: string };

/** What the lineage webview keeps across hiding and window reloads. */
export interface LineageState {
  scrollX?: number;
  scrollY?: number;
  focus?: string;
}

/** Webview → extension. */
export type FromLineage =
  | { type: 'ready' }
  | { type: 'open'; uri: string }
  | { type: 'focus'; uri: string }
  | { type: 'showAll' };

/** A runtime guard: a webview message arrives untyped. */
export function isFromLineage(m: unknown): m is FromLineage {
  if (!m || typeof m !== 'object') return false;
  const { type, uri } = m as { type?: unknown; uri?: unknown };
  if (type === 'ready' || type === 'showAll') return true;
  return (type === 'open' || type === 'focus') && typeof uri === 'string' && uri.length < 4096;
}
