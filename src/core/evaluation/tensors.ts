// Dataset rows → typed arrays for one batch, with a located error for any cell that is not a
// number. The arrays are reused from batch to batch.
import type { TensorDType } from '../metadata/types';
import type { Cell } from '../datasets/types';
import type { JobInput } from './job';

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array;

function allocate(dtype: TensorDType, n: number): TensorData {
  switch (dtype) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int32': return new Int32Array(n);
    case 'int64': return new BigInt64Array(n);
  }
}

/** Where a cell sits: the data row (1-based) and, when known, its line. */
export interface CellPlace {
  index: number;
  line?: number;
}

/** A cell that cannot feed the model; the evaluator turns it into a located EvaluationError. */
export class CellError extends Error {
  constructor(readonly place: CellPlace, readonly column: string, readonly detail: string) {
    super(`row ${place.index}, column '${column}': ${detail}`);
  }
}

/** "data.csv: row 17 (line 18), column 'x': 'abc' is not a number". */
export function cellMessage(file: string, e: CellError, line?: number): string {
  return `${file}: row ${e.place.index}${line !== undefined ? ` (line ${line})` : ''}, column '${e.column}': ${e.detail}`;
}

/** A cell as a finite number, or a CellError. */
export function numericCell(v: Cell, column: string, place: CellPlace, integer = false): number {
  let x: number;
  if (typeof v === 'number') x = v;
  else if (typeof v === 'string') {
    x = Number(v);
    // Number('') and Number('  ') are 0: only then look at the text (no trim() on every cell).
    if (x === 0 && v.trim() === '') x = NaN;
  } else x = NaN;
  if (!Number.isFinite(x)) {
    const shown = v === undefined ? 'missing' : `'${typeof v === 'string' ? v : JSON.stringify(v)}' is not a number`;
    throw new CellError(place, column, shown);
  }
  if (integer && !Number.isInteger(x)) throw new CellError(place, column, `${x} is not a whole number`);
  return x;
}

/** One input's buffer for a batch of up to `capacity` rows. */
export class InputBuffer {
  readonly data: TensorData;
  /** Values per row. */
  readonly width: number;

  constructor(readonly input: JobInput, readonly capacity: number) {
    this.width = input.columns.length;
    this.data = allocate(input.dtype, capacity * this.width);
  }

  /** Writes `row`'s cells at batch position `at`. */
  set(at: number, row: Record<string, Cell>, place: CellPlace): void {
    const { columns, dtype } = this.input;
    const base = at * this.width;
    const integer = dtype === 'int32' || dtype === 'int64';
    for (let j = 0; j < columns.length; j++) {
      const x = numericCell(row[columns[j]], columns[j], place, integer);
      if (dtype === 'int64') (this.data as BigInt64Array)[base + j] = BigInt(x);
      else (this.data as Float32Array)[base + j] = x;
    }
  }

  /** Clears positions from `from` on (padding for models with a fixed batch size). */
  clearFrom(from: number): void {
    this.data.fill(this.input.dtype === 'int64' ? (0n as never) : (0 as never), from * this.width);
  }

  /** Dimensions for a batch of `n` rows. */
  dims(n: number): number[] {
    return [n, ...this.input.shape];
  }
}
