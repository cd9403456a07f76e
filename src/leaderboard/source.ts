// The leaderboard's data, from the language server's registry: fetched on demand, cached, and
// dropped when the server says the index changed (listeners hear once per burst of changes).
import * as vscode from 'vscode';
import type { LeaderboardData } from '../core/leaderboard/types';
import type { IndexChangedParams, RegistryResult } from '../core/protocol';
import { rowsFromRegistry } from './registryRows';

/** What the leaderboard needs of the language client. */
export interface RegistryClient {
  registry(): Promise<RegistryResult>;
  onIndexChanged: vscode.Event<IndexChangedParams>;
}

export class LeaderboardSource implements vscode.Disposable {
  private cached: Promise<LeaderboardData> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly client: RegistryClient) {
    this.subscription = client.onIndexChanged(() => {
      this.cached = undefined;
      // The server sends one notification per re-indexed batch; coalesce a burst into one refresh.
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.timer = undefined; this.changed.fire(); }, 100);
    });
  }

  data(): Promise<LeaderboardData> {
    if (!this.cached) {
      const p = this.client.registry().then(rowsFromRegistry);
      p.catch(() => { if (this.cached === p) this.cached = undefined; });
      this.cached = p;
    }
    return this.cached;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
