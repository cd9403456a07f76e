// DatasetSanitizer.sanitize: drops empty rows, exact duplicates and rows missing required
// columns; strips control characters; optionally scrubs e-mail addresses and phone numbers.
// Row by row, so it runs over a stream; the report says what was removed and why.
import { createHash } from 'node:crypto';
import type { Row } from './types';
import { isMissing } from './types';

export interface SanitizeOptions {
  /** Rows with any of these columns absent or empty are dropped. */
  requiredColumns?: string[];
  dropEmpty?: boolean; // default true
  dropDuplicates?: boolean; // default true
  stripControlCharacters?: boolean; // default true
  /** Replace e-mail addresses and phone numbers in text cells. Default false. */
  scrubPii?: boolean;
}

export type RemovalReason = 'empty' | 'duplicate' | 'missing_required';

export interface SanitizeReport {
  rows_in: number;
  rows_out: number;
  removed: Record<RemovalReason, number>;
  /** Cells changed, by what was done. */
  modified: { control_characters: number; emails: number; phones: number };
  /** The first removed rows (1-based data row numbers), to show a person. */
  examples: { row: number; reason: RemovalReason; detail?: string }[];
}

// Control characters other than tab, newline and carriage return.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// Groups of digits joined by spaces, hyphens or parentheses, optionally with a leading +country
// code: "+1 555 123 4567", "(555) 123-4567", "555-1234". Dots are not separators, so decimals
// such as 1234.5678 survive. Matches with fewer than 7 digits are left alone.
const PHONE = /(?<![\w.])(?:\+\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?)?\d{2,4}(?:[ -]\d{2,4}){1,4}(?![\w.])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_EXAMPLES = 20;

export function emptyReport(): SanitizeReport {
  return {
    rows_in: 0,
    rows_out: 0,
    removed: { empty: 0, duplicate: 0, missing_required: 0 },
    modified: { control_characters: 0, emails: 0, phones: 0 },
    examples: [],
  };
}

/** A row-by-row sanitizer: `apply` returns the cleaned row or undefined when it is dropped. */
export class DatasetSanitizer {
  readonly report = emptyReport();
  private readonly seen = new Set<string>();
  private readonly options: Required<SanitizeOptions>;

  constructor(options: SanitizeOptions = {}) {
    this.options = {
      requiredColumns: options.requiredColumns ?? [],
      dropEmpty: options.dropEmpty ?? true,
      dropDuplicates: options.dropDuplicates ?? true,
      stripControlCharacters: options.stripControlCharacters ?? true,
      scrubPii: options.scrubPii ?? false,
    };
  }

  apply(row: Row, index = this.report.rows_in + 1): Row | undefined {
    this.report.rows_in += 1;
    const o = this.options;
    const cleaned: Row = {};
    for (const [k, v] of Object.entries(row)) cleaned[k] = typeof v === 'string' ? this.cleanText(v) : v;
    if (o.dropEmpty && Object.values(cleaned).every(isMissing)) return this.drop(index, 'empty');
    const missing = o.requiredColumns.filter((c) => isMissing(cleaned[c]));
    if (missing.length) return this.drop(index, 'missing_required', missing.join(', '));
    if (o.dropDuplicates) {
      // A digest rather than the row itself keeps memory small on big files.
      const key = createHash('sha1').update(JSON.stringify(Object.entries(cleaned))).digest('base64');
      if (this.seen.has(key)) return this.drop(index, 'duplicate');
      this.seen.add(key);
    }
    this.report.rows_out += 1;
    return cleaned;
  }

  private cleanText(v: string): string {
    let s = v;
    if (this.options.stripControlCharacters) {
      const t = s.replace(CONTROL, '');
      if (t !== s) this.report.modified.control_characters += 1;
      s = t;
    }
    if (this.options.scrubPii) {
      s = s.replace(EMAIL, () => { this.report.modified.emails += 1; return '[EMAIL]'; });
      s = s.replace(PHONE, (m) => {
        if (m.replace(/\D/g, '').length < 7 || ISO_DATE.test(m)) return m;
        this.report.modified.phones += 1;
        return '[PHONE]';
      });
    }
    return s;
  }

  private drop(row: number, reason: RemovalReason, detail?: string): undefined {
    this.report.removed[reason] += 1;
    if (this.report.examples.length < MAX_EXAMPLES) this.report.examples.push(detail ? { row, reason, detail } : { row, reason });
    return undefined;
  }
}

/** In-memory sanitize. */
export function sanitize<T extends Row>(rows: readonly T[], options: SanitizeOptions = {}): { rows: Row[]; report: SanitizeReport } {
  const s = new DatasetSanitizer(options);
  const out: Row[] = [];
  rows.forEach((r, i) => { const c = s.apply(r, i + 1); if (c) out.push(c); });
  return { rows: out, report: s.report };
}
