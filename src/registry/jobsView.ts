// The Jobs view's slot: empty (its welcome text shows) until the training feature hands it a provider.
import * as vscode from 'vscode';

export const JOBS_VIEW_ID = 'modelops.jobs';

export class JobsViewSlot implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private delegate: vscode.TreeDataProvider<unknown> | undefined;
  private delegateChanged: vscode.Disposable | undefined;
  private readonly changed = new vscode.EventEmitter<unknown>();
  readonly onDidChangeTreeData = this.changed.event;

  /** The training feature fills the Jobs view with this; disposing the result empties it again. */
  setProvider<T>(provider: vscode.TreeDataProvider<T>): vscode.Disposable {
    this.delegateChanged?.dispose();
    this.delegate = provider as vscode.TreeDataProvider<unknown>;
    this.delegateChanged = provider.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire(undefined);
    return new vscode.Disposable(() => {
      if (this.delegate !== provider) return;
      this.delegate = undefined;
      this.delegateChanged?.dispose();
      this.changed.fire(undefined);
    });
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.delegate!.getTreeItem(element);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.delegate ? this.delegate.getChildren(element) : [];
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.delegate?.getParent?.(element);
  }

  dispose(): void {
    this.delegateChanged?.dispose();
    this.changed.dispose();
  }
}
