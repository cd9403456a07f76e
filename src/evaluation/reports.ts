// Read-only markdown reports (a comparison's ranking, a validation) shown as a markdown preview of
// an in-memory document: nothing to save, nothing written to the workspace.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'modelops-report';

export class Reports implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows `markdown` as a preview titled by `name` (a later report of the same name replaces it). */
  async show(name: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name.replace(/[\\/]/g, '-')}.md` });
    this.texts.set(uri.toString(), markdown);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // No markdown preview (the built-in extension disabled): the text itself still reads well.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
