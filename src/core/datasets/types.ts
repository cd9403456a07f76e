// Rows as the dataset readers yield them.
import type { DataFormat } from '../metadata/types';

export type { DataFormat };

/** One cell: CSV gives strings; JSON and JSONL give whatever the file holds. */
export type Cell = unknown;

/** One row: column name → cell. */
export type Row = Record<string, Cell>;

/** A row with where it came from, for located error messages. */
export interface LocatedRow {
  row: Row;
  /** 1-based data row (headers not counted). */
  index: number;
  /** 1-based line where the row starts; absent for CSV with quoted fields (csvLineOf finds it on demand). */
  line?: number;
}

/** A data file and how to read it. */
export interface DataSource {
  path: string;
  format: DataFormat;
}

/** A problem in a data file, with its place. */
export class DatasetError extends Error {
  constructor(message: string, readonly file?: string, readonly line?: number) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** True when a cell holds nothing (absent, null, or only whitespace). */
export function isMissing(cell: Cell): boolean {
  return cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '');
}
