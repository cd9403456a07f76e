import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

/** A temp folder with the given files (path → text or object), removed after the test file. */
export function workspace(files: Record<string, string | object> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'modelops-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  for (const [rel, content] of Object.entries(files)) write(root, rel, content);
  return root;
}

export function write(root: string, rel: string, content: string | object): string {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  return p;
}

export function copyInto(root: string, from: string, rel: string): string {
  const p = join(root, rel);
  cpSync(from, p, { recursive: true });
  return p;
}
