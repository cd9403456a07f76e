// The language server: capabilities, lifecycle, and the wiring of each feature to one context.
import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import type { Context } from './context';
import { registerDiagnostics } from './diagnostics';
import { registerHover } from './hover';
import { JsonServices } from './jsonServices';
import { registerLayout } from './layout';
import { Lines } from './lines';
import { registerNavigation } from './navigation';
import { uriToPath } from './paths';
import { registerRegistry } from './registry';
import { SettingsCache } from './settingsCache';
import { registerSymbols } from './symbols';
import { Sync } from './sync';
import { Workspaces } from './workspaces';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const workspaces = new Workspaces((folder) => settings.get(folder));
  const json = new JsonServices();
  // Team schemas may have changed: the JSON services cache what they loaded.
  const sync = new Sync(connection, documents, workspaces, () => json.clear());
  let markReady!: () => void;
  const ctx: Context = {
    connection, documents, workspaces, sync, settings, json, lines: new Lines(documents),
    ready: new Promise<void>((r) => (markReady = r)),
  };
  let folders: string[] = [];
  let folderEvents = false;
  let workDoneProgress = false;
  /** The settings each folder was indexed with: only a change to these re-indexes. */
  const indexedWith = new Map<string, string>();
  const indexKey = async (folder: string) => {
    const s = await settings.get(folder);
    return JSON.stringify([s.configFile, s.registries]);
  };

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    settings.supported = !!caps.workspace?.configuration;
    sync.refreshSupported = !!caps.workspace?.diagnostics?.refreshSupport;
    folderEvents = !!caps.workspace?.workspaceFolders;
    workDoneProgress = !!caps.window?.workDoneProgress;
    folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []))
      .map(uriToPath).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['"', ':', '/'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        diagnosticProvider: { identifier: 'modelops', interFileDependencies: true, workspaceDiagnostics: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'modelops-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    // A large registry takes a moment: show it in the status bar when the client can.
    const progress = workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('ModelOps: indexing metadata');
    try {
      for (const f of folders) {
        progress?.report(`${f}`);
        const folder = await workspaces.load(f);
        indexedWith.set(folder.path, await indexKey(folder.path));
        if (folder.problem) void connection.window.showWarningMessage(folder.problem);
      }
    } catch (e) {
      connection.console.error(`modelops: indexing failed: ${(e as Error).stack ?? e}`);
    } finally {
      progress?.done();
      markReady();
    }
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        for (const r of e.removed) { const p = uriToPath(r.uri); if (p) { workspaces.unload(p); indexedWith.delete(p); } }
        for (const a of e.added) {
          const p = uriToPath(a.uri);
          if (p) { await sync.reindex(p); indexedWith.set(p, await indexKey(p)); }
        }
      });
    }
  });

  connection.onDidChangeConfiguration(async () => {
    await ctx.ready;
    settings.clear();
    for (const folder of workspaces.all()) {
      const key = await indexKey(folder.path);
      if (indexedWith.get(folder.path) !== key) {
        indexedWith.set(folder.path, key);
        await sync.reindex(folder.path);
      }
    }
    // Severity settings change every report without changing the index.
    if (sync.refreshSupported) void connection.languages.diagnostics.refresh();
  });

  documents.onDidChangeContent((e) => sync.edited(e.document.uri));
  documents.onDidClose((e) => {
    ctx.json.forget(e.document.uri);
    void ctx.ready.then(() => sync.closed(e.document.uri));
  });
  connection.onDidChangeWatchedFiles(async (params) => {
    await ctx.ready;
    await sync.watched(params.changes);
  });

  registerDiagnostics(ctx);
  registerCompletion(ctx);
  registerHover(ctx);
  registerNavigation(ctx);
  registerSymbols(ctx);
  registerCodeActions(ctx);
  registerRegistry(ctx);
  registerLayout(ctx);

  documents.listen(connection);
  connection.listen();
}
