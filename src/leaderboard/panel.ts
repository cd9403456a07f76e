// The leaderboard webview panel: HTML with a strict CSP, a `ready` handshake before the first data,
// every incoming message checked by the core's guard, and the actions (open a row's file, insert,
// copy, export CSV). The webview keeps its own query with setState; nothing is retained hidden.
import * as vscode from 'vscode';
import { applyQuery, tableToCsv, tableToMarkdown } from '../core/leaderboard';
import { isWebviewMessage, type ExtensionMessage } from '../core/leaderboard/messages';
import type { LeaderboardData, Query } from '../core/leaderboard/types';
import { writeFileAtomic } from './atomicWrite';
import { insertTable, type EditorTarget } from './editorTarget';
import { leaderboardHtml, newNonce } from './html';
import { queryWithDefaultDigits, shownDigits } from './digits';
import { digitsSetting } from './settings';
import type { LeaderboardSource } from './source';

export const VIEW_TYPE = 'modelops.leaderboard';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  source: LeaderboardSource;
  target: EditorTarget;
  log: vscode.LogOutputChannel;
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class LeaderboardPanel {
  private ready = false;
  private data: LeaderboardData = { rows: [], columns: [] };
  private readonly disposables: vscode.Disposable[] = [];
  /** This panel's digits came from the setting (not yet from the user's own query). */
  private fromSetting = false;

  /**
   * @param query the webview's query as far as the extension knows it: its saved state when the
   * panel is restored after a reload, {} for a new panel; kept current from `queryChanged`.
   */
  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps, onDispose: () => void, private query: Query = {}) {
    const webview = panel.webview;
    webview.options = panelOptions(deps.extensionUri);
    const bundle = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = leaderboardHtml({ cspSource: webview.cspSource, scriptUri: bundle('leaderboard.js'), styleUri: bundle('leaderboard.css'), nonce: newNonce() });
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'modelops-light.svg');
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.source.onDidChange(() => void this.push()),
      panel.onDidDispose(() => {
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
  }

  private async receive(m: unknown): Promise<void> {
    if (!isWebviewMessage(m)) {
      this.deps.log.warn(`leaderboard: ignored a malformed message from the webview: ${JSON.stringify(m)?.slice(0, 200)}`);
      return;
    }
    try {
      switch (m.type) {
        case 'ready':
          // A reloaded webview starts over: it says ready again and gets the data again.
          this.ready = true;
          await this.push();
          this.applyDigitsSetting();
          break;
        case 'queryChanged':
          this.query = m.query; // the webview keeps it itself (setState); this only mirrors it
          this.fromSetting = false; // the webview saved this query, digits included
          break;
        case 'openRow':
          await this.openRow(m.id);
          break;
        case 'insertMarkdown':
          await this.insert(m.query);
          break;
        case 'copyMarkdown':
          await this.copy(m.query);
          break;
        case 'exportCsv':
          await this.exportCsv(m.query);
          break;
      }
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      this.deps.log.error(`leaderboard: ${m.type} failed: ${text}`);
      this.status('error', text);
    }
  }

  private async push(): Promise<void> {
    if (!this.ready) return;
    try {
      this.data = await this.deps.source.data();
    } catch (e) {
      this.status('error', `Could not read the registry: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.post({ type: 'data', data: this.data });
  }

  private post(message: ExtensionMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private status(level: 'info' | 'error', text: string): void {
    this.post({ type: 'status', level, text });
  }

  /** The row is looked up in the data this panel sent: a message never names a path itself. */
  private async openRow(id: string): Promise<void> {
    const row = this.data.rows.find((r) => r.id === id);
    if (!row) return;
    const uri = vscode.Uri.file(row.modelPath ?? row.sourcePath);
    const beside = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(uri, { viewColumn: beside, preview: true });
  }

  /**
   * A new panel starts with the digits setting unless its query already chose digits. The webview
   * saves only queries the user made, so after it is re-created the setting is sent again.
   */
  private applyDigitsSetting(): void {
    const q = queryWithDefaultDigits(this.query, digitsSetting());
    if (q) this.query = q;
    if (q || this.fromSetting) {
      this.fromSetting = true;
      this.post({ type: 'setQuery', query: this.query });
    }
  }

  /** The table exactly as the webview shows it for this query. */
  private table(query: Query) {
    return { table: applyQuery(this.data, query), digits: shownDigits(query) };
  }

  private async insert(query: Query): Promise<void> {
    const editor = this.deps.target.editor;
    if (!editor) {
      this.status('error', 'No editor to insert into: click into a document where the table should go, then Insert again.');
      return;
    }
    const { table, digits } = this.table(query);
    const ok = await insertTable(editor, tableToMarkdown(table, digits));
    const name = editor.document.uri.path.split('/').pop();
    this.status(ok ? 'info' : 'error', ok ? `Inserted ${table.rows.length} rows into ${name}.` : `Could not edit ${name}.`);
  }

  private async copy(query: Query): Promise<void> {
    const { table, digits } = this.table(query);
    await vscode.env.clipboard.writeText(tableToMarkdown(table, digits));
    this.status('info', `Copied ${table.rows.length} rows as markdown.`);
  }

  private async exportCsv(query: Query): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export Leaderboard as CSV',
      defaultUri: folder && vscode.Uri.joinPath(folder, 'leaderboard.csv'),
      filters: { CSV: ['csv'] },
      saveLabel: 'Export',
    });
    if (!target) return; // cancelled (the dialog itself asked before replacing a file)
    const { table } = this.table(query);
    const csv = tableToCsv(table);
    if (target.scheme === 'file') await writeFileAtomic(target.fsPath, csv);
    else await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(csv));
    this.status('info', `Exported ${table.rows.length} rows to ${target.path.split('/').pop()}.`);
  }
}
