// Streaming readers for CSV, JSONL and JSON-array data files: rows arrive one at a time,
// so a file far larger than memory can be scanned.
import { createReadStream } from 'node:fs';
import { readCsvBatches, readCsvBlocks, type CsvBlock, type CsvReadOptions } from './readCsv';
import type { DataSource, LocatedRow, Row } from './types';
import { DatasetError } from './types';

export { csvLineOf, readCsvBatches, type CsvBatch, type CsvBlock } from './readCsv';

export interface ReadOptions {
  /** Bytes of the file read so far, reported before each batch (for progress). */
  onBytes?: (bytesRead: number) => void;
  /** Read-chunk size in bytes (CSV; tests use tiny ones). */
  chunkSize?: number;
}

/**
 * The rows of `source` in file order, a few thousand at a time: one await per batch rather than
 * per row keeps the reading cost close to the parser's own.
 */
export async function* readBatches(source: DataSource, options: ReadOptions = {}): AsyncGenerator<LocatedRow[]> {
  const onBytes = options.onBytes ?? (() => undefined);
  try {
    if (source.format === 'csv') yield* readCsv(source.path, options);
    else if (source.format === 'jsonl') yield* readJsonl(source.path, onBytes);
    else yield* readJsonArray(source.path, onBytes);
  } catch (e) {
    throw asDatasetError(e, source.path);
  }
}

/** CSV records in their fastest form (readCsvBlocks), with failures as DatasetErrors. */
export async function* csvBlocks(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvBlock> {
  try {
    yield* readCsvBlocks(path, options);
  } catch (e) {
    throw asDatasetError(e, path);
  }
}

/** Every row of `source`, in file order, with its place in the file. */
export async function* readRecords(source: DataSource): AsyncGenerator<LocatedRow> {
  for await (const batch of readBatches(source)) yield* batch;
}

/** Every row of `source`, in file order. */
export async function* readRows(source: DataSource): AsyncGenerator<Row> {
  for await (const batch of readBatches(source)) for (const r of batch) yield r.row;
}

/** All rows in memory: for small files and tests. */
export async function readAllRows(source: DataSource): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of readBatches(source)) for (const r of batch) rows.push(r.row);
  return rows;
}

function asDatasetError(e: unknown, file: string): DatasetError {
  if (e instanceof DatasetError) return e;
  const err = e as NodeJS.ErrnoException & { lines?: number };
  if (err.code === 'ENOENT') return new DatasetError(`data file not found: ${file}`, file);
  if (err.code === 'EISDIR') return new DatasetError(`data file is a folder: ${file}`, file);
  if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    return new DatasetError(`${file}:${err.lines ?? '?'}: ${err.message}`, file, err.lines);
  }
  return new DatasetError(`${file}: ${err.message ?? String(e)}`, file);
}

/** CSV rows as objects keyed by the header (readCsvBatches gives the faster arrays). */
async function* readCsv(path: string, options: ReadOptions): AsyncGenerator<LocatedRow[]> {
  for await (const { header, records, first, lines } of readCsvBatches(path, options)) {
    const out: LocatedRow[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      const row: Row = {};
      for (let j = 0; j < header.length; j++) row[header[j]] = rec[j];
      out[i] = lines ? { row, index: first + i, line: lines[i] } : { row, index: first + i };
    }
    yield out;
  }
}

async function* lines(path: string, onBytes: (n: number) => void): AsyncGenerator<string[]> {
  let rest = '';
  let first = true;
  const input = createReadStream(path, { encoding: 'utf8' });
  for await (const chunk of input as AsyncIterable<string>) {
    onBytes(input.bytesRead);
    let text = rest + chunk;
    if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    yield parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

async function* readJsonl(path: string, onBytes: (n: number) => void): AsyncGenerator<LocatedRow[]> {
  let line = 0;
  let index = 0;
  for await (const texts of lines(path, onBytes)) {
    const out: LocatedRow[] = [];
    for (const text of texts) {
      line += 1;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new DatasetError(`${path}:${line}: not valid JSON (${(e as Error).message})`, path, line);
      }
      if (!isObject(value)) throw new DatasetError(`${path}:${line}: each line must be a JSON object`, path, line);
      index += 1;
      out.push({ row: value, index, line });
    }
    if (out.length) yield out;
  }
}

function isObject(v: unknown): v is Row {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A JSON array of objects, read element by element: a small scanner finds where each top-level
 * element ends (tracking strings and nesting), and only that element is handed to JSON.parse.
 */
async function* readJsonArray(path: string, onBytes: (n: number) => void): AsyncGenerator<LocatedRow[]> {
  let state: 'before' | 'between' | 'element' | 'after' = 'before';
  let depth = 0; // brackets open inside the current element
  let inString = false;
  let escaped = false;
  let afterComma = false;
  let element = '';
  let elementLine = 1;
  let line = 1;
  let index = 0;
  let first = true;
  const fail = (msg: string): never => { throw new DatasetError(`${path}:${line}: ${msg}`, path, line); };
  const finish = (): LocatedRow => {
    let value: unknown;
    try { value = JSON.parse(element); } catch (e) { fail(`not valid JSON (${(e as Error).message})`); }
    if (!isObject(value)) fail('each array element must be a JSON object');
    index += 1;
    element = '';
    return { row: value as Row, index, line: elementLine };
  };
  const input = createReadStream(path, { encoding: 'utf8' });
  for await (let chunk of input as AsyncIterable<string>) {
    onBytes(input.bytesRead);
    if (first) { chunk = chunk.replace(/^\uFEFF/, ''); first = false; }
    const out: LocatedRow[] = [];
    let start = state === 'element' ? 0 : -1; // where the current element's text begins in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === '\n') line += 1;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth += 1;
        else if ((c === '}' || c === ']') && depth > 0) depth -= 1;
        else if ((c === ',' || c === ']') && depth === 0) {
          element += chunk.slice(start, i);
          start = -1;
          out.push(finish());
          state = c === ',' ? 'between' : 'after';
          afterComma = c === ',';
        }
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (state === 'before') {
        if (c !== '[') fail('a JSON data file must hold an array of objects');
        state = 'between';
      } else if (state === 'between') {
        if (c === ']') {
          if (afterComma) fail('trailing comma before the closing bracket');
          state = 'after';
          continue;
        }
        state = 'element';
        start = i;
        elementLine = line;
        depth = c === '{' || c === '[' ? 1 : 0;
        inString = c === '"';
      } else {
        fail('unexpected text after the closing bracket');
      }
    }
    if (state === 'element') element += chunk.slice(start);
    if (out.length) yield out;
  }
  if ((state as string) !== 'after') fail(state === 'before' ? 'empty file: expected a JSON array' : 'unexpected end of file inside the array');
}
