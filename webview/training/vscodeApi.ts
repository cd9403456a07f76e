// The one VS Code API object of the Training Run webview, typed with its messages and state.
import type { FromRun } from '../../src/core/training/messages';
import { vscodeApi } from '../shared/vscodeApi';

/** What survives the panel being hidden and shown again (the webview reloads then). */
export interface SavedState {
  logScale: boolean;
}

const api = vscodeApi<FromRun, Partial<SavedState>>();

export function post(message: FromRun): void {
  api.postMessage(message);
}

export function loadState(): SavedState {
  const s = api.getState();
  return { logScale: s?.logScale === true };
}

export function saveState(state: SavedState): void {
  api.setState(state);
}
