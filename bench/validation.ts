// Figure 1: `modelops validate` against Python's jsonschema loop, whole-process wall time.
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRegistry } from './generate';
import { stats, timeProcess, type Figure } from './harness';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const PYTHON = '/usr/bin/python3'; // Debian's, with Debian's python3-jsonschema
const BASELINE = join(__dirname, 'jsonschema_baseline.py');
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'llm-pretraining-behaviours');

/**
 * The floor, reported only: a bare node process that reads the same files and JSON.parses them, and
 * nothing else. No Node tool that reads every file can be faster than this.
 */
const FLOOR = `const fs = require('fs'), path = require('path'); let n = 0;
for (const dir of process.argv.slice(1)) for (const f of fs.readdirSync(dir)) {
  if (!f.endsWith('.json')) continue;
  const text = fs.readFileSync(path.join(dir, f), 'utf8');
  try { JSON.parse(text); } catch {}
  n++;
}
console.log(n + ' files');`;

/** `dirs`: the folders of the files the baseline reads, for the floor. */
function compare(name: string, root: string, ours: string[], theirs: string[], dirs: string[], runs: number): Figure {
  const o: number[] = [];
  const t: number[] = [];
  const f: number[] = [];
  // Alternated, so load on the shared machine hits all three alike.
  for (let i = 0; i < runs; i++) {
    o.push(timeProcess(process.execPath, [CLI, 'validate', ...ours], { cwd: root }));
    t.push(timeProcess(PYTHON, [BASELINE, ...theirs], { cwd: root }));
    f.push(timeProcess(process.execPath, ['-e', FLOOR, ...dirs], { cwd: root }));
  }
  const figure: Figure = {
    name, unit: 'ms', ours: stats(o), baseline: { name: "Python jsonschema loop", stats: stats(t) }, target: '≥ 10x faster', met: false,
  };
  figure.met = figure.baseline!.stats.median / figure.ours.median >= 10;
  const floor = stats(f);
  figure.notes = `floor (a bare node process that only reads and JSON.parses the same files): ${floor.median.toFixed(0)} ms `
    + `(${floor.min.toFixed(0)}–${floor.max.toFixed(0)}), so no Node tool can be more than ${(figure.baseline!.stats.median / floor.median).toFixed(1)}x faster than the baseline here; `
    + `ours is ${(figure.ours.median / floor.median).toFixed(1)}x the floor`;
  return figure;
}

/**
 * Reported only: the same corpus against the loop with jsonschema's format checker, which checks
 * the dates the plain loop skips (and so finds the same date problems we report as warnings).
 */
function compareWithFormats(name: string, root: string, theirs: string[], runs: number): Figure {
  const o: number[] = [];
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    o.push(timeProcess(process.execPath, [CLI, 'validate', '.'], { cwd: root }));
    t.push(timeProcess(PYTHON, [BASELINE, '--formats', ...theirs], { cwd: root }));
  }
  return { name, unit: 'ms', ours: stats(o), baseline: { name: 'Python jsonschema loop with its format checker', stats: stats(t) }, target: 'reported only', met: true };
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const gen = mkdtempSync(join(tmpdir(), 'modelops-bench-'));
  try {
    generateRegistry(gen, 10_000);
    const s = (k: string) => join(REPO, 'schemas', `${k}.schema.json`);
    figures.push(compare('Registry validation, 10,000 generated files', gen, ['.'],
      [`${s('dataset')}:datasets/*.json`, `${s('model')}:models/*.json`, `${s('results')}:results/*.json`], ['datasets', 'models', 'results'], 5));

    const corpus = join(gen, 'corpus');
    cpSync(CORPUS, corpus, { recursive: true });
    writeFileSync(join(corpus, 'modelops.config.json'), JSON.stringify({
      registries: [
        { kind: 'model', include: ['model_metadata/*.json'], schema: 'model_metadata_schema.json' },
        { kind: 'dataset', include: ['dataset_metadata/*.json'], schema: 'dataset_metadata_schema.json' },
        { kind: 'results', include: ['model_scores/*.json'], schema: 'model_results_schema.json' },
      ],
    }));
    const theirs = ['model_metadata_schema.json:model_metadata/*.json', 'dataset_metadata_schema.json:dataset_metadata/*.json', 'model_results_schema.json:model_scores/*.json'];
    figures.push(compare('Registry validation, the real corpus (331 files, its own draft-07 schemas)', corpus, ['.'], theirs,
      ['model_metadata', 'dataset_metadata', 'model_scores'], 7));
    figures.push(compareWithFormats('Registry validation, the real corpus, both checking its date formats', corpus, theirs, 7));
  } finally {
    rmSync(gen, { recursive: true, force: true });
  }
  return figures;
}
