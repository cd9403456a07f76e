// Which registry file a command acts on: the tree item it was invoked on, else the selection of a
// registry view, else one the user picks.
import * as vscode from 'vscode';
import { displayName, versionOf } from '../core/registryViews/facts';
import type { ViewNode } from '../core/registryViews/tree';
import type { Kind } from '../core/metadata/types';
import type { RegistryFile } from '../core/protocol';
import type { RegistryStore } from './store';

export function isViewNode(x: unknown): x is ViewNode {
  return !!x && typeof x === 'object' && typeof (x as ViewNode).id === 'string' && typeof (x as ViewNode).contextValue === 'string';
}

export function filesOf(store: RegistryStore, kinds: readonly Kind[]): RegistryFile[] {
  const r = store.snapshot;
  return [...(kinds.includes('model') ? r.models : []), ...(kinds.includes('dataset') ? r.datasets : []), ...(kinds.includes('results') ? r.results : [])];
}

export async function pickFile(store: RegistryStore, kinds: readonly Kind[], placeHolder: string): Promise<RegistryFile | undefined> {
  const items = filesOf(store, kinds).map((f) => ({
    label: displayName(f),
    description: [f.kind, versionOf(f) ? `v${versionOf(f)}` : undefined].filter(Boolean).join(' · '),
    detail: f.rel,
    file: f,
  }));
  if (!items.length) {
    void vscode.window.showInformationMessage(`The registry has no ${kinds.join(' or ')} files.`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true }))?.file;
}

/** The file behind a node, a URI argument (Explorer menus), or one the user picks. */
export async function fileArgument(store: RegistryStore, arg: unknown, kinds: readonly Kind[], placeHolder: string): Promise<RegistryFile | undefined> {
  const all = filesOf(store, ['model', 'dataset', 'results']);
  const uri = isViewNode(arg) ? arg.uri : arg instanceof vscode.Uri ? arg.toString() : undefined;
  if (uri) {
    const f = all.find((x) => x.uri === uri) ?? all.find((x) => vscode.Uri.parse(x.uri).fsPath === vscode.Uri.parse(uri).fsPath);
    if (f && kinds.includes(f.kind)) return f;
  }
  return pickFile(store, kinds, placeHolder);
}
