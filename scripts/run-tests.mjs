// Runs test/**/*.test.ts with node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [folder-or-file ...]   (default: test/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function* testFiles(p) {
  if (statSync(p).isFile()) { yield p; return; }
  for (const name of readdirSync(p).sort()) {
    const q = join(p, name);
    if (statSync(q).isDirectory()) { if (name !== 'fixtures') yield* testFiles(q); }
    else if (name.endsWith('.test.ts')) yield q;
  }
}

const roots = process.argv.slice(2);
const files = (roots.length ? roots : ['test']).flatMap((r) => [...testFiles(r)]);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
