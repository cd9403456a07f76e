// Living leaderboard blocks as minimal text edits: each stale block's own span is replaced, so the
// rest of the document (and whatever the user typed elsewhere) is untouched. Pure (no 'vscode').
import { findBlocks, refreshBlocks, type LivingBlock } from '../core/leaderboard/living';
import type { LeaderboardData } from '../core/leaderboard/types';

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface BlockOutcome {
  /** 1-based line of the block's opening comment. */
  line: number;
  /** Offset of the opening comment (what a CodeLens names the block by). */
  start: number;
  changed: boolean;
  error?: string;
}

export interface BlockEdits {
  edits: OffsetEdit[];
  blocks: BlockOutcome[];
}

/** Edits that bring every block (or only the one opening at `onlyAt`) up to date with the data. */
export function blockEdits(text: string, data: LeaderboardData, onlyAt?: number): BlockEdits {
  const edits: OffsetEdit[] = [];
  const blocks: BlockOutcome[] = [];
  for (const b of findBlocks(text)) {
    if (onlyAt !== undefined && b.start !== onlyAt) continue;
    const outcome = refreshOne(text, b, data);
    blocks.push(outcome.block);
    if (outcome.edit) edits.push(outcome.edit);
  }
  return { edits, blocks };
}

function refreshOne(text: string, b: LivingBlock, data: LeaderboardData): { block: BlockOutcome; edit?: OffsetEdit } {
  if (b.error) return { block: { line: b.line, start: b.start, changed: false, error: b.error } };
  // The block alone, refreshed by the same function the CLI uses; its line numbers are block-relative.
  const own = text.slice(b.start, b.end);
  const r = refreshBlocks(own, data);
  const report = r.blocks[0];
  if (!report) return { block: { line: b.line, start: b.start, changed: false, error: `line ${b.line}: not a leaderboard block` } };
  if (report.error) return { block: { line: b.line, start: b.start, changed: false, error: report.error.replace(/^line \d+:/, `line ${b.line}:`) } };
  if (r.text === own) return { block: { line: b.line, start: b.start, changed: false } };
  return { block: { line: b.line, start: b.start, changed: true }, edit: { start: b.start, end: b.end, newText: r.text } };
}

/** Apply offset edits to a text (for tests and for checking what a WorkspaceEdit will produce). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Where the opening comments are, for CodeLenses (cheap: no table is rendered). */
export function blockStarts(text: string): { line: number; start: number; error?: string }[] {
  return findBlocks(text).map((b) => ({ line: b.line, start: b.start, error: b.error }));
}
