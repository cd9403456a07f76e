// The users' `Dataset` API over the streaming tools, for data that fits in memory:
// load/save JSON, CSV, JSONL; split(train_ratio, seed, stratify_by); sample(n, seed).
import type { Row } from './types';
import { formatOf } from './format';
import { readAllRows } from './read';
import { writeRows } from './write';
import { split, type SplitOptions } from './split';
import { sample } from './sample';
import { sanitize, type SanitizeOptions, type SanitizeReport } from './sanitize';
import { validate, type ValidateOptions, type ValidationResult } from './validate';

export class Dataset {
  constructor(readonly rows: Row[]) {}

  /** Reads a .csv, .jsonl or .json (array of objects) file. */
  static async load(path: string, format?: string): Promise<Dataset> {
    return new Dataset(await readAllRows({ path, format: formatOf(path, format) }));
  }

  /** Writes atomically; refuses to replace an existing file unless `overwrite`. */
  async save(path: string, options: { format?: string; overwrite?: boolean } = {}): Promise<{ rows: number; sha256: string }> {
    const columns = [...new Set(this.rows.flatMap((r) => Object.keys(r)))];
    return writeRows({ path, format: formatOf(path, options.format) }, this.rows, { overwrite: options.overwrite, columns });
  }

  get length(): number {
    return this.rows.length;
  }

  split(trainRatio = 0.8, seed: number | string = 0, stratifyBy?: string): { train: Dataset; test: Dataset } {
    const options: SplitOptions = { trainRatio, seed, ...(stratifyBy ? { stratifyBy } : {}) };
    const { train, test } = split(this.rows, options);
    return { train: new Dataset(train), test: new Dataset(test) };
  }

  sample(n: number, seed: number | string = 0): Dataset {
    return new Dataset(sample(this.rows, n, seed));
  }

  /** The users' DatasetSanitizer.sanitize. */
  sanitize(options: SanitizeOptions = {}): { dataset: Dataset; report: SanitizeReport } {
    const r = sanitize(this.rows, options);
    return { dataset: new Dataset(r.rows), report: r.report };
  }

  /** The users' DatasetSanitizer.validate. */
  validate(options: ValidateOptions = {}): ValidationResult {
    return validate(this.rows, options);
  }
}
