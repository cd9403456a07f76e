// What every importer returns, and the error they all throw on bad input.
import type { ModelMetadata, ResultsMetadata } from '../metadata/types';

/** Bad input: the message names the file (and line/column where known); nothing has been written. */
export class ImportError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** One source's worth of imported metadata. `results[i].model` points at `model` when both are present. */
export interface ImportBundle {
  /** What was read, for messages (a folder, a file, a hub URL). */
  source: string;
  model?: ModelMetadata;
  results: ResultsMetadata[];
  /** Things that were skipped or guessed; the import still succeeded. */
  warnings: string[];
}
