// Show Lineage: the dataset graph (datasets → derived datasets → models → results) as a picture in
// a webview. The layout is computed in core; the webview draws it with DOM calls and textContent.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { lineageLayout } from '../core/registryViews/lineage';
import { isFromLineage, type LineageState, type ToLineage } from '../core/registryViews/lineageMessages';
import { displayName } from '../core/registryViews/facts';
import { isViewNode } from './pick';
import type { RegistryStore } from './store';

const RESULTS_LIMIT = 300;

class LineagePanel {
  private focus: string | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly panel: vscode.WebviewPanel, private readonly store: RegistryStore, extensionUri: vscode.Uri, onDispose: () => void) {
    const webview = panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'lineage.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'lineage.css'));
    webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource}; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}">
<title>Lineage</title></head>
<body><header><h1 id="title">Lineage</h1><button id="all" type="button">Show All</button><span id="note"></span></header>
<main id="graph" aria-label="Lineage graph"></main>
<script nonce="${nonce}" src="${script}"></script></body></html>`;
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      store.onDidChange(() => this.post()),
      panel.onDidDispose(() => {
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
  }

  show(focus: string | undefined): void {
    this.focus = focus;
    this.panel.reveal();
    this.post();
  }

  private receive(m: unknown): void {
    if (!isFromLineage(m)) return;
    if (m.type === 'ready') {
      this.ready = true;
      this.post();
    } else if (m.type === 'showAll') {
      this.focus = undefined;
      this.post();
    } else if (this.known(m.uri)) {
      // Like a single click in the Explorer: a preview beside the picture, focus kept on the picture.
      if (m.type === 'open') void vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { preview: true, preserveFocus: true, viewColumn: this.besideColumn() });
      else {
        this.focus = m.uri;
        this.post();
      }
    }
  }

  /** A column other than the picture's, so the picture stays in view. */
  private besideColumn(): vscode.ViewColumn {
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /** Only files of the registry are opened: a message is never trusted to name any path. */
  private known(uri: string): boolean {
    const r = this.store.snapshot;
    return [...r.models, ...r.datasets, ...r.results].some((f) => f.uri === uri);
  }

  private post(): void {
    if (!this.ready) return;
    const r = this.store.snapshot;
    // A focus not (yet) in the registry shows everything but is kept: after a window reload the
    // registry is still loading when the panel comes back.
    const focused = this.focus ? [...r.models, ...r.datasets, ...r.results].find((f) => f.uri === this.focus) : undefined;
    const layout = lineageLayout(r, { focus: focused?.uri, withoutResults: !focused && r.results.length > RESULTS_LIMIT });
    const title = focused ? `Lineage of ${displayName(focused)}` : 'Lineage of the registry';
    this.panel.title = title;
    const message: ToLineage = { type: 'layout', title, layout, ...(focused ? { focus: focused.uri } : {}) };
    void this.panel.webview.postMessage(message);
  }
}

const VIEW_TYPE = 'modelops.lineage';

export function registerLineage(context: vscode.ExtensionContext, store: RegistryStore): vscode.Disposable {
  let current: LineagePanel | undefined;
  const adopt = (panel: vscode.WebviewPanel): LineagePanel => {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
    };
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'modelops-light.svg');
    return (current = new LineagePanel(panel, store, context.extensionUri, () => (current = undefined)));
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.registryShowLineage.id, (arg?: unknown) => {
      const focus = isViewNode(arg) && arg.uri && (arg.type === 'dataset' || arg.type === 'model' || arg.type === 'results') ? arg.uri : undefined;
      (current ?? adopt(vscode.window.createWebviewPanel(VIEW_TYPE, 'Lineage', vscode.ViewColumn.Active, { enableScripts: true }))).show(focus);
    }),
    // After a window reload the panel comes back showing what it showed (its webview kept the focus).
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        if (current) return panel.dispose();
        const focus = typeof state === 'object' && state !== null ? (state as LineageState).focus : undefined;
        adopt(panel).show(typeof focus === 'string' ? focus : undefined);
      },
    }),
  );
}
