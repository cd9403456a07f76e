// Living tables: `<!-- modelops:leaderboard dataset="X" sort="f1_score:desc" columns="..." -->`
// … `<!-- /modelops:leaderboard -->` blocks in markdown, refreshed in place. Text in, text out.
import type { LeaderboardData, Query, SortKey } from './types';
import { applyQuery } from './query';
import { tableToMarkdown } from './markdown';
import { FilterError, parseColumnFilter } from './filter';

const OPEN = /<!--\s*modelops:leaderboard\b([\s\S]*?)-->/g;
const CLOSE = /<!--\s*\/modelops:leaderboard\s*-->/g;
const ATTRIBUTE = /([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/y;

export const BLOCK_ATTRIBUTES = ['dataset', 'sort', 'columns', 'filter', 'text', 'rank', 'direction', 'per-dataset', 'digits', 'limit'] as const;

export interface LivingBlock {
  /** 1-based line of the opening comment. */
  line: number;
  /** Offsets: the opening comment's start, where the table starts and ends, the closing comment's end. */
  start: number;
  bodyStart: number;
  bodyEnd: number;
  end: number;
  attributes: Record<string, string>;
  /** Undefined when the attributes do not make a query (see error). */
  query?: Query;
  error?: string;
}

export interface RefreshedBlock {
  line: number;
  changed: boolean;
  error?: string;
}

/** Every block outside fenced code, in order; an opening comment without a closing one is an error. */
export function findBlocks(text: string): LivingBlock[] {
  const fences = fencedRanges(text);
  const inFence = (offset: number) => fences.some(([a, b]) => offset >= a && offset < b);
  const blocks: LivingBlock[] = [];
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(text); m; m = OPEN.exec(text)) {
    if (inFence(m.index)) continue;
    const bodyStart = m.index + m[0].length;
    CLOSE.lastIndex = bodyStart;
    let close = CLOSE.exec(text);
    while (close && inFence(close.index)) close = CLOSE.exec(text);
    const nextOpen = new RegExp(OPEN.source, 'g');
    nextOpen.lastIndex = bodyStart;
    const next = nextOpen.exec(text);
    const line = lineOf(text, m.index);
    const base = { line, start: m.index, bodyStart };
    if (!close || (next && next.index < close.index && !inFence(next.index))) {
      blocks.push({ ...base, bodyEnd: bodyStart, end: bodyStart, attributes: {}, error: `line ${line}: no <!-- /modelops:leaderboard --> closes this block` });
      continue;
    }
    const block: LivingBlock = { ...base, bodyEnd: close.index, end: close.index + close[0].length, attributes: {} };
    try {
      block.attributes = parseAttributes(m[1]!);
      block.query = attributesToQuery(block.attributes);
    } catch (e) {
      block.error = `line ${line}: ${e instanceof Error ? e.message : String(e)}`;
    }
    blocks.push(block);
    OPEN.lastIndex = block.end;
  }
  return blocks;
}

/**
 * Re-render every block's table from the data. Blocks with errors (bad attributes, unknown
 * columns, no closing comment) are left as they are and reported.
 */
export function refreshBlocks(text: string, data: LeaderboardData): { text: string; blocks: RefreshedBlock[] } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out: string[] = [];
  const report: RefreshedBlock[] = [];
  let at = 0;
  for (const b of findBlocks(text)) {
    let error = b.error;
    let table: string | undefined;
    if (!error && b.query) {
      const t = applyQuery(data, b.query);
      if (t.problems.length) error = `line ${b.line}: ${t.problems.join('; ')}`;
      else table = tableToMarkdown(t, b.query.digits).replace(/\n/g, eol);
    }
    if (table === undefined) { report.push({ line: b.line, changed: false, error }); continue; }
    const body = `${eol}${table}${eol}`;
    out.push(text.slice(at, b.bodyStart), body);
    at = b.bodyEnd;
    report.push({ line: b.line, changed: text.slice(b.bodyStart, b.bodyEnd) !== body });
  }
  out.push(text.slice(at));
  return { text: out.join(''), blocks: report };
}

