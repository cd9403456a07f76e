// A leaderboard table as plain records (the CLI's --format json): column id → raw value.
import type { Table } from './types';
import { cellValue } from './query';

export function tableToRecords(table: Table): Record<string, string | number | null>[] {
  return table.rows.map(({ row, rank }) => {
    const out: Record<string, string | number | null> = {};
    for (const c of table.columns) out[c.id] = cellValue(row, c, rank ?? NaN) ?? null;
    return out;
  });
}
