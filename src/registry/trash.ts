// Deleting to the trash, where there is one: remote workspaces (code-server, SSH, containers) have
// none, so after a failed trash move the user is asked before anything is deleted for good.
import * as vscode from 'vscode';

/** true when deleted (to the trash, or permanently after a second yes); false when the user kept it. */
export async function deleteWithTrash(uri: vscode.Uri, what: string, recursive = false): Promise<boolean> {
  try {
    await vscode.workspace.fs.delete(uri, { recursive, useTrash: true });
    return true;
  } catch (e) {
    if (!(await vscode.workspace.fs.stat(uri).then(() => true, () => false))) return true;
    const choice = await vscode.window.showWarningMessage(
      `${what} cannot be moved to the trash here. Delete it permanently?`,
      { modal: true, detail: `${uri.fsPath}\n\n${(e as Error).message}` },
      'Delete Permanently',
    );
    if (choice !== 'Delete Permanently') return false;
    await vscode.workspace.fs.delete(uri, { recursive, useTrash: false });
    return true;
  }
}