/** `key="value"` pairs; unknown keys and stray text are errors. */
export function parseAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < source.length) {
    const ws = /\s*/y; ws.lastIndex = i; ws.exec(source); i = ws.lastIndex;
    if (i >= source.length) break;
    ATTRIBUTE.lastIndex = i;
    const m = ATTRIBUTE.exec(source);
    if (!m) throw new Error(`cannot read attributes at '${source.slice(i, i + 20).trim()}': write key="value"`);
    const key = m[1]!.toLowerCase();
    if (!(BLOCK_ATTRIBUTES as readonly string[]).includes(key)) throw new Error(`unknown attribute '${m[1]}' (known: ${BLOCK_ATTRIBUTES.join(', ')})`);
    out[key] = m[2] ?? m[3] ?? m[4] ?? '';
    i = ATTRIBUTE.lastIndex;
  }
  return out;
}

/** Attributes → Query. sort="f1_score:desc,model", filter="accuracy>0.9; model~llama", rank="loss:asc". */
export function attributesToQuery(a: Record<string, string>): Query {
  const q: Query = {};
  if (a.dataset) q.dataset = a.dataset;
  if (a.text) q.text = a.text;
  if (a.sort) q.sort = parseSortList(a.sort);
  if (a.columns) q.columns = splitList(a.columns);
  if (a.filter) q.filters = parseFilterList(a.filter.split(';'));
  if (a.rank) {
    const [metric, dir] = a.rank.split(':').map((s) => s.trim());
    q.rankBy = metric;
    if (dir) q.rankDirection = direction(dir, 'rank');
  }
  if (a.direction) q.rankDirection = direction(a.direction, 'direction');
  if (a['per-dataset']) {
    if (!/^(true|false)$/.test(a['per-dataset'])) throw new Error(`per-dataset must be true or false, not '${a['per-dataset']}'`);
    q.rankPerDataset = a['per-dataset'] === 'true';
  }
  if (a.digits !== undefined) q.digits = integer(a.digits, 'digits');
  if (a.limit !== undefined) q.limit = integer(a.limit, 'limit');
  return q;
}

/** `f1_score:desc` or `model` (ascending) → a sort key. */
export function parseSortKey(text: string): SortKey {
  const m = /^\s*(.+?)\s*(?::\s*(asc|desc))?\s*$/i.exec(text);
  if (!m) throw new Error(`'${text}' is not a sort key: use COLUMN[:asc|desc]`);
  return { column: m[1]!, direction: (m[2]?.toLowerCase() as 'asc' | 'desc' | undefined) ?? 'asc' };
}

export function parseSortList(text: string): SortKey[] {
  return splitList(text).map(parseSortKey);
}

/** Filters `COLUMN OP VALUE` into Query.filters; two on one column must both hold (joined by ` & `). */
export function parseFilterList(items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items.map((s) => s.trim()).filter(Boolean)) {
    try {
      const { column, expression } = parseColumnFilter(item);
      out[column] = out[column] ? `${out[column]} & ${expression}` : expression;
    } catch (e) {
      throw e instanceof FilterError ? new Error(e.message) : e;
    }
  }
  return out;
}

function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

function direction(text: string, what: string): 'auto' | 'asc' | 'desc' {
  const t = text.trim().toLowerCase();
  if (t === 'auto' || t === 'asc' || t === 'desc') return t;
  throw new Error(`${what} direction must be auto, asc or desc, not '${text}'`);
}

function integer(text: string, what: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new Error(`${what} must be a whole number, not '${text}'`);
  return Number(text);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** [start, end) offsets of ``` / ~~~ fenced code blocks, so documented examples stay untouched. */
function fencedRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /^ {0,3}(`{3,}|~{3,})[^\n]*$/gm;
  let open: { start: number; fence: string } | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const fence = m[1]!;
    if (!open) open = { start: m.index, fence };
    else if (fence[0] === open.fence[0] && fence.length >= open.fence.length && m[0].trim() === fence) {
      ranges.push([open.start, m.index + m[0].length]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.start, text.length]);
  return ranges;
}
