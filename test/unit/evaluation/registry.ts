// A throwaway registry for evaluation tests: models, ONNX files, datasets and data in a temp dir.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class TestRegistry {
  readonly root = mkdtempSync(join(tmpdir(), 'modelops-eval-'));

  constructor() {
    for (const d of ['models', 'artifacts', 'datasets', 'data']) mkdirSync(join(this.root, d));
  }

  path(...p: string[]): string {
    return join(this.root, ...p);
  }

  onnx(name: string, bytes: Uint8Array | string): string {
    writeFileSync(this.path('artifacts', name), bytes);
    return `../artifacts/${name}`;
  }

  /** A dataset metadata file and its CSV data. */
  dataset(name: string, csv: string, extra: Record<string, unknown> = {}): string {
    writeFileSync(this.path('data', `${name}.csv`), csv);
    const meta = this.path('datasets', `${name}.json`);
    writeFileSync(meta, JSON.stringify({ name, version: '1', path: `../data/${name}.csv`, ...extra }, null, 2));
    return meta;
  }

  /** A model metadata file; `evaluation` overrides the defaults below. */
  model(name: string, onnx: string, dataset: string, evaluation: Record<string, unknown>): string {
    const file = this.path('models', `${name}.json`);
    writeFileSync(file, JSON.stringify({
      model_name: name,
      model_version: '1.0',
      artifacts: { onnx },
      evaluation: { dataset: { name: dataset, version: '1', metadata_reference: `../datasets/${dataset}.json` }, ...evaluation },
    }, null, 2));
    return file;
  }
}
