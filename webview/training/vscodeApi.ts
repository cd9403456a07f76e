// The one VS Code API object of the Training Run webview, typed with its messages and state.
import type { FromRun } from '../../src/core/training/messages';
import { vscodeApi } from '../shared/vscodeApi';

/** What survives the panel being hidden and shown again, or a window reload (the extension
 *  reads jobId to bring the panel back for the same job). */
export interface SavedState {
  logScale: boolean;
  jobId?: string;
}

const api = vscodeApi<FromRun, Partial<SavedState>>();

export function post(message: FromRun): void {
  api.postMessage(message);
}

export function loadState(): SavedState {
  const s = api.getState();
  return { logScale: s?.logScale === true, ...(typeof s?.jobId === 'string' ? { jobId: s.jobId } : {}) };
}

export function saveState(state: SavedState): void {
  api.setState(state);
}
