// Which reader a data file needs, from its extension or the metadata's word for it.
import { extname } from 'node:path';
import type { DataFormat } from './types';
import { DatasetError } from './types';

const byExtension: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
};

/** The format of `file`: the explicit one if given, else from the extension. */
export function formatOf(file: string, explicit?: string): DataFormat {
  if (explicit === 'csv' || explicit === 'jsonl' || explicit === 'json') return explicit;
  const f = byExtension[extname(file).toLowerCase()];
  if (!f) throw new DatasetError(`cannot tell the format of '${file}': use .csv, .jsonl or .json`, file);
  return f;
}
