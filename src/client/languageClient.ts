// Starts the ModelOps language server (dist/server.js over IPC) and exposes its custom requests to
// the rest of the extension: the registry snapshot and the index-changed events.
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { COMMANDS } from '../commands';
import { indexChangedNotification, registryRequest, type IndexChangedParams, type RegistryParams, type RegistryResult } from '../core/protocol';
import { SETTINGS_SECTION } from '../core/settings';

/** The language the server's documents carry (see package.json contributes.languages). */
export const LANGUAGE_ID = 'modelops-json';

export class ModelOpsClient implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<IndexChangedParams>();
  /** Fires when registry files changed on disk or in an editor, or a folder was re-indexed. */
  readonly onIndexChanged = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  private constructor(readonly client: LanguageClient) {}

  static async start(context: vscode.ExtensionContext): Promise<ModelOpsClient> {
    const module = context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }],
      // Settings are pulled by the server (workspace/configuration); this only announces changes.
      synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watcher },
      diagnosticPullOptions: { onChange: true, onSave: true },
    };
    const client = new LanguageClient('modelops', 'ModelOps Language Server', serverOptions, clientOptions);
    const self = new ModelOpsClient(client);
    // Folders, which '**/*.json' never matches: VS Code reports a deleted or moved folder once (not
    // per file), and a folder made together with its files (git checkout, unzip) may come as one event.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const forward = (type: 'created' | 'deleted') => (u: vscode.Uri) => {
      if (u.scheme === 'file' && !u.path.endsWith('.json') && !/\/(\.git|node_modules|\.modelops)(\/|$)/.test(u.path)) self.filesChanged([{ path: u.fsPath, type }]);
    };
    self.disposables.push(
      watcher,
      folders,
      folders.onDidCreate(forward('created')),
      folders.onDidDelete(forward('deleted')),
      client.onNotification(indexChangedNotification, (p) => self.changed.fire(p)),
      vscode.commands.registerCommand(COMMANDS.restartServer.id, () => client.restart()),
      vscode.commands.registerCommand(COMMANDS.showServerOutput.id, () => client.outputChannel.show(true)),
    );
    await client.start();
    return self;
  }

  registry(params: RegistryParams = {}): Promise<RegistryResult> {
    return this.client.sendRequest(registryRequest, params);
  }

  /**
   * Files the extension itself wrote or deleted, told to the server at once: the file watcher can
   * be late (or miss files made right after their folder) on a busy or remote file system.
   */
  filesChanged(changes: { path: string; type: 'created' | 'changed' | 'deleted' }[]): void {
    const type: Record<string, FileChangeType> = { created: FileChangeType.Created, changed: FileChangeType.Changed, deleted: FileChangeType.Deleted };
    void this.client.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map((c) => ({ uri: vscode.Uri.file(c.path).toString(), type: type[c.type] })),
    });
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
