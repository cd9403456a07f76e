// A synthetic registry of N metadata files: 10% datasets (with lineage), 45% models, 45% results,
// all cross-referenced, all valid. For benchmarks only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateRegistry(root: string, n: number): void {
  const nd = Math.max(1, Math.round(n * 0.1));
  const nm = Math.round((n - nd) / 2);
  const nr = n - nd - nm;
  for (const d of ['datasets', 'models', 'results']) mkdirSync(join(root, d), { recursive: true });
  const write = (rel: string, v: object) => writeFileSync(join(root, rel), JSON.stringify(v, null, 2));
  const ds = (i: number) => ({ name: `dataset-${i}`, version: '1.0', metadata_reference: `../datasets/dataset-${i}.dataset.json` });
  for (let i = 0; i < nd; i++) {
    write(`datasets/dataset-${i}.dataset.json`, {
      name: `dataset-${i}`, version: '1.0', size: '1.2 GB', source: ['web crawl'], format: 'jsonl', license: 'CC-BY-4.0',
      taxonomy: ['web/news'], collection_date: '2024-01-15', rows: 1000 + i,
      ...(i > 0 ? { derived_from: [{ ...ds(i - 1), metadata_reference: `./dataset-${i - 1}.dataset.json`, transform: 'filtered' }] } : {}),
    });
  }
  for (let i = 0; i < nm; i++) {
    write(`models/model-${i}.model.json`, {
      model_name: `model-${i}`, model_version: '1.0', model_architecture: 'Transformer',
      hyperparameters: { learning_rate: 0.001, batch_size: 32, epochs: 3 }, model_training_date: '2024-03-01',
      model_authors: ['A. Person'], model_description: 'A benchmark model.',
      training_dataset: ds(i % nd), test_dataset: ds((i + 1) % nd),
      model_performance_metrics: { accuracy: 0.9, precision: 0.9, recall: 0.9, f1_score: 0.9 }, model_license: 'MIT',
    });
  }
  for (let i = 0; i < nr; i++) {
    write(`results/result-${i}.results.json`, {
      model: { name: `model-${i % nm}`, version: '1.0', metadata_reference: `../models/model-${i % nm}.model.json` },
      dataset: ds(i % nd), metrics: { accuracy: 0.5 + (i % 50) / 100, f1_score: 0.4 + (i % 60) / 100 },
      split: 'test', samples_evaluated: 1000, duration_seconds: 1.5, evaluated_at: '2024-03-02T10:00:00Z', source: 'local-onnx',
    });
  }
}
