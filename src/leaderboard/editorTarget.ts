// Which editor a table goes into: the text editor that had focus last. Focusing the leaderboard
// panel leaves activeTextEditor undefined, so the last real one is remembered here.
import * as vscode from 'vscode';
import { insertionText } from './insertion';

export class EditorTarget implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = usable(vscode.window.activeTextEditor);
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((e) => { if (usable(e)) this.last = e; });

  /** The focused text editor, else the last one that had focus while its document is still open. */
  get editor(): vscode.TextEditor | undefined {
    const active = usable(vscode.window.activeTextEditor);
    if (active) return active;
    return this.last && !this.last.document.isClosed ? this.last : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Output and debug consoles are text editors too, but not places for a table. */
function usable(e: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
  return e && !['output', 'debug', 'vscode-scm'].includes(e.document.uri.scheme) ? e : undefined;
}

/**
 * Put the table at the editor's cursor (replacing a selection). A visible editor is edited
 * directly (undo works as usual); a hidden one through a WorkspaceEdit at its last cursor.
 */
export async function insertTable(editor: vscode.TextEditor, table: string): Promise<boolean> {
  const doc = editor.document;
  const sel = editor.selection;
  const start = doc.lineAt(sel.start.line);
  const end = doc.lineAt(sel.end.line);
  const text = insertionText(table, {
    before: start.text.slice(0, sel.start.character),
    after: end.text.slice(sel.end.character),
    eol: doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    previousLine: sel.start.line > 0 ? doc.lineAt(sel.start.line - 1).text : undefined,
  });
  if (vscode.window.visibleTextEditors.includes(editor)) {
    const ok = await editor.edit((b) => b.replace(sel, text));
    if (ok) editor.revealRange(new vscode.Range(sel.start, sel.start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return ok;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, sel, text);
  return vscode.workspace.applyEdit(edit);
}
