// The one VS Code API object of the webview, typed with the leaderboard's messages and state.
import type { WebviewMessage } from '../../src/core/leaderboard/messages';
import type { Query } from '../../src/core/leaderboard/types';
import { vscodeApi } from '../shared/vscodeApi';

/** What survives a reload of the panel. */
export interface SavedState {
  query: Query;
}

const api = vscodeApi<WebviewMessage, SavedState>();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadState(): unknown {
  return api.getState();
}

export function saveState(state: SavedState): void {
  api.setState(state);
}
