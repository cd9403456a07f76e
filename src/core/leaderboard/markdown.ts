// A leaderboard table as GitHub markdown (markdown-table), numbers right-aligned, names escaped.
import { markdownTable } from 'markdown-table';
import { NUMERIC_KINDS, type LeaderboardData, type Query, type Table } from './types';
import { applyQuery, clampDigits, formatCell } from './query';

/**
 * Cell text that cannot break the table or turn into markup: newlines become spaces, `|` and
 * markdown/HTML punctuation are backslash-escaped (so `<img onerror=...>` shows as text).
 */
export function escapeCell(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\|<>[\]`*]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (m) => m.replace('_', '\\_'));
}

/** A table already run through the query, as markdown. */
export function tableToMarkdown(table: Table, digits?: number): string {
  const d = clampDigits(digits);
  const header = table.columns.map((c) => escapeCell(c.label));
  const body = table.rows.map(({ row, rank }) => table.columns.map((c) => escapeCell(formatCell(row, c, rank ?? NaN, d))));
  const align = table.columns.map((c) => (NUMERIC_KINDS.includes(c.kind) ? 'r' : 'l'));
  return markdownTable([header, ...body], { align });
}

/** The query's table as markdown: what the webview shows, the command inserts and the CLI prints. */
export function toMarkdown(data: LeaderboardData, query: Query = {}): string {
  return tableToMarkdown(applyQuery(data, query), query.digits);
}
