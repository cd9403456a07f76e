// CSV records, streamed. Quote-free text (most numeric data) is split on line ends and commas
// here, several times faster than csv-parse's character-by-character state machine; the first
// chunk that holds a quote (or a line end csv-parse reads differently) hands the file, from the
// start of its first unread line, to csv-parse. Both paths yield the same records.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, type Options as ParseOptions } from 'csv-parse';
import { DatasetError } from './types';

export interface CsvReadOptions {
  /** Bytes of the file read so far, reported before each batch (for progress). */
  onBytes?: (bytesRead: number) => void;
  /** Read-chunk size in bytes (tests use tiny ones to put chunk ends everywhere). */
  chunkSize?: number;
  /** false: csv-parse for the whole file (tests compare the two paths). */
  fastPath?: boolean;
}

/** Data records in file order; fields in header order. */
export interface CsvBatch {
  header: string[];
  records: string[][];
  /** Data row number (1-based, header not counted) of records[0]. */
  first: number;
  /** The line each record is on, when known (the fast path knows; csv-parse's path does not). */
  lines?: number[];
}

export const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;
const BATCH = 2048;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const EMPTY: Buffer = Buffer.alloc(0);

/** Quote-free records not yet split: record i is text.slice(starts[i], ends[i]), on lines[i]. */
export interface CsvText {
  text: string;
  starts: number[];
  ends: number[];
  lines: number[];
}

/** Records as csv-parse gives them (their lines unknown). */
interface CsvFields {
  records: string[][];
}

type RawBatch = CsvFields | CsvText;

/** A batch of data records, in one of two forms; `first` is the data row number of the first. */
export type CsvBlock = { header: string[]; first: number } & ({ text: CsvText } | { fields: string[][] });

/** The located error for a record whose field count differs from the header's. */
export function fieldCountError(path: string, index: number, fields: number, width: number, line: number | undefined): DatasetError {
  return new DatasetError(`${path}:${line ?? '?'}: row ${index} has ${fields} fields, the header has ${width}`, path, line);
}

/**
 * The data records of a CSV file, a few thousand at a time (one await per batch, not per row);
 * the header row names the columns and every record must have as many fields.
 */
export async function* readCsvBatches(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvBatch> {
  for await (const block of readCsvBlocks(path, options)) {
    const { header, first } = block;
    const width = header.length;
    if ('text' in block) {
      const { text, starts, ends, lines } = block.text;
      const records: string[][] = new Array(starts.length);
      for (let i = 0; i < starts.length; i++) {
        const rec = text.slice(starts[i], ends[i]).split(',');
        if (rec.length !== width) throw fieldCountError(path, first + i, rec.length, width, lines[i]);
        records[i] = rec;
      }
      yield { header, records, first, lines };
    } else {
      const records = block.fields;
      for (let i = 0; i < records.length; i++) {
        if (records[i].length === width) continue;
        throw fieldCountError(path, first + i, records[i].length, width, await csvLineOf(path, first + i).catch(() => undefined));
      }
      yield { header, records, first };
    }
  }
}

/**
 * The data records of a CSV file with its header split off; quote-free text comes unsplit, and
 * then the caller checks field counts (fieldCountError).
 */
export async function* readCsvBlocks(path: string, options: CsvReadOptions = {}): AsyncGenerator<CsvBlock> {
  let header: string[] | undefined;
  let first = 1;
  for await (const raw of rawRecords(path, options)) {
    let block: CsvBlock;
    if ('text' in raw) {
      let { starts, ends, lines } = raw;
      if (!header) {
        header = raw.text.slice(starts[0], ends[0]).split(',');
        starts = starts.slice(1);
        ends = ends.slice(1);
        lines = lines.slice(1);
      }
      if (!starts.length) continue;
      block = { header, first, text: { text: raw.text, starts, ends, lines } };
      first += starts.length;
    } else {
      let records = raw.records;
      if (!header) {
        header = records[0];
        records = records.slice(1);
      }
      if (!records.length) continue;
      block = { header, first, fields: records };
      first += records.length;
    }
    yield block;
  }
}

/** Every record including the header: the fast path until something needs csv-parse. */
async function* rawRecords(path: string, options: CsvReadOptions): AsyncGenerator<RawBatch> {
  const onBytes = options.onBytes ?? (() => undefined);
  const input = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 16 });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const handOff = (head: Buffer, parseOptions: ParseOptions, lineOffset: number) =>
    viaCsvParse(Readable.from(rest(head, chunks), { objectMode: false }), parseOptions, lineOffset, () => onBytes(input.bytesRead));
  try {
    if (options.fastPath === false) { yield* handOff(EMPTY, CSV_OPTIONS, 0); return; }
    // Chunks since the last line end: a line longer than a chunk is joined once, when it ends.
    let held: Buffer[] = [];
    let crlf: boolean | undefined; // the record delimiter, as csv-parse settles it: the first line end
    let started = false; // the BOM check is done
    let line = 0; // lines consumed
    for (;;) {
      const next = await chunks.next();
      const end = next.done === true;
      if (!end) {
        const chunk: Buffer = next.value;
        held.push(chunk);
        const lineEnds = chunk.indexOf(LF) !== -1 || (crlf === undefined && chunk.indexOf(CR) !== -1);
        if (!lineEnds && chunk.indexOf(QUOTE) === -1) continue;
      }
      const data: Buffer = held.length === 1 ? held[0] : Buffer.concat(held);
      held = [];
      if (!data.length) return;
      if (!started) {
        if (data.length < 3 && !end) { held = [data]; continue; }
        // A UTF-16 BOM: csv-parse switches encoding.
        if (data[0] === 0xff && data[1] === 0xfe) { yield* handOff(data, CSV_OPTIONS, 0); return; }
      }
      if (data.indexOf(QUOTE) !== -1) { yield* handOff(data, handOffOptions(started, crlf), line); return; }
      if (crlf === undefined) {
        const d = lineEnd(data, end);
        if (d === 'wait') { held = [data]; continue; }
        if (d === 'cr') { yield* handOff(data, handOffOptions(started, crlf), line); return; }
        crlf = d === 'crlf';
      }
      // With \r\n records, a bare \n is data to csv-parse.
      if (crlf && bareLf(data)) { yield* handOff(data, handOffOptions(started, crlf), line); return; }
      const stop = end ? data.length : data.lastIndexOf(LF) + 1;
      if (stop === 0) { held = [data]; continue; }
      let text = data.toString('utf8', 0, stop);
      if (!started) { started = true; if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); }
      if (stop < data.length) held = [data.subarray(stop)];
      const out: CsvText = { text, starts: [], ends: [], lines: [] };
      line = lineRanges(text, crlf, line, out);
      onBytes(input.bytesRead);
      if (out.starts.length) yield out;
      if (end) return;
    }
  } finally {
    input.destroy();
  }
}

