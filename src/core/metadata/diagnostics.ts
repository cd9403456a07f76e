// Problems are found and kept in offsets; ranges (line/character) are made only at the edge.

export type Severity = 'error' | 'warning' | 'information';

/** A quick-fix hint the language server turns into a code action. */
export type FixHint =
  | { kind: 'insert'; offset: number; text: string; title: string }
  | { kind: 'replace'; offset: number; length: number; text: string; title: string }
  | { kind: 'addProperties'; offset: number; names: string[]; title: string }
  | { kind: 'createFile'; path: string; template: 'dataset' | 'model'; name?: string; version?: string; title: string };

export interface Diagnostic {
  severity: Severity;
  /** A stable id such as `schema/type` or `reference/missing-file`. */
  code: string;
  message: string;
  offset: number;
  length: number;
  /** JSON Pointer of the node the problem is about ('' for the document). */
  pointer: string;
  fix?: FixHint;
}

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || rank[a.severity] - rank[b.severity] || a.message.localeCompare(b.message);
}

/** Drops repeats of the same problem at the same place. */
export function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.offset}:${d.length}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
