// Reads a metadata file, turning every way that can fail into a message a person understands.
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';

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
  let handle: fs.FileHandle | undefined;
  try {
    // One open and one fstat: the size is checked before anything large is read.
    handle = await fs.open(path, 'r');
    const st = await handle.stat();
    if (st.isDirectory()) return { problem: describe({ code: 'EISDIR' }) };
    if (st.size > MAX_FILE_BYTES) return tooLarge(st.size);
    return decode(await handle.readFile());
  } catch (e) {
    return { problem: describe(e) };
  } finally {
    await handle?.close();
  }
}

/** The synchronous twin: for bulk reads of many small files it is several times faster than promises. */
export function readMetadataFileSync(path: string): ReadResult {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) return { problem: describe({ code: 'EISDIR' }) };
    if (st.size > MAX_FILE_BYTES) return tooLarge(st.size);
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const got = readSync(fd, buf, n, st.size - n, n);
      if (got === 0) break;
      n += got;
    }
    return decode(buf.subarray(0, n));
  } catch (e) {
    return { problem: describe(e) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
