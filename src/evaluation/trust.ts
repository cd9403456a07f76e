// Evaluation runs model files and dataset commands write files: both wait for workspace trust.
import * as vscode from 'vscode';
import { UNTRUSTED_MESSAGE } from './ui';

/** True when the workspace is trusted; otherwise says why nothing happens and offers to manage trust. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((a) => {
    if (a) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** Opens a file (at a 1-based line when given) for a person to fix. */
export async function openAt(file: string, line?: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
}

export function workspaceRoot(file?: string): string | undefined {
  const folder = file ? vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file)) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath;
}
