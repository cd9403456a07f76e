// DatasetSanitizer.validate → ValidationResult{valid, errors, warnings, stats}: rows, columns
// with inferred types, missing values per column, label distribution, duplicates. Row by row.
import { createHash } from 'node:crypto';
import type { Row } from './types';
import { isMissing } from './types';

export type InferredType = 'integer' | 'number' | 'boolean' | 'string' | 'object' | 'mixed' | 'empty';

export interface ColumnStats {
  name: string;
  type: InferredType;
  missing: number;
}

export interface DatasetStats {
  rows: number;
  columns: ColumnStats[];
  /** Label value → count, when a label column was named and exists. */
  label_distribution?: Record<string, number>;
  duplicates: number;
}

export interface ValidationIssue {
  message: string;
  /** 1-based data row, when the issue is about one row. */
  row?: number;
  column?: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  stats: DatasetStats;
}

export interface ValidateOptions {
  labelColumn?: string;
  requiredColumns?: string[];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function cellType(v: unknown): InferredType {
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'object') return 'object';
  const s = String(v).trim();
  if (INTEGER.test(s)) return 'integer';
  if (NUMBER.test(s)) return 'number';
  if (s === 'true' || s === 'false') return 'boolean';
  return 'string';
}

function merge(a: InferredType, b: InferredType): InferredType {
  if (a === 'empty' || a === b) return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'mixed';
}

/** Collects stats row by row; `result()` gives the verdict. */
export class DatasetValidator {
  private rows = 0;
  private duplicates = 0;
  private readonly columns = new Map<string, { type: InferredType; present: number; missing: number }>();
  private readonly labels = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly errors: ValidationIssue[] = [];

  constructor(private readonly options: ValidateOptions = {}) {}

  add(row: Row): void {
    this.rows += 1;
    for (const [name, v] of Object.entries(row)) {
      let c = this.columns.get(name);
      if (!c) {
        // A column first seen late was missing in every earlier row.
        c = { type: 'empty', present: 0, missing: this.rows - 1 };
        this.columns.set(name, c);
      }
      c.present += 1;
      if (isMissing(v)) c.missing += 1;
      else c.type = merge(c.type, cellType(v));
    }
    for (const [name, c] of this.columns) if (!(name in row)) c.missing += 1;
    const label = this.options.labelColumn;
    if (label && label in row && !isMissing(row[label])) {
      const k = String(row[label]);
      this.labels.set(k, (this.labels.get(k) ?? 0) + 1);
    }
    const key = createHash('sha1').update(JSON.stringify(Object.entries(row))).digest('base64');
    if (this.seen.has(key)) this.duplicates += 1;
    else this.seen.add(key);
  }

  /** A problem found outside the rows (e.g. a parse error); makes the dataset invalid. */
  addError(issue: ValidationIssue): void {
    this.errors.push(issue);
  }

  result(): ValidationResult {
    const errors = [...this.errors];
    const warnings: ValidationIssue[] = [];
    const columns = [...this.columns].map(([name, c]) => ({ name, type: c.type, missing: c.missing }));
    const stats: DatasetStats = { rows: this.rows, columns, duplicates: this.duplicates };
    if (this.rows === 0 && errors.length === 0) errors.push({ message: 'the dataset has no rows' });
    const { labelColumn, requiredColumns = [] } = this.options;
    for (const col of requiredColumns) {
      if (this.rows > 0 && !this.columns.has(col)) errors.push({ message: `required column '${col}' does not exist`, column: col });
    }
    if (labelColumn && this.rows > 0) {
      if (!this.columns.has(labelColumn)) {
        errors.push({ message: `label column '${labelColumn}' does not exist; columns: ${[...this.columns.keys()].join(', ')}`, column: labelColumn });
      } else {
        stats.label_distribution = Object.fromEntries([...this.labels].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        if (this.labels.size === 1) warnings.push({ message: `label column '${labelColumn}' holds a single class`, column: labelColumn });
      }
    }
    for (const c of columns) {
      if (c.missing > 0) {
        const list = requiredColumns.includes(c.name) || c.name === labelColumn ? errors : warnings;
        list.push({ message: `column '${c.name}' has ${c.missing} missing value${c.missing === 1 ? '' : 's'}`, column: c.name });
      }
      if (c.type === 'mixed') warnings.push({ message: `column '${c.name}' mixes value types`, column: c.name });
    }
    if (this.duplicates > 0) warnings.push({ message: `${this.duplicates} duplicate row${this.duplicates === 1 ? '' : 's'}` });
    return { valid: errors.length === 0, errors, warnings, stats };
  }
}

/** In-memory validate. */
export function validate(rows: readonly Row[], options: ValidateOptions = {}): ValidationResult {
  const v = new DatasetValidator(options);
  for (const r of rows) v.add(r);
  return v.result();
}
