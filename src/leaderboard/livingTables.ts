// Living leaderboard tables in markdown: "Update Leaderboard Tables" refreshes every block in the
// workspace, a CodeLens above each block refreshes that one. Edits go through WorkspaceEdit on the
// document as VS Code holds it, so unsaved changes are kept; files that were saved stay saved.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { blockEdits, blockStarts, type BlockOutcome, type OffsetEdit } from './blockEdits';
import { codeLensSetting } from './settings';
import type { LeaderboardSource } from './source';

const MARKER = 'modelops:leaderboard';
const MARKDOWN_GLOB = '**/*.{md,markdown}';

interface FileOutcome {
  uri: vscode.Uri;
  blocks: BlockOutcome[];
  applied: boolean;
}

/** Refresh the blocks of one document (all, or the one opening at `onlyAt`). */
async function refreshDocument(doc: vscode.TextDocument, source: LeaderboardSource, onlyAt?: number): Promise<FileOutcome> {
  const data = await source.data();
  const { edits, blocks } = blockEdits(doc.getText(), data, onlyAt);
  if (!edits.length) return { uri: doc.uri, blocks, applied: true };
  const wasDirty = doc.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, range(doc, e), e.newText);
  const applied = await vscode.workspace.applyEdit(edit);
  // A file nobody was editing is saved (as the CLI would write it); one with unsaved work stays dirty.
  if (applied && !wasDirty) await doc.save();
  return { uri: doc.uri, blocks, applied };
}

function range(doc: vscode.TextDocument, e: OffsetEdit): vscode.Range {
  return new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end));
}

/** Markdown files of the workspace that contain a block: open documents as they are, others read from disk. */
async function documentsWithBlocks(): Promise<vscode.TextDocument[]> {
  const uris = await vscode.workspace.findFiles(MARKDOWN_GLOB, '**/node_modules/**');
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const docs: vscode.TextDocument[] = [];
  for (const uri of uris) {
    const doc = open.get(uri.toString());
    const text = doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (text.includes(MARKER)) docs.push(doc ?? (await vscode.workspace.openTextDocument(uri)));
  }
  return docs;
}

export function summarize(outcomes: readonly FileOutcome[]): { message: string; errors: string[] } {
  const blocks = outcomes.flatMap((o) => o.blocks);
  const changed = outcomes.filter((o) => o.applied).flatMap((o) => o.blocks).filter((b) => b.changed).length;
  const files = outcomes.filter((o) => o.applied && o.blocks.some((b) => b.changed)).length;
  const errors = outcomes.flatMap((o) => [
    ...o.blocks.filter((b) => b.error).map((b) => `${vscode.workspace.asRelativePath(o.uri)}:${b.error}`),
    ...(o.applied ? [] : [`${vscode.workspace.asRelativePath(o.uri)}: the edit was refused`]),
  ]);
  if (!blocks.length) return { message: 'No leaderboard tables (<!-- modelops:leaderboard ... --> blocks) in the workspace\'s markdown files.', errors };
  const s = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const message = changed
    ? `Updated ${s(changed, 'leaderboard table')} of ${blocks.length} in ${s(files, 'file')}.`
    : `All ${s(blocks.length, 'leaderboard table')} already up to date.`;
  return { message, errors };
}

async function report(outcomes: FileOutcome[], log: vscode.LogOutputChannel): Promise<void> {
  const { message, errors } = summarize(outcomes);
  log.info(`leaderboard: ${message}`);
  for (const e of errors) log.warn(`leaderboard: ${e}`);
  if (errors.length) {
    const pick = await vscode.window.showWarningMessage(`${message} ${errors.length} block${errors.length === 1 ? '' : 's'} could not be refreshed: ${errors[0]}`, 'Show Details');
    if (pick) log.show(true);
  } else void vscode.window.showInformationMessage(message);
}

class BlockLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  refresh(): void { this.changed.fire(); }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!codeLensSetting()) return [];
    const text = doc.getText();
    if (!text.includes(MARKER)) return [];
    return blockStarts(text).map((b) => {
      const at = new vscode.Range(doc.positionAt(b.start), doc.positionAt(b.start));
      return new vscode.CodeLens(at, b.error
        ? { title: `Leaderboard block: ${b.error.replace(/^line \d+: /, '')}`, command: '' }
        : { title: 'Refresh leaderboard', command: COMMANDS.leaderboardRefreshBlock.id, arguments: [doc.uri.toString(), b.start], tooltip: 'Re-render this table from the registry' });
    });
  }
}

export function registerLivingTables(source: LeaderboardSource, log: vscode.LogOutputChannel): vscode.Disposable {
  const lenses = new BlockLenses();
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, lenses),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('modelops.leaderboard')) lenses.refresh(); }),
    vscode.commands.registerCommand(COMMANDS.leaderboardUpdateTables.id, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Updating leaderboard tables' }, async () => {
        const outcomes: FileOutcome[] = [];
        for (const doc of await documentsWithBlocks()) outcomes.push(await refreshDocument(doc, source));
        await report(outcomes, log);
        return outcomes.flatMap((o) => o.blocks).filter((b) => b.changed).length;
      })),
    vscode.commands.registerCommand(COMMANDS.leaderboardRefreshBlock.id, async (uri?: unknown, start?: unknown) => {
      if (typeof uri !== 'string' || typeof start !== 'number') return;
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const outcome = await refreshDocument(doc, source, start);
      const b = outcome.blocks[0];
      if (!b) void vscode.window.showWarningMessage('That leaderboard block moved; run the lens again from its new place.');
      else if (b.error) void vscode.window.showWarningMessage(`Leaderboard block not refreshed: ${b.error}`);
      else void vscode.window.setStatusBarMessage(b.changed ? 'Leaderboard table refreshed' : 'Leaderboard table already up to date', 4000);
    }),
  );
}
