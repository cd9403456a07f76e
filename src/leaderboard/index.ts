// The leaderboard in VS Code: the webview panel, "Insert Leaderboard as Markdown Table" from the
// palette, and living tables (update command + CodeLens). Wired in src/extension.ts by one line.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { toMarkdown, type Query } from '../core/leaderboard';
import { isQuery } from '../core/leaderboard/messages';
import { EditorTarget, insertTable } from './editorTarget';
import { registerLivingTables } from './livingTables';
import { LeaderboardPanel, panelOptions, VIEW_TYPE, type PanelDeps } from './panel';
import { datasetChoices, metricChoices, paletteQuery } from './paletteQuery';
import { digitsSetting } from './settings';
import { LeaderboardSource, type RegistryClient } from './source';

export function registerLeaderboard(context: vscode.ExtensionContext, client: RegistryClient): vscode.Disposable {
  const source = new LeaderboardSource(client);
  const target = new EditorTarget();
  const log = vscode.window.createOutputChannel('ModelOps Leaderboard', { log: true });
  const deps: PanelDeps = { extensionUri: context.extensionUri, source, target, log };
  let current: LeaderboardPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel, query?: Query) => (current = new LeaderboardPanel(panel, deps, () => (current = undefined), query));

  return vscode.Disposable.from(
    source, target, log,
    vscode.commands.registerCommand(COMMANDS.leaderboardOpen.id, () => {
      if (current) { current.panel.reveal(); return; }
      // Beside the document being edited, so Insert puts the table where both stay in view.
      const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
      adopt(vscode.window.createWebviewPanel(VIEW_TYPE, 'Leaderboard', column, panelOptions(context.extensionUri)));
    }),
    // After a window reload the panel comes back; its webview restores its query from getState.
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        const saved = typeof state === 'object' && state !== null ? (state as { query?: unknown }).query : undefined;
        adopt(panel, isQuery(saved) ? saved : {});
      },
    }),
    vscode.commands.registerCommand(COMMANDS.leaderboardInsertMarkdown.id, () => insertFromPalette(source, target)),
    registerLivingTables(source, log),
  );
}

/** Quick picks for dataset and rank metric, then the table at the cursor of the focused editor. */
async function insertFromPalette(source: LeaderboardSource, target: EditorTarget): Promise<void> {
  const editor = target.editor;
  if (!editor) {
    void vscode.window.showWarningMessage('Open a document and put the cursor where the leaderboard table should go.');
    return;
  }
  const data = await source.data();
  if (!data.rows.length) {
    void vscode.window.showWarningMessage('The registry has no results yet: no model has metrics on a dataset.');
    return;
  }
  const dataset = await vscode.window.showQuickPick(datasetChoices(data), { title: 'Insert Leaderboard (1/2): dataset', placeHolder: 'Which dataset\'s results?' });
  if (!dataset) return;
  const metric = await vscode.window.showQuickPick(metricChoices(data, dataset.value), { title: 'Insert Leaderboard (2/2): rank by', placeHolder: 'Which metric decides the rank?' });
  if (!metric) return;
  const query = paletteQuery(data, dataset.value, metric.value, digitsSetting());
  const ok = await insertTable(editor, toMarkdown(data, query));
  if (!ok) void vscode.window.showErrorMessage(`Could not edit ${vscode.workspace.asRelativePath(editor.document.uri)}.`);
}
