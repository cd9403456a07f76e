// `npm run bench`: every figure, measured side by side in one run; printed and written to bench/results.md.
// Pass names to run some (`npm run bench -- validation indexScale`): only their sections are replaced.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  for (const name of names) {
    if (!suites[name]) throw new Error(`unknown benchmark '${name}' (have: ${Object.keys(suites).join(', ')})`);
  }
  const header = `Machine: ${machine()}.`;
  console.log(header);
  const sections = readSections();
  let missed = 0;
  for (const name of names) {
    const lines = [`## ${name}`, '', `Measured ${new Date().toISOString()}.`, ''];
    for (const f of await (await suites[name]()).run()) {
      const line = describe(f);
      console.log(line);
      lines.push(`- ${line}${f.notes ? ` — ${f.notes}` : ''}`);
      if (!f.met) missed++;
    }
    sections.set(name, lines.join('\n') + '\n');
    // Written after each suite, so a long run keeps what it measured.
    const ordered = Object.keys(suites).filter((n) => sections.has(n)).map((n) => sections.get(n));
    writeFileSync(RESULTS, [`# ModelOps benchmarks`, '', header, '', ...ordered].join('\n'));
  }
  console.log(`${missed} target(s) missed`);
}

const RESULTS = join(__dirname, 'results.md');

/** The sections of the existing results.md by suite name: running some suites replaces only theirs. */
function readSections(): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(RESULTS)) return out;
  for (const part of readFileSync(RESULTS, 'utf8').split(/^(?=## )/m).slice(1)) {
    out.set(part.slice(3, part.indexOf('\n')).trim(), part.endsWith('\n') ? part : part + '\n');
  }
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
