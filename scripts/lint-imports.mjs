// Only the extension's feature code may import 'vscode': never src/core, src/cli, server or webview.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const forbidden = ['src/core', 'src/cli', 'server', 'webview'];
const pattern = /(?:from\s+|require\(\s*|import\(\s*)['"]vscode['"]/;

function* files(dir) {
  let names;
  try { names = readdirSync(dir); } catch { return; }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) yield p;
  }
}

const offenders = forbidden.flatMap((d) => [...files(d)]).filter((f) => pattern.test(readFileSync(f, 'utf8')));
for (const f of offenders) console.error(`${f}: imports 'vscode', which only src/<feature> code may do`);
if (offenders.length) process.exit(1);
console.log(`lint: no 'vscode' imports outside src/<feature> code`);
