// A test client that drives the real language server (dist/server.js) over stdio.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

export const SERVER = resolve('dist/server.js');

export const uri = (path: string) => URI.file(resolve(path)).toString();

export interface StartOptions {
  folders: string[];
  /** What workspace/configuration answers for section `modelops`. */
  settings?: Record<string, unknown>;
}

export class LspClient {
  readonly docs = new Map<string, TextDocument>();
  readonly notifications: { method: string; params: unknown }[] = [];
  refreshes = 0;
  stderr = '';
  settings: Record<string, unknown>;

  private constructor(readonly proc: ChildProcess, readonly conn: MessageConnection, options: StartOptions) {
    this.settings = options.settings ?? {};
  }

  static async start(options: StartOptions): Promise<LspClient> {
    const proc = spawn(process.execPath, [...(process.env.MODELOPS_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn, options);
    proc.stderr!.on('data', (d) => (client.stderr += d));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => client.settings));
    conn.onRequest('workspace/diagnostic/refresh', () => { client.refreshes++; return null; });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    // vscode-jsonrpc routes $/progress to progress handlers, never to the catch-all below.
    conn.onUnhandledProgress((params) => { client.notifications.push({ method: '$/progress', params }); });
    // Messages for the user arrive as requests (showWarningMessage sends one); kept with the notifications.
    conn.onRequest('window/showMessageRequest', (params) => { client.notifications.push({ method: 'window/showMessageRequest', params }); return null; });
    conn.onNotification((method, params) => { client.notifications.push({ method, params }); });
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.folders.map((f) => ({ uri: uri(f), name: f })),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        window: { workDoneProgress: true },
        textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
      },
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  open(path: string, text = readFileSync(path, 'utf8')): TextDocument {
    const doc = TextDocument.create(uri(path), 'modelops-json', 1, text);
    this.docs.set(resolve(path), doc);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: doc.languageId, version: 1, text } });
    return doc;
  }

  /** Incremental edits (or a whole new text), applied to our copy too. */
  change(path: string, edits: TextEdit[] | string): TextDocument {
    const old = this.docs.get(resolve(path))!;
    const changes = typeof edits === 'string' ? [{ text: edits }] : edits.map((e) => ({ range: e.range, text: e.newText }));
    const doc = TextDocument.update(old, changes, old.version + 1);
    this.docs.set(resolve(path), doc);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: doc.uri, version: doc.version }, contentChanges: changes });
    return doc;
  }

  close(path: string): void {
    this.docs.delete(resolve(path));
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uri(path) } });
  }

  watched(changes: { path: string; type: 1 | 2 | 3 }[]): void {
    void this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: uri(c.path), type: c.type })) });
  }

  async diagnostics(path: string): Promise<Diagnostic[]> {
    const r = await this.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: uri(path) } });
    return r.items ?? [];
  }

  async workspaceDiagnostics(): Promise<Map<string, Diagnostic[]>> {
    const r = await this.request<{ items: { uri: string; items?: Diagnostic[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    return new Map(r.items.map((i) => [URI.parse(i.uri).fsPath, i.items ?? []]));
  }

  position(path: string, needle: string, delta = 0): Position {
    const doc = this.docs.get(resolve(path))!;
    const at = doc.getText().indexOf(needle);
    if (at < 0) throw new Error(`${needle} not in ${path}`);
    return doc.positionAt(at + delta);
  }

  async stop(): Promise<void> {
    if (this.alive) {
      const exited = new Promise((r) => this.proc.once('exit', r));
      const deadline = new Promise((r) => setTimeout(r, 5000).unref());
      await Promise.race([this.request('shutdown', null).then(() => this.conn.sendNotification('exit')).then(() => exited), deadline]);
    }
    this.conn.dispose();
    if (this.alive) this.proc.kill();
  }
}

/** Polls until `check` returns a truthy value, or fails with the last value after `ms`. */
export async function until<T>(check: () => T | Promise<T>, ms = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const fixturePath = (...p: string[]) => join('test', 'fixtures', ...p);
