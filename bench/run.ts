// `npm run bench`: every figure, measured side by side in one run; printed and written to bench/results.md.
// Pass names to run some: `npm run bench -- validation indexScale`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, machine, type Figure } from './harness';

/** Each module exports run(): Promise<Figure[]>. */
const suites: Record<string, () => Promise<{ run(): Promise<Figure[]> }>> = {
  validation: () => import('./validation'),
  indexScale: () => import('./indexScale'),
  leaderboard: () => import('./leaderboard'),
  importers: () => import('./importers'),
  logs: () => import('./logs'),
  editing: () => import('./editing'),
  eval: () => import('./eval'),
  startup: () => import('./startup'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : Object.keys(suites);
  const lines = [`# ModelOps benchmarks`, '', `Machine: ${machine()}. Date: ${new Date().toISOString()}.`, ''];
  console.log(lines[2]);
  let missed = 0;
  for (const name of names) {
    if (!suites[name]) throw new Error(`unknown benchmark '${name}' (have: ${Object.keys(suites).join(', ')})`);
    lines.push(`## ${name}`, '');
    for (const f of await (await suites[name]()).run()) {
      const line = describe(f);
      console.log(line);
      lines.push(`- ${line}${f.notes ? ` — ${f.notes}` : ''}`);
      if (!f.met) missed++;
    }
    lines.push('');
  }
  if (!wanted.length) writeFileSync(join(__dirname, 'results.md'), lines.join('\n'));
  console.log(`${missed} target(s) missed`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
