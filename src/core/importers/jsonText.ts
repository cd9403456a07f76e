// JSON as Python writes it: the corpus's score files contain bare NaN (json.dump's default),
// which JSON.parse rejects. Non-finite numbers become the NON_FINITE marker strings below.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ImportError } from './types';

/** What a bare NaN / Infinity / -Infinity token parses to. */
export const NON_FINITE: Record<string, string> = { NaN: '\u0000NaN', Infinity: '\u0000Infinity', '-Infinity': '\u0000-Infinity' };
const markers = new Map(Object.entries(NON_FINITE).map(([k, v]) => [v, k]));

/** "NaN" for a marker string made by parseJsonText, else undefined. */
export function nonFiniteName(value: unknown): string | undefined {
  return typeof value === 'string' ? markers.get(value) : undefined;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses strict JSON (plus Python's NaN/Infinity); a syntax error throws an ImportError at file:line:column. */
export function parseJsonText(text: string, file: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new ImportError(`${file}: the file is empty, expected JSON`, file);
  // Replace the bare tokens outside strings, remembering how far each replacement shifts offsets.
  const shifts: { at: number; delta: number }[] = [];
  let delta = 0;
  const replaced = text.replace(/"(?:[^"\\]|\\.)*"|-?\b(?:NaN|Infinity)\b/g, (m, offset: number) => {
    if (m.startsWith('"')) return m;
    const s = JSON.stringify(NON_FINITE[m]);
    delta += s.length - m.length;
    shifts.push({ at: offset + m.length, delta });
    return s;
  });
  const errors: ParseError[] = [];
  const value = parse(replaced, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length) {
    const e = errors[0];
    let original = e.offset;
    for (const s of shifts) if (s.at + s.delta <= e.offset) original = e.offset - s.delta;
    const { line, column } = lineColumn(text, original);
    throw new ImportError(`${file}:${line}:${column}: not valid JSON (${printParseErrorCode(e.error)})`, file);
  }
  return value;
}
