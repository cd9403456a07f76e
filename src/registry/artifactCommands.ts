// A model's local artifacts: Reveal, and Remove Local Artifact… (to the trash, after a
// confirmation; only inside the workspace, never the model's own file or folder).
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { removableArtifact } from '../core/registryViews/artifacts';
import { isViewNode } from './pick';
import { deleteWithTrash } from './trash';

export function registerArtifactCommands(afterChange: () => void): vscode.Disposable {
  const reg = vscode.commands.registerCommand;
  const artifactOf = (arg: unknown) => (isViewNode(arg) && arg.type === 'artifact' && arg.uri ? arg : undefined);
  return vscode.Disposable.from(
    reg(COMMANDS.registryRevealArtifact.id, async (arg?: unknown) => {
      const node = artifactOf(arg);
      if (!node) return void vscode.window.showInformationMessage('Use "Reveal" on an artifact in the Models view (a model\'s Artifacts).');
      const uri = vscode.Uri.parse(node.uri!);
      if (vscode.workspace.getWorkspaceFolder(uri)) await vscode.commands.executeCommand('revealInExplorer', uri);
      else await vscode.commands.executeCommand('revealFileInOS', uri);
    }),
    reg(COMMANDS.registryRemoveArtifact.id, async (arg?: unknown) => {
      const node = artifactOf(arg);
      if (!node) return void vscode.window.showInformationMessage('Use "Remove Local Artifact…" on an artifact in the Models view (a model\'s Artifacts).');
      const uri = vscode.Uri.parse(node.uri!);
      const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
      const ok = removableArtifact(uri.fsPath, folders, node.ownerUri ? vscode.Uri.parse(node.ownerUri).fsPath : undefined);
      if (!ok.ok) return void vscode.window.showErrorMessage(`Not removed: ${ok.reason}.`);
      const choice = await vscode.window.showWarningMessage(
        `Remove the local artifact ${node.label}?`,
        { modal: true, detail: `${uri.fsPath} (${node.description ?? ''}) will be moved to the trash. The model's metadata keeps naming it.` },
        'Move to Trash',
      );
      if (choice !== 'Move to Trash') return;
      try {
        await deleteWithTrash(uri, node.label, true);
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not remove ${uri.fsPath}: ${(e as Error).message}`);
      }
      afterChange();
    }),
  );
}
