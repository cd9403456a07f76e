// Lists the JSON files under a root, skipping what git ignores and never leaving the root.
import { promises as fs } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.modelops']);

interface Rules { base: string; ig: Ignore }

async function gitignoreAt(dir: string, root: string): Promise<Rules | undefined> {
  try {
    const text = await fs.readFile(join(dir, '.gitignore'), 'utf8');
    return { base: relative(root, dir).split(sep).join('/'), ig: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function ignored(rules: Rules[], rel: string, isDir: boolean): boolean {
  for (const r of rules) {
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (sub && r.ig.ignores(isDir ? sub + '/' : sub)) return true;
  }
  return false;
}

/** Relative paths (forward slashes) of the `.json` files under root. Symlinks are not followed. */
export async function listJsonFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  /** `relDir`: dir relative to root with forward slashes ('' for the root), so entries need no relative(). */
  async function visit(dir: string, relDir: string, rules: Rules[]): Promise<void> {
    const here = await gitignoreAt(dir, root);
    const active = here ? [...rules, here] : rules;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are skipped; a file named explicitly still gets a message
    }
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!ALWAYS_SKIPPED.has(e.name) && !ignored(active, rel, true)) subdirs.push(visit(join(dir, e.name), rel, active));
      } else if (e.isFile() && e.name.endsWith('.json') && !ignored(active, rel, false)) {
        out.push(rel);
      }
    }
    await Promise.all(subdirs);
  }
  await visit(root, '', []);
  return out.sort();
}
