// Streaming writer for CSV, JSONL and JSON-array data files: rows go to a temp file that becomes
// the target only on commit(); abort() leaves nothing behind.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { DataSource, Row } from './types';
import { commitTemp, FileExistsError, tempPathFor } from './files';

export interface RowWriter {
  write(row: Row): Promise<void>;
  /** Finishes the file and moves it into place; returns its row count and SHA-256. */
  commit(): Promise<{ rows: number; sha256: string; path: string }>;
  /** Drops the temp file. */
  abort(): Promise<void>;
}

export interface WriterOptions {
  /** CSV header; default the keys of the first row. */
  columns?: string[];
  overwrite?: boolean;
}

export function createRowWriter(target: DataSource, options: WriterOptions = {}): RowWriter {
  const overwrite = options.overwrite ?? false;
  if (!overwrite && existsSync(target.path)) throw new FileExistsError(target.path);
  mkdirSync(dirname(target.path), { recursive: true });
  const temp = tempPathFor(target.path);
  const out: WriteStream = createWriteStream(temp, { encoding: 'utf8' });
  const hash = createHash('sha256');
  let columns = options.columns;
  let rows = 0;
  let failed: Error | undefined;
  out.on('error', (e) => { failed = e; });

  const put = async (text: string) => {
    if (failed) throw failed;
    hash.update(text);
    if (!out.write(text)) await new Promise<void>((resolve, reject) => {
      const done = (e?: Error) => { out.off('drain', done); out.off('error', done); if (e) reject(e); else resolve(); };
      out.on('drain', done);
      out.on('error', done);
    });
  };
  const cellText = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

  return {
    async write(row) {
      if (target.format === 'csv') {
        if (!columns) columns = Object.keys(row);
        const header = rows === 0 ? stringify([columns]) : '';
        await put(header + stringify([columns.map((c) => cellText(row[c]))]));
      } else if (target.format === 'jsonl') {
        await put(JSON.stringify(row) + '\n');
      } else {
        await put((rows === 0 ? '[\n' : ',\n') + JSON.stringify(row));
      }
      rows += 1;
    },
    async commit() {
      if (target.format === 'json') await put(rows === 0 ? '[]\n' : '\n]\n');
      else if (target.format === 'csv' && rows === 0 && columns) await put(stringify([columns]));
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (failed) throw failed;
      await commitTemp(temp, target.path, overwrite);
      return { rows, sha256: hash.digest('hex'), path: target.path };
    },
    async abort() {
      // Wait for the stream to close so the temp file is not created after the unlink.
      if (!out.closed) await new Promise<void>((resolve) => { out.once('close', () => resolve()); out.destroy(); });
      await unlink(temp).catch(() => undefined);
    },
  };
}

/** Writes all `rows` at once (small data, tests). */
export async function writeRows(target: DataSource, rows: Iterable<Row>, options: WriterOptions = {}) {
  const w = createRowWriter(target, options);
  try {
    for (const r of rows) await w.write(r);
    return await w.commit();
  } catch (e) {
    await w.abort();
    throw e;
  }
}
