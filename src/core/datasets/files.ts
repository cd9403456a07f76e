// File helpers for writes that never leave half a file behind and never clobber unasked.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Raised when a target exists and the caller did not allow overwriting. */
export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists (use --force to overwrite)`);
    this.name = 'FileExistsError';
  }
}

/** A temp path in the same folder as `target`, so the final rename stays on one file system. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Moves a finished temp file onto `target`: rename when overwriting is allowed, else a hard link
 * (which fails if the target appeared meanwhile) and an unlink of the temp file.
 */
export async function commitTemp(temp: string, target: string, overwrite: boolean): Promise<void> {
  if (overwrite) { await rename(temp, target); return; }
  try {
    await link(temp, target);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(target);
    throw e;
  }
  await unlink(temp);
}

/** Writes `data` to `target` atomically (temp file + rename). */
export async function writeFileAtomic(target: string, data: string | Uint8Array, options: { overwrite: boolean }): Promise<void> {
  if (!options.overwrite && existsSync(target)) throw new FileExistsError(target);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, data);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
  await commitTemp(temp, target, options.overwrite);
}

/** SHA-256 of a file, hex, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
