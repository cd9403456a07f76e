// URIs at the protocol edge, absolute file paths inside (the index works in paths).
import { resolve, relative, isAbsolute, sep } from 'node:path';
import { URI } from 'vscode-uri';

export function uriToPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? resolve(u.fsPath) : undefined;
}

export function pathToUri(path: string): string {
  return URI.file(path).toString();
}

/** Whether `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}
