// Column filter expressions: `> 0.9`, `>= 0.5 & < 0.8`, `0.5..0.8`, `=exact`, `!=x`, `!text`, `text`.
import { NUMERIC_KINDS, type ColumnKind } from './types';

/** A compiled filter: tests a cell's value (number or string, undefined when empty) and, lazily, its shown text. */
export type CellTest = (value: number | string | undefined, shown: () => string) => boolean;

export class FilterError extends Error {}

const COMPARISON = /^(>=|<=|!=|>|<|=)\s*(.*)$/s;
const RANGE = /^(.*?)\s*\.\.\s*(.*)$/s;

/** Compile an expression for a column of the given kind; throws FilterError on a bad number. */
export function compileFilter(expression: string, kind: ColumnKind): CellTest | undefined {
  const parts = expression.split(/\s+&\s+/).map((p) => p.trim()).filter(Boolean);
  const tests = parts.map((p) => compileOne(p, kind));
  if (!tests.length) return undefined;
  if (tests.length === 1) return tests[0];
  return (v, s) => tests.every((t) => t(v, s));
}

function compileOne(expr: string, kind: ColumnKind): CellTest {
  const numeric = NUMERIC_KINDS.includes(kind);
  const range = RANGE.exec(expr);
  if (range && kind !== 'text' && (range[1] || range[2]) && (!numeric || isNumberOrEmpty(range[1]!) && isNumberOrEmpty(range[2]!))) {
    const lo = bound(range[1]!, numeric);
    const hi = bound(range[2]!, numeric);
    return (v) => v !== undefined && (lo === undefined || compare(v, lo) >= 0) && (hi === undefined || compare(v, hi) <= 0);
  }
  const cmp = COMPARISON.exec(expr);
  if (cmp) {
    const op = cmp[1]!;
    const operand = bound(cmp[2]!.trim(), numeric);
    if (operand === undefined) {
      if (op === '=') return (v) => v === undefined;
      if (op === '!=') return (v) => v !== undefined;
      throw new FilterError(`'${expr}' needs a value after '${op}'`);
    }
    switch (op) {
      case '>': return (v) => v !== undefined && compare(v, operand) > 0;
      case '>=': return (v) => v !== undefined && compare(v, operand) >= 0;
      case '<': return (v) => v !== undefined && compare(v, operand) < 0;
      case '<=': return (v) => v !== undefined && compare(v, operand) <= 0;
      case '=': return (v) => v !== undefined && compare(v, operand) === 0;
      default: return (v) => v === undefined || compare(v, operand) !== 0;
    }
  }
  if (expr.startsWith('!') && expr.length > 1) {
    const needle = expr.slice(1).toLowerCase();
    return (_v, shown) => !shown().toLowerCase().includes(needle);
  }
  const needle = expr.toLowerCase();
  return (_v, shown) => shown().toLowerCase().includes(needle);
}

function isNumberOrEmpty(s: string): boolean {
  return s.trim() === '' || Number.isFinite(Number(s.trim()));
}

function bound(s: string, numeric: boolean): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (!numeric) return t.toLowerCase();
  const n = Number(t);
  if (!Number.isFinite(n)) throw new FilterError(`'${t}' is not a number`);
  return n;
}

function compare(v: number | string, operand: number | string): number {
  if (typeof operand === 'number') return typeof v === 'number' ? v - operand : NaN;
  const a = String(v).toLowerCase();
  return a < operand ? -1 : a > operand ? 1 : 0;
}

/**
 * A command-line or living-block filter `COLUMN OP VALUE` (`accuracy>0.9`, `model~llama`,
 * `f1_score=0.5..0.8`, `rank<=10`) as a column name and a column expression.
 */
export function parseColumnFilter(text: string): { column: string; expression: string } {
  const m = /^\s*([^<>=!~:]+?)\s*(>=|<=|!=|>|<|=|~|:)\s*(.*?)\s*$/s.exec(text);
  if (!m || !m[1]) throw new FilterError(`'${text}' is not a filter: use COLUMN OP VALUE, e.g. accuracy>0.9, model~llama, f1_score=0.5..0.8`);
  const [, column, op, value] = m as unknown as [string, string, string, string];
  if (op === '~' || op === ':') return { column, expression: value };
  if (op === '=' && RANGE.test(value)) return { column, expression: value };
  return { column, expression: `${op}${value}` };
}
