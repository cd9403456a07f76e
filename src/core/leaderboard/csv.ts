// A leaderboard table as CSV (csv-stringify): the shown columns and rows, metrics at full precision.
import { stringify } from 'csv-stringify/sync';
import type { LeaderboardData, Query, Table } from './types';
import { applyQuery, cellValue } from './query';

export function tableToCsv(table: Table): string {
  const records = table.rows.map(({ row, rank }) => table.columns.map((c) => {
    const v = cellValue(row, c, rank ?? NaN);
    return v === undefined ? '' : typeof v === 'number' ? String(v) : neutralise(v);
  }));
  return stringify(records, { header: true, columns: table.columns.map((c) => c.label), record_delimiter: '\n' });
}

export function toCsv(data: LeaderboardData, query: Query = {}): string {
  return tableToCsv(applyQuery(data, query));
}

/** Text starting with = + - @ is a formula to a spreadsheet; a leading quote keeps it text. */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
