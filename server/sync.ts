// Keeps the indexes current: open documents (as typed), watched files (as saved, created, deleted),
// config files and settings (re-index the folder). Tells the client what changed: a diagnostics
// refresh for the files that were not edited themselves, and modelops/indexChanged for the views.
import { stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Connection, FileEvent, TextDocuments } from 'vscode-languageserver';
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { listJsonFiles } from '../src/core/registry/walk';
import type { WorkspaceIndex } from '../src/core/registry/workspaceIndex';
import { indexChangedNotification, type IndexChangedParams } from '../src/core/protocol';
import { pathToUri, uriToPath } from './paths';
import type { Workspaces } from './workspaces';

/** Quiet time after typing before dependents are re-checked and the views told. */
const SETTLE_MS = 150;

export class Sync {
  /** The document version last written into an index, per open path. */
  private readonly indexed = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private pendingUris = new Set<string>();
  private pendingReindex = false;
  private notifyTimer: NodeJS.Timeout | undefined;
  refreshSupported = false;
  /** Disk events and re-indexing, one at a time; queries wait for them to finish. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspaces: Workspaces,
    /** Called when a folder is re-indexed (its config, a team schema or settings changed). */
    private readonly onReindex: () => void = () => {},
  ) {}

  /** Runs a job after the ones before it; a failing job is logged and does not block the queue. */
  enqueue(job: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(job).catch((e) => this.log(e));
    return this.queue;
  }

  /** Resolves when queued disk events and re-indexing are done. */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Writes an open document's current text into its index, if it changed since. */
  async flush(uri: string): Promise<void> {
    await this.queue;
    const doc = this.documents.get(uri);
    const path = uriToPath(uri);
    if (!doc || !path) return;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (this.indexed.get(path) === doc.version) return;
    const index = await this.workspaces.indexFor(path);
    // Another flush may have run while the index loaded.
    if (!index || this.indexed.get(path) === doc.version) return;
    this.indexed.set(path, doc.version);
    // Opening a file shows what is on disk: the index has checked that text already.
    const text = doc.getText();
    if (index.get(path)?.text === text) return;
    this.changed(index.update(path, text), path);
  }

  async flushAll(): Promise<void> {
    await this.queue;
    for (const d of this.documents.all()) await this.flush(d.uri);
  }

  /** Typing: the document itself is re-checked when the client pulls; dependents after a pause. */
  edited(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => void this.flush(uri).catch((e) => this.log(e)), SETTLE_MS));
  }

  /** A closed document falls back to its text on disk. */
  closed(uri: string): Promise<void> {
    const path = uriToPath(uri);
    if (!path) return Promise.resolve();
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.indexed.delete(path);
    return this.enqueue(async () => {
      for (const index of await this.owners(path)) this.changed(await index.refresh(path), path);
    });
  }

  isOpen(path: string): boolean {
    return !!this.documents.get(pathToUri(path));
  }

  /** didChangeWatchedFiles: config files re-index their folders, other files are re-read. */
  watched(changes: FileEvent[]): Promise<void> {
    return this.enqueue(() => this.applyWatched(changes));
  }

  private async applyWatched(events: FileEvent[]): Promise<void> {
    const changes = await this.expandFolders(events);
    const reload = new Set<string>();
    for (const c of changes) {
      const path = uriToPath(c.uri);
      if (!path) continue;
      for (const f of this.workspaces.foldersConfiguredBy(path)) reload.add(f.path);
    }
    for (const folder of reload) await this.load(folder);
    for (const c of changes) {
      const path = uriToPath(c.uri);
      if (!path || this.isOpen(path) || [...reload].some((f) => this.workspaces.folderOf(path)?.path === f)) continue;
      for (const index of await this.owners(path)) {
        this.changed(c.type === FileChangeType.Deleted ? index.remove(path) : await index.refresh(path), undefined);
      }
    }
  }

  /**
   * Folder events as events of the registry files in them: VS Code reports a deleted or moved
   * folder once, not per file, and a folder made with its files at once may come as one event.
   * Other events of files that are not JSON are dropped.
   */
  private async expandFolders(events: FileEvent[]): Promise<FileEvent[]> {
    const out: FileEvent[] = [];
    const deleted: string[] = [];
    for (const e of events) {
      const path = uriToPath(e.uri);
      if (!path || path.endsWith('.json')) out.push(e);
      else if (e.type === FileChangeType.Deleted) deleted.push(path + sep);
      else if (e.type === FileChangeType.Created && (await stat(path).catch(() => undefined))?.isDirectory()) {
        for (const rel of await listJsonFiles(path)) out.push({ uri: pathToUri(join(path, rel)), type: FileChangeType.Created });
      }
    }
    if (deleted.length) {
      const held = new Set<string>();
      for (const index of [...this.workspaces.all().map((f) => f.index), ...this.workspaces.looseIndexes()]) {
        for (const p of index.paths()) if (deleted.some((d) => p.startsWith(d))) held.add(p);
      }
      for (const p of held) out.push({ uri: pathToUri(p), type: FileChangeType.Deleted });
    }
    return out;
  }

  /** Rebuilds a folder's index (its config or settings changed) and puts the open documents back. */
  reindex(folderPath: string): Promise<void> {
    return this.enqueue(() => this.load(folderPath));
  }

  private async load(folderPath: string): Promise<void> {
    const folder = await this.workspaces.load(folderPath);
    this.onReindex();
    if (folder.problem) void this.connection.window.showWarningMessage(folder.problem);
    for (const d of this.documents.all()) {
      const path = uriToPath(d.uri);
      if (path && this.workspaces.folderOf(path) === folder) {
        folder.index.update(path, d.getText());
        this.indexed.set(path, d.version);
      }
    }
    this.pendingReindex = true;
    this.schedule();
  }

  /** The indexes a path belongs to: the one that should own it, and any already holding it. */
  private async owners(path: string): Promise<WorkspaceIndex[]> {
    const own = await this.workspaces.indexFor(path);
    return [...new Set([...(own ? [own] : []), ...this.workspaces.indexesHolding(path)])];
  }

  /** Records changed paths; the edited document itself needs no refresh (its pull is under way). */
  private changed(paths: string[], edited: string | undefined): void {
    if (!paths.length) return;
    for (const p of paths) this.pendingUris.add(pathToUri(p));
    if (paths.some((p) => p !== edited)) this.needsRefresh = true;
    this.schedule();
  }

  private needsRefresh = false;
  private waiters: (() => void)[] = [];

  /** Resolves at the next change of any index (for a workspace diagnostics request held open). */
  nextChange(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }

  private schedule(): void {
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      const params: IndexChangedParams = { uris: [...this.pendingUris].sort(), reindexed: this.pendingReindex };
      const refresh = this.needsRefresh || this.pendingReindex;
      this.pendingUris = new Set();
      this.pendingReindex = false;
      this.needsRefresh = false;
      void this.connection.sendNotification(indexChangedNotification.method, params);
      for (const w of this.waiters.splice(0)) w();
      if (refresh && this.refreshSupported) this.connection.languages.diagnostics.refresh().catch((e) => this.log(e));
    }, 30);
  }

  private log(e: unknown): void {
    this.connection.console.error(`modelops: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  }
}
