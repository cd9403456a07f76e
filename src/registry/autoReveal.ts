// Like the Explorer's autoReveal: the active editor's metadata file is selected in its registry
// view (Models, Datasets or Results) when that view is visible. It never opens the side bar.
import * as vscode from 'vscode';
import type { Kind } from '../core/metadata/types';
import type { ViewId, ViewNode } from '../core/registryViews/tree';
import type { RegistryTreeProvider } from './treeProvider';

const VIEW_OF: Partial<Record<Kind, ViewId>> = { model: 'models', dataset: 'datasets', results: 'results' };

export function registerAutoReveal(providers: readonly RegistryTreeProvider[], views: readonly vscode.TreeView<ViewNode>[]): vscode.Disposable {
  const reveal = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !vscode.workspace.getConfiguration('modelops').get<boolean>('registry.autoReveal', true)) return;
    const uri = editor.document.uri.toString();
    const file = providers[0]?.registryTree.file(uri);
    const at = providers.findIndex((p) => file && p.view === VIEW_OF[file.kind]);
    const view = views[at];
    // Already selected (also one of a multi-selection being made with Ctrl+click): leave it.
    if (!view?.visible || view.selection.some((n) => n.uri === uri)) return;
    const node = await providers[at].registryTree.find(providers[at].view, uri);
    if (node) await view.reveal(node, { select: true, focus: false, expand: false });
  };
  const soon = () => void reveal().catch(() => undefined); // a view refreshed meanwhile: the next change tries again
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(soon),
    ...views.map((v) => v.onDidChangeVisibility((e) => { if (e.visible) soon(); })),
  );
}
