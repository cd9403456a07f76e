// Figure 3: time and peak memory to index 1,000 / 10,000 / 50,000 files; growth must be linear.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRegistry } from './generate';
import { stats, type Figure } from './harness';

/** Loads the index in a fresh process so peak RSS is the index's own. */
function measure(root: string): { ms: number; rssMB: number } {
  const script = `
    const { WorkspaceIndex } = require('./src/core/registry/workspaceIndex');
    const t = process.hrtime.bigint();
    WorkspaceIndex.load(process.argv[1]).then((ix) => {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      console.log(JSON.stringify({ ms, files: ix.filesOf().length, rssMB: process.resourceUsage().maxRSS / 1024 }));
    });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script, root], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const perFile: number[] = [];
  for (const n of [1_000, 10_000, 50_000]) {
    const root = mkdtempSync(join(tmpdir(), 'modelops-scale-'));
    try {
      generateRegistry(root, n);
      const runs = Array.from({ length: n >= 50_000 ? 1 : 3 }, () => measure(root));
      const ms = stats(runs.map((r) => r.ms));
      const rss = Math.max(...runs.map((r) => r.rssMB));
      perFile.push(ms.median / n);
      const target = n === 10_000 ? '< 3 s and < 300 MB' : 'linear growth';
      figures.push({
        name: `Index ${n.toLocaleString('en')} files (peak RSS ${rss.toFixed(0)} MB, ${(ms.median / n * 1000).toFixed(0)} µs/file)`,
        unit: 'ms', ours: ms, target,
        met: n === 10_000 ? ms.median < 3000 && rss < 300 : ms.median / n <= 2 * perFile[0],
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return figures;
}
