// A model's local artifacts (ONNX file, checkpoint, other files): where they are, whether they
// exist, and their size on disk. Paths in the file are relative to the model file.
import { lstat, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import type { RegistryFile } from '../protocol';
import { dataOf, isObj } from './facts';

const pathText = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export interface ArtifactRef {
  /** `onnx`, `checkpoint` or `files/<i>`. */
  role: string;
  /** As written in the file. */
  written: string;
  /** Absolute path. */
  path: string;
  description?: string;
}

export interface ArtifactInfo extends ArtifactRef {
  exists: boolean;
  directory: boolean;
  /** Bytes on disk (a folder: the sum of its files). */
  size?: number;
  /** True when a folder was too large to count fully (size is a lower bound). */
  partial?: boolean;
}

/** The artifacts a model file names (nothing read from disk). */
export function artifactRefs(model: RegistryFile): ArtifactRef[] {
  const a = dataOf(model).artifacts;
  if (!isObj(a)) return [];
  const base = dirname(URI.parse(model.uri).fsPath);
  const at = (p: string) => (isAbsolute(p) ? resolve(p) : resolve(base, p));
  const out: ArtifactRef[] = [];
  for (const role of ['onnx', 'checkpoint'] as const) {
    const p = pathText(a[role]);
    if (p) out.push({ role, written: p, path: at(p) });
  }
  if (Array.isArray(a.files)) {
    a.files.forEach((f, i) => {
      const p = isObj(f) ? pathText(f.path) : undefined;
      if (p) out.push({ role: `files/${i}`, written: p, path: at(p), description: isObj(f) && typeof f.description === 'string' ? f.description : undefined });
    });
  }
  // One entry per path: `onnx` and a `files` entry may name the same file.
  return out.filter((r, i) => out.findIndex((o) => o.path === r.path) === i);
}

const MAX_ENTRIES = 20_000;

/** Size on disk of a file or folder (symlinks are not followed). */
async function sizeOf(path: string): Promise<{ size: number; partial: boolean }> {
  let size = 0;
  let seen = 0;
  const stack = [path];
  while (stack.length) {
    const p = stack.pop()!;
    if (++seen > MAX_ENTRIES) return { size, partial: true };
    const s = await lstat(p).catch(() => undefined);
    if (!s) continue;
    if (s.isDirectory()) {
      for (const name of await readdir(p).catch(() => [] as string[])) stack.push(join(p, name));
    } else {
      size += s.size;
    }
  }
  return { size, partial: false };
}

export async function statArtifact(ref: ArtifactRef): Promise<ArtifactInfo> {
  const s = await lstat(ref.path).catch(() => undefined);
  if (!s) return { ...ref, exists: false, directory: false };
  const { size, partial } = await sizeOf(ref.path);
  return { ...ref, exists: true, directory: s.isDirectory(), size, ...(partial ? { partial } : {}) };
}

export function statArtifacts(model: RegistryFile): Promise<ArtifactInfo[]> {
  return Promise.all(artifactRefs(model).map(statArtifact));
}

/** "1.5 MB" style (powers of 1024, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

/**
 * Whether removing this artifact is allowed: only inside one of the given folders (the
 * workspace), and never the folder itself or the model file's own folder.
 */
export function removableArtifact(path: string, folders: readonly string[], modelFile?: string): { ok: true } | { ok: false; reason: string } {
  const p = resolve(path);
  const inside = folders.some((f) => {
    const r = relative(resolve(f), p);
    return r !== '' && !r.startsWith('..') && !isAbsolute(r);
  });
  if (!inside) return { ok: false, reason: `${path} is not inside the workspace` };
  if (modelFile && (p === resolve(modelFile) || p === dirname(resolve(modelFile)) || resolve(modelFile).startsWith(p + sep))) {
    return { ok: false, reason: `${path} holds the model's metadata file` };
  }
  return { ok: true };
}
