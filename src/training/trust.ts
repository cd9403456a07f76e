// Training runs commands from model specs: not in Restricted Mode.
import * as vscode from 'vscode';

export const UNTRUSTED_MESSAGE =
  'ModelOps training is disabled in Restricted Mode: training runs the command written in the model spec, so it only runs in a workspace you trust.';

/** True when the workspace is trusted; otherwise explains why not and offers to manage trust. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window.showWarningMessage(UNTRUSTED_MESSAGE, manage).then((a) => {
    if (a === manage) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
