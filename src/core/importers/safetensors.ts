// Parameter counts from safetensors headers: an 8-byte little-endian header length, then that many
// bytes of JSON describing each tensor. Only the header is read, never the weights.
import { open, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseJsonText } from './jsonText';
import { ImportError } from './types';

/** The format's own cap on the header (safetensors rejects larger ones). */
const MAX_HEADER_BYTES = 100_000_000;

const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1,
  I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4,
  I64: 8, U64: 8, F64: 8,
};

export interface TensorInfo {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export interface SafetensorsHeader {
  file: string;
  tensors: Record<string, TensorInfo>;
  metadata?: Record<string, string>;
  /** Sum over tensors of the product of the shape. */
  parameters: number;
  /** Parameters per dtype, as the hub reports them (`safetensors.parameters`). */
  byDtype: Record<string, number>;
}

/** Reads and checks one file's header; a bad file throws an ImportError saying what is wrong. */
export async function readSafetensorsHeader(file: string): Promise<SafetensorsHeader> {
  const fh = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(`${file}: cannot open (${e.code ?? e.message})`, file);
  });
  try {
    const size = (await fh.stat()).size;
    if (size < 8) throw new ImportError(`${file}: truncated safetensors file: ${size} bytes, but the 8-byte header length alone needs 8`, file);
    const lengthBytes = Buffer.alloc(8);
    await fh.read(lengthBytes, 0, 8, 0);
    const declared = lengthBytes.readBigUInt64LE(0);
    if (declared > BigInt(size - 8)) {
      throw new ImportError(`${file}: truncated or not a safetensors file: the header length says ${declared} bytes, but only ${size - 8} bytes follow it`, file);
    }
    const headerBytes = Number(declared);
    if (headerBytes > MAX_HEADER_BYTES) throw new ImportError(`${file}: header of ${headerBytes} bytes is over the format's limit of ${MAX_HEADER_BYTES}`, file);
    if (headerBytes < 2) throw new ImportError(`${file}: not a safetensors file: header length ${headerBytes} is too small for a JSON object`, file);
    const buf = Buffer.alloc(headerBytes);
    await fh.read(buf, 0, headerBytes, 8);
    const text = buf.toString('utf8');
    if (!text.startsWith('{')) throw new ImportError(`${file}: not a safetensors file: the header does not start with a JSON object`, file);
    const json = parseJsonText(text, `${file} (header)`);
    return checkHeader(file, json, size - 8 - headerBytes);
  } finally {
    await fh.close();
  }
}

function checkHeader(file: string, json: unknown, dataBytes: number): SafetensorsHeader {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ImportError(`${file}: the header is not a JSON object`, file);
  const tensors: Record<string, TensorInfo> = {};
  const byDtype: Record<string, number> = {};
  let parameters = 0;
  let metadata: Record<string, string> | undefined;
  for (const [name, t] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = t as Record<string, string>;
      continue;
    }
    const where = `${file}: tensor '${name}'`;
    const info = t as Partial<TensorInfo> | null;
    if (!info || typeof info !== 'object') throw new ImportError(`${where} is not an object`, file);
    if (typeof info.dtype !== 'string') throw new ImportError(`${where} has no dtype`, file);
    if (!Array.isArray(info.shape) || !info.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new ImportError(`${where} has a bad shape ${JSON.stringify(info.shape)}`, file);
    }
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) || offsets[1] < offsets[0]) {
      throw new ImportError(`${where} has bad data_offsets ${JSON.stringify(offsets)}`, file);
    }
    if (offsets[1] > dataBytes) {
      throw new ImportError(`${where} ends at data byte ${offsets[1]}, but the file holds only ${dataBytes} bytes of tensor data (truncated?)`, file);
    }
    const count = info.shape.reduce((a, b) => a * b, 1);
    const width = DTYPE_BYTES[info.dtype];
    if (width !== undefined && count * width !== offsets[1] - offsets[0]) {
      throw new ImportError(`${where}: shape ${JSON.stringify(info.shape)} of ${info.dtype} needs ${count * width} bytes, but data_offsets span ${offsets[1] - offsets[0]}`, file);
    }
    tensors[name] = { dtype: info.dtype, shape: info.shape, data_offsets: [offsets[0], offsets[1]] };
    parameters += count;
    byDtype[info.dtype] = (byDtype[info.dtype] ?? 0) + count;
  }
  return { file, tensors, metadata, parameters, byDtype };
}

export interface FolderParameters {
  parameters: number;
  byDtype: Record<string, number>;
  /** The files that were counted, relative to the folder. */
  files: string[];
}

const SHARD = /^(.*)-(\d+)-of-(\d+)\.safetensors$/;

/**
 * Counts a model folder's parameters: the shards named by `model.safetensors.index.json`, else
 * `model.safetensors`, else complete `NAME-0000k-of-0000n.safetensors` sets, else every `*.safetensors`.
 * Returns undefined (with a warning where useful) when there is nothing complete to count.
 */
export async function countFolderParameters(dir: string, warnings: string[]): Promise<FolderParameters | undefined> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.safetensors')).sort();
  const indexName = 'model.safetensors.index.json';
  let chosen: string[];
  let weightMap: Record<string, string> | undefined;
  const indexPath = join(dir, indexName);
  const indexText = await readFile(indexPath, 'utf8').catch(() => undefined);
  if (indexText !== undefined) {
    const index = parseJsonText(indexText, indexPath) as { weight_map?: unknown };
    if (!index || typeof index !== 'object' || !index.weight_map || typeof index.weight_map !== 'object') {
      throw new ImportError(`${indexPath}: no "weight_map" object`, indexPath);
    }
    weightMap = index.weight_map as Record<string, string>;
    chosen = [...new Set(Object.values(weightMap))].sort();
    const missing = chosen.filter((n) => !names.includes(n));
    if (missing.length) {
      warnings.push(`parameter count skipped: ${indexName} lists ${missing.join(', ')}, not in the folder`);
      return undefined;
    }
  } else if (names.includes('model.safetensors')) {
    chosen = ['model.safetensors'];
  } else {
    const shards = names.filter((n) => SHARD.test(n));
    if (shards.length) {
      const [, stem, , total] = SHARD.exec(shards[0])!;
      const expected = Array.from({ length: Number(total) }, (_, i) => `${stem}-${String(i + 1).padStart(total.length, '0')}-of-${total}.safetensors`);
      const missing = expected.filter((n) => !names.includes(n));
      if (missing.length) {
        warnings.push(`parameter count skipped: shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`);
        return undefined;
      }
      chosen = expected;
    } else {
      chosen = names;
      if (names.length > 1) warnings.push(`parameter count sums ${names.join(', ')}`);
    }
  }
  if (!chosen.length) return undefined;
  let parameters = 0;
  const byDtype: Record<string, number> = {};
  for (const name of chosen) {
    const header = await readSafetensorsHeader(join(dir, name));
    if (weightMap) {
      const absent = Object.entries(weightMap).find(([t, f]) => f === name && !(t in header.tensors));
      if (absent) throw new ImportError(`${indexPath}: tensor '${absent[0]}' is mapped to ${name}, whose header does not list it`, indexPath);
    }
    parameters += header.parameters;
    for (const [d, n] of Object.entries(header.byDtype)) byDtype[d] = (byDtype[d] ?? 0) + n;
  }
  return { parameters, byDtype, files: chosen.map((n) => basename(n)) };
}
