// One registry view (Models, Datasets or Results): RegistryTree's plain nodes as TreeItems.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { RegistryTree, type ModelGrouping, type ViewId, type ViewNode } from '../core/registryViews/tree';
import { decorationUri } from './decorations';
import type { RegistryStore } from './store';

export const VIEW_IDS: Record<ViewId, string> = {
  models: 'modelops.models',
  datasets: 'modelops.datasets',
  results: 'modelops.results',
};

export interface ViewState {
  filter: string;
  modelGrouping: ModelGrouping;
}

/** Markdown from files is data: untrusted, no HTML; only codicons are rendered. */
export function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export class RegistryTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private tree: RegistryTree;
  private readonly subscription: vscode.Disposable;

  constructor(readonly view: ViewId, private readonly store: RegistryStore, readonly state: ViewState) {
    this.tree = this.build();
    this.subscription = store.onDidChange(() => this.rebuild());
  }

  private build(): RegistryTree {
    return new RegistryTree(this.store.snapshot, { filter: this.state.filter, modelGrouping: this.state.modelGrouping });
  }

  /** After a new snapshot, a filter or a grouping change. */
  rebuild(): void {
    this.tree = this.build();
    this.changed.fire(undefined);
  }

  get registryTree(): RegistryTree {
    return this.tree;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node) return this.tree.children(node);
    if (!this.store.loaded) {
      // Before the first answer: a row saying so (an empty list would show the welcome buttons).
      return this.store.error ? [info(`${this.view}/error`, 'The language server is not answering', this.store.error)] : [];
    }
    const roots = this.tree.roots(this.view);
    if (!roots.length && this.state.filter) {
      return [info(`${this.view}/nomatch`, `Nothing matches "${this.state.filter}"`, 'Clear the filter to see everything.')];
    }
    return roots;
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return this.tree.parent(node);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const state = !node.expandable
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.tooltip) item.tooltip = markdown(node.tooltip);
    item.iconPath = new vscode.ThemeIcon(node.icon, node.type === 'missing' ? new vscode.ThemeColor('list.warningForeground') : undefined);
    if (node.problems) item.resourceUri = decorationUri(node);
    if (node.uri && (node.type === 'model' || node.type === 'dataset' || node.type === 'results')) {
      item.command = { command: COMMANDS.registryOpen.id, title: 'Open', arguments: [node] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function info(id: string, label: string, tooltip: string): ViewNode {
  return { id, type: 'missing', label, tooltip, icon: 'info', contextValue: 'modelops.info', expandable: false };
}
