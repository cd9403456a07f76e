// Reads a metadata file, turning every way that can fail into a message a person understands.
import { promises as fs, readFileSync, statSync } from 'node:fs';

/** Larger files are not validated: metadata this big is a mistake, and it would stall the editor. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export type ReadResult = { text: string } | { problem: string };

function describe(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'file does not exist';
    case 'EACCES': case 'EPERM': return 'cannot read the file: permission denied';
    case 'EISDIR': return 'is a directory, not a JSON file';
    case 'ELOOP': return 'cannot read the file: too many levels of symbolic links (a symlink loop)';
    default: return `cannot read the file: ${(e as Error)?.message ?? String(e)}`;
  }
}

function decode(buf: Buffer): ReadResult {
  if (buf.includes(0)) return { problem: 'binary file (contains NUL bytes), not JSON text' };
  return { text: buf.toString('utf8') };
}

function tooLarge(size: number): ReadResult {
  return { problem: `file is too large to validate (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` };
}

export async function readMetadataFile(path: string): Promise<ReadResult> {
  try {
    const st = await fs.stat(path);
    if (st.isDirectory()) return { problem: describe({ code: 'EISDIR' }) };
    if (st.size > MAX_FILE_BYTES) return tooLarge(st.size);
    return decode(await fs.readFile(path));
  } catch (e) {
    return { problem: describe(e) };
  }
}

export function readMetadataFileSync(path: string): ReadResult {
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { problem: describe({ code: 'EISDIR' }) };
    if (st.size > MAX_FILE_BYTES) return tooLarge(st.size);
    return decode(readFileSync(path));
  } catch (e) {
    return { problem: describe(e) };
  }
}
