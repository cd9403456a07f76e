// The decisions behind the dataset commands (Split…, Sample…, Sanitize…, Validate Data), free of
// 'vscode' so they are unit-tested: input checks, quick-pick items, messages, the validation report.
import { basename, relative } from 'node:path';
import { markdownTable } from 'markdown-table';
import type { SanitizeOptions, SanitizeReport } from '../core/datasets/sanitize';
import type { ValidationIssue, ValidationResult } from '../core/datasets/validate';
import { escapeCell } from '../core/leaderboard/markdown';

// ---- input boxes: each returns an error text for validateInput, or undefined when fine ----

export function ratioProblem(text: string): string | undefined {
  const t = text.trim();
  const n = Number(t);
  if (!t || !Number.isFinite(n)) return 'A number between 0 and 1, such as 0.8';
  if (n <= 0 || n >= 1) return 'The train ratio must be strictly between 0 and 1';
  return undefined;
}

export function seedProblem(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return 'A whole number ≥ 0 (the same seed gives the same rows)';
  return undefined;
}

/** A sample size: a whole number ≥ 1, and no more than the rows when they are known. */
export function sampleSizeProblem(text: string, rows?: number): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || !Number.isSafeInteger(Number(t))) return 'A whole number ≥ 1';
  if (rows !== undefined && Number(t) > rows) return `The dataset has ${rows.toLocaleString('en')} rows; a sample can hold at most that many`;
  return undefined;
}

/** What to offer as the sample size: a tenth of the rows (at least 1, at most 1000), or 100. */
export function defaultSampleSize(rows?: number): number {
  if (rows === undefined || rows < 1) return 100;
  return Math.max(1, Math.min(1000, Math.round(rows / 10)));
}

// ---- quick picks ----

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  value: T;
}

/** Columns to stratify by or to read labels from, with a "none" choice first. */
export function columnItems(columns: readonly string[], none: string, prefer?: string): PickItem<string | undefined>[] {
  const guess = prefer && columns.includes(prefer) ? prefer : columns.find((c) => /^(label|labels|class|target|y|species|category)$/i.test(c));
  const items: PickItem<string | undefined>[] = columns.map((c) => ({ label: c, value: c, ...(c === guess ? { description: 'looks like the label column' } : {}) }));
  if (guess) items.sort((a, b) => (a.value === guess ? -1 : b.value === guess ? 1 : 0));
  return [{ label: none, value: undefined }, ...items];
}

type SanitizeFlag = 'dropEmpty' | 'dropDuplicates' | 'stripControlCharacters' | 'scrubPii';

/** The sanitize switches, with the core's defaults picked. */
export function sanitizeOptionItems(): PickItem<SanitizeFlag>[] {
  return [
    { label: 'Drop empty rows', description: 'rows whose every cell is empty', picked: true, value: 'dropEmpty' },
    { label: 'Drop exact duplicates', description: 'keep the first of identical rows', picked: true, value: 'dropDuplicates' },
    { label: 'Strip control characters', description: 'other than tab and newlines', picked: true, value: 'stripControlCharacters' },
    { label: 'Scrub PII', description: 'replace e-mail addresses and phone numbers in text cells', picked: false, value: 'scrubPii' },
  ];
}

export function sanitizeOptions(picked: readonly SanitizeFlag[], requiredColumns: readonly string[]): SanitizeOptions {
  return {
    dropEmpty: picked.includes('dropEmpty'),
    dropDuplicates: picked.includes('dropDuplicates'),
    stripControlCharacters: picked.includes('stripControlCharacters'),
    scrubPii: picked.includes('scrubPii'),
    ...(requiredColumns.length ? { requiredColumns: [...requiredColumns] } : {}),
  };
}

// ---- messages ----

export function overwriteQuestion(file: string, root?: string): string {
  return `${root ? relative(root, file) : basename(file)} already exists. Overwrite it (and the other files this operation writes)?`;
}

export function writtenMessage(action: string, written: readonly { metadataFile: string; metadata: { rows?: number } }[], root?: string): string {
  const parts = written.map((w) => `${root ? relative(root, w.metadataFile) : basename(w.metadataFile)}${typeof w.metadata.rows === 'number' ? ` (${w.metadata.rows.toLocaleString('en')} rows)` : ''}`);
  return `${action}: wrote ${parts.join(' and ')}.`;
}

export function sanitizeSummary(r: SanitizeReport): string {
  const removed = Object.entries(r.removed).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why.replace('_', ' ')}`);
  const names: Record<string, string> = { control_characters: 'cells with control characters', emails: 'e-mail addresses', phones: 'phone numbers' };
  const changed = Object.entries(r.modified).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${names[what] ?? what}`);
  return `kept ${r.rows_out} of ${r.rows_in} rows${removed.length ? `; removed ${removed.join(', ')}` : ''}${changed.length ? `; replaced ${changed.join(', ')}` : ''}`;
}

function issueLine(i: ValidationIssue): string {
  const where = [i.row !== undefined ? `row ${i.row}` : undefined, i.column !== undefined ? `column ${escapeCell(i.column)}` : undefined].filter(Boolean).join(', ');
  return `- ${where ? `${where}: ` : ''}${escapeCell(i.message)}`;
}

/** A ValidationResult as a readable markdown report: verdict, problems, then the stats tables. */
export function validationMarkdown(name: string, dataFile: string, r: ValidationResult, root?: string): string {
  const s = r.stats;
  const out = [
    `# Validation of ${escapeCell(name)}`,
    '',
    `Data file: \`${(root ? relative(root, dataFile) : dataFile).replace(/`/g, '')}\``,
    '',
    r.valid ? `**Valid** — ${s.rows.toLocaleString('en')} rows, ${s.columns.length} columns, ${r.warnings.length} warning(s).`
      : `**Not valid** — ${r.errors.length} error(s), ${r.warnings.length} warning(s).`,
    '',
  ];
  if (r.errors.length) out.push('## Errors', '', ...r.errors.map(issueLine), '');
  if (r.warnings.length) out.push('## Warnings', '', ...r.warnings.map(issueLine), '');
  out.push('## Columns', '');
  if (s.columns.length) {
    out.push(markdownTable([
      ['Column', 'Type', 'Missing', 'Missing %'],
      ...s.columns.map((c) => [escapeCell(c.name), c.type, String(c.missing), s.rows ? `${((100 * c.missing) / s.rows).toFixed(1)}%` : '–']),
    ], { align: ['l', 'l', 'r', 'r'] }), '');
  } else out.push('No columns (no rows were read).', '');
  out.push(`Rows: ${s.rows.toLocaleString('en')} · exact duplicate rows: ${s.duplicates.toLocaleString('en')}`, '');
  if (s.label_distribution) {
    const total = Object.values(s.label_distribution).reduce((a, b) => a + b, 0);
    const rows = Object.entries(s.label_distribution).sort((a, b) => b[1] - a[1]);
    out.push('## Label distribution', '', markdownTable([
      ['Label', 'Rows', 'Share'],
      ...rows.map(([l, n]) => [escapeCell(l), String(n), total ? `${((100 * n) / total).toFixed(1)}%` : '–']),
    ], { align: ['l', 'r', 'r'] }), '');
  }
  return out.join('\n');
}
