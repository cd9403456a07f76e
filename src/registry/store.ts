// The latest registry snapshot from the language server, refreshed when the index changes.
// Requests are async and coalesced: a burst of changes costs one request, and nothing waits on it.
import * as vscode from 'vscode';
import type { IndexChangedParams, RegistryResult } from '../core/protocol';

export interface FileChange {
  path: string;
  type: 'created' | 'changed' | 'deleted';
}

export interface RegistrySource {
  registry(): Promise<RegistryResult>;
  onIndexChanged: vscode.Event<IndexChangedParams>;
  /** Tells the server about files the extension wrote, without waiting for the file watcher. */
  filesChanged?(changes: FileChange[]): void;
}

const EMPTY: RegistryResult = { roots: [], models: [], datasets: [], results: [] };
/** Changes arrive per keystroke while a file is edited; one snapshot per pause is enough. */
const SETTLE_MS = 250;
const MAX_WAIT_MS = 2000;

export class RegistryStore implements vscode.Disposable {
  private current: RegistryResult = EMPTY;
  private loadedOnce = false;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPending: number | undefined;
  private readonly changed = new vscode.EventEmitter<RegistryResult>();
  readonly onDidChange = this.changed.event;
  /** The last request's failure (the server is starting or stopped), shown in the views. */
  error: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: RegistrySource) {
    this.subscription = source.onIndexChanged(() => this.schedule());
  }

  get snapshot(): RegistryResult {
    return this.current;
  }

  get loaded(): boolean {
    return this.loadedOnce;
  }

  private schedule(): void {
    const now = Date.now();
    this.firstPending ??= now;
    if (this.timer) clearTimeout(this.timer);
    // A steady stream of changes (a large import) still refreshes every MAX_WAIT_MS.
    const wait = Math.max(0, Math.min(SETTLE_MS, this.firstPending + MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.firstPending = undefined;
      void this.refresh();
    }, wait);
  }

  /** After the extension wrote or deleted registry files: the server re-reads them, the views follow. */
  filesChanged(changes: FileChange[]): void {
    if (!changes.length) return;
    this.source.filesChanged?.(changes);
    this.schedule();
  }

  /** Fetches a new snapshot; concurrent calls share one request and one follow-up. */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = (async () => {
      do {
        this.again = false;
        try {
          this.current = await this.source.registry();
          this.error = undefined;
          this.loadedOnce = true;
        } catch (e) {
          this.error = e instanceof Error ? e.message : String(e);
        }
      } while (this.again);
      this.inFlight = undefined;
      this.changed.fire(this.current);
    })();
    return this.inFlight;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
