// A small registry in a temporary folder: datasets, a model, results, and files with known problems.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FILES: Record<string, unknown> = {
  'datasets/iris.dataset.json': {
    name: 'iris', version: '1.0', description: 'Fisher iris measurements.', size: '4 KB', license: 'CC0-1.0',
    known_issues: ['two samples are mislabelled'], taxonomy: ['specific_datasets/botany'], collection_date: '1936-01-01',
  },
  'datasets/iris-clean.dataset.json': {
    name: 'iris-clean', version: '2.0', description: 'Iris without the mislabelled rows.', license: 'CC0-1.0',
    derived_from: [{ name: 'iris', version: '1.0', metadata_reference: 'iris.dataset.json' }],
  },
  'models/classifier.model.json': {
    model_name: 'iris-classifier', model_version: '1.0', model_architecture: 'MLP', model_training_date: '2024-05-01',
    training_dataset: { name: 'iris', version: '1.0', metadata_reference: '../datasets/iris.dataset.json' },
    test_dataset: { name: 'iris-clean', version: '2.0', metadata_reference: '../datasets/iris-clean.dataset.json' },
  },
  'results/classifier-iris.results.json': {
    model: { name: 'iris-classifier', version: '1.0', metadata_reference: '../models/classifier.model.json' },
    dataset: { name: 'iris', version: '1.0', metadata_reference: '../datasets/iris.dataset.json' },
    metrics: { accuracy: 0.93 },
  },
};

/** Files with one problem each, as raw text (some are not valid JSON on purpose). */
export const BROKEN: Record<string, string> = {
  'models/missing-comma.model.json': '{\n  "model_name": "a"\n  "model_version": "1.0"\n}\n',
  'models/typo.model.json': '{\n  "model_name": "b",\n  "model_nmae": "x"\n}\n',
  'models/mismatch.model.json': '{\n  "model_name": "c",\n  "training_dataset": { "name": "irsi", "version": "1.0", "metadata_reference": "../datasets/iris.dataset.json" }\n}\n',
  'models/dangling.model.json': '{\n  "model_name": "d",\n  "training_dataset": { "name": "news", "version": "3", "metadata_reference": "../datasets/news.dataset.json" }\n}\n',
  'models/olddate.model.json': '{\n  "model_name": "e",\n  "model_training_date": "01/01/00"\n}\n',
  'datasets/taxo.dataset.json': '{\n  "name": "t",\n  "taxonomy": ["web/newz"]\n}\n',
  'datasets/noname.dataset.json': '{\n  "version": "1"\n}\n',
};

export interface Registry { root: string; path(rel: string): string; write(rel: string, text: string): string; dispose(): void }

export function makeRegistry(options: { broken?: boolean } = {}): Registry {
  const root = mkdtempSync(join(tmpdir(), 'modelops-lsp-'));
  const write = (rel: string, text: string) => {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };
  for (const [rel, value] of Object.entries(FILES)) write(rel, JSON.stringify(value, null, 2) + '\n');
  if (options.broken) for (const [rel, text] of Object.entries(BROKEN)) write(rel, text);
  return { root, path: (rel) => join(root, rel), write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