/** Options for csv-parse taking over at a line start: the delimiter and BOM as already settled. */
function handOffOptions(started: boolean, crlf: boolean | undefined): ParseOptions {
  return { ...CSV_OPTIONS, bom: !started, ...(crlf !== undefined ? { record_delimiter: crlf ? '\r\n' : '\n' } : {}) };
}

/** The file's first line end, as csv-parse detects it: \r\n, \n or a lone \r. */
function lineEnd(data: Buffer, end: boolean): 'lf' | 'crlf' | 'cr' | 'wait' {
  const lf = data.indexOf(LF);
  const cr = data.indexOf(CR, 0);
  if (cr === -1 || (lf !== -1 && lf < cr)) return lf !== -1 || end ? 'lf' : 'wait';
  if (cr + 1 < data.length) return data[cr + 1] === LF ? 'crlf' : 'cr';
  return end ? 'cr' : 'wait';
}

function bareLf(data: Buffer): boolean {
  for (let i = data.indexOf(LF); i !== -1; i = data.indexOf(LF, i + 1)) if (i === 0 || data[i - 1] !== CR) return true;
  return false;
}

/**
 * Finds the records in whole lines of quote-free text (skipping empty lines, as csv-parse does);
 * returns the number of lines consumed so far.
 */
function lineRanges(text: string, crlf: boolean, line: number, out: CsvText): number {
  const { starts, ends, lines } = out;
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    line += 1;
    const stop = crlf && nl < n ? nl - 1 : nl;
    if (stop > pos) {
      starts.push(pos);
      ends.push(stop);
      lines.push(line);
    }
    pos = nl + 1;
  }
  return line;
}

/** `head`, then the rest of the file's chunks. */
async function* rest(head: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length) yield head;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

/** Records through csv-parse; its error lines count from `lineOffset`, where it took over. */
async function* viaCsvParse(source: Readable, options: ParseOptions, lineOffset: number, onBatch: () => void): AsyncGenerator<RawBatch> {
  const parser = source.pipe(parse(options));
  let pending: string[][] = [];
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => { const w = wake; wake = undefined; w?.(); };
  // pipe() does not forward read errors (a missing file) to the parser.
  source.on('error', (e) => { failure ??= e; notify(); });
  parser.on('error', (e: Error & { lines?: number }) => {
    if (typeof e.lines === 'number') e.lines += lineOffset;
    failure ??= e;
    notify();
  });
  parser.on('end', () => { ended = true; notify(); });
  parser.on('data', (r: string[]) => {
    pending.push(r);
    if (pending.length >= BATCH) { parser.pause(); notify(); }
  });
  try {
    for (;;) {
      if (!pending.length && !ended && failure === undefined) await new Promise<void>((r) => { wake = r; });
      if (pending.length) {
        const records = pending;
        pending = [];
        if (parser.isPaused()) parser.resume();
        onBatch();
        yield { records } satisfies CsvFields;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) return;
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** The line on which CSV data row `index` (1-based, header excluded) starts; re-reads the file. */
export async function csvLineOf(path: string, index: number): Promise<number | undefined> {
  const parser = createReadStream(path).pipe(parse({ ...CSV_OPTIONS, info: true }));
  let seen = -1; // the header is record 0
  try {
    for await (const r of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
      seen += 1;
      // info.lines is where the record ends; subtract its own embedded newlines to get its start.
      if (seen === index) return r.info.lines - r.record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    }
  } finally {
    parser.destroy();
  }
  return undefined;
}
