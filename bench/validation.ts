// Figure 1: `modelops validate` against Python's jsonschema loop, whole-process wall time.
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRegistry } from './generate';
import { alternate, stats, timeProcess, type Figure } from './harness';

const REPO = join(__dirname, '..');
const CLI = join(REPO, 'dist', 'cli.js');
const PYTHON = '/usr/bin/python3'; // Debian's, with Debian's python3-jsonschema
const BASELINE = join(__dirname, 'jsonschema_baseline.py');
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'llm-pretraining-behaviours');

function compare(name: string, root: string, ours: string[], theirs: string[], runs: number): Figure {
  const [o, t] = alternate(runs,
    () => timeProcess(process.execPath, [CLI, 'validate', ...ours], { cwd: root }),
    () => timeProcess(PYTHON, [BASELINE, ...theirs], { cwd: root }));
  const figure: Figure = {
    name, unit: 'ms', ours: stats(o), baseline: { name: "Python jsonschema loop", stats: stats(t) }, target: '≥ 10x faster', met: false,
  };
  figure.met = figure.baseline!.stats.median / figure.ours.median >= 10;
  return figure;
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const gen = mkdtempSync(join(tmpdir(), 'modelops-bench-'));
  try {
    generateRegistry(gen, 10_000);
    const s = (k: string) => join(REPO, 'schemas', `${k}.schema.json`);
    figures.push(compare('Registry validation, 10,000 generated files', gen, ['.'],
      [`${s('dataset')}:datasets/*.json`, `${s('model')}:models/*.json`, `${s('results')}:results/*.json`], 5));

    const corpus = join(gen, 'corpus');
    cpSync(CORPUS, corpus, { recursive: true });
    writeFileSync(join(corpus, 'modelops.config.json'), JSON.stringify({
      registries: [
        { kind: 'model', include: ['model_metadata/*.json'], schema: 'model_metadata_schema.json' },
        { kind: 'dataset', include: ['dataset_metadata/*.json'], schema: 'dataset_metadata_schema.json' },
        { kind: 'results', include: ['model_scores/*.json'], schema: 'model_results_schema.json' },
      ],
    }));
    figures.push(compare('Registry validation, the real corpus (331 files, its own draft-07 schemas)', corpus, ['.'],
      ['model_metadata_schema.json:model_metadata/*.json', 'dataset_metadata_schema.json:dataset_metadata/*.json', 'model_results_schema.json:model_scores/*.json'], 7));
  } finally {
    rmSync(gen, { recursive: true, force: true });
  }
  return figures;
}
