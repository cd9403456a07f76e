// CSV records straight into a batch's typed arrays. Quote-free text is scanned in place (no field
// strings, no row objects) and plainly written decimals are parsed here; anything else goes
// through Number(), and a bad cell becomes the same located CellError as on every other path.
import { fieldCountError, type CsvText } from '../datasets/readCsv';
import { EvaluationError } from './errors';
import type { EvaluationJob } from './job';
import { CellError, numericCell, type CellPlace, type InputBuffer, type TensorData } from './tensors';

// 10^0…10^15, each exact.
const POW10 = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** The header (or first row's keys) tells whether the label and input columns exist at all. */
export function checkColumns(job: EvaluationJob, have: readonly string[], file: string): void {
  const list = have.join(', ');
  if (!have.includes(job.labelColumn)) {
    throw new EvaluationError('data', `${file}: label column '${job.labelColumn}' does not exist; columns: ${list}`);
  }
  const missing = job.inputs.flatMap((x) => x.columns.filter((c) => !have.includes(c)).map((c) => `'${c}' (input '${x.name}')`));
  if (missing.length) throw new EvaluationError('data', `${file}: column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} do${missing.length > 1 ? '' : 'es'} not exist; columns: ${list}`);
}

/** Where the last scanDecimal stopped: the field's comma, or the record's end. */
let fieldEnd = 0;

/**
 * The number a plainly written decimal ("-12.50", ".5", "3.") starting at text[p] stands for,
 * exactly what Number() gives; NaN for any other text (exponents, spaces, over 15 digits, …).
 * The field ends at the next comma or at `end`; fieldEnd says where.
 */
export function scanDecimal(text: string, p: number, end: number): number {
  let i = p;
  const negative = i < end && text.charCodeAt(i) === 45; // '-'
  if (negative) i += 1;
  let m = 0;
  let digits = 0;
  let scale = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) break; // ','
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      m = m * 10 + d;
      digits += 1;
      if (dot) scale += 1;
    } else if (d === -2 && !dot) dot = true; // '.'
    else {
      const q = text.indexOf(',', i);
      fieldEnd = q === -1 || q > end ? end : q;
      return NaN;
    }
  }
  fieldEnd = i;
  // With at most 15 digits m < 2^53 and 10^scale are exact, so one division rounds correctly.
  if (digits === 0 || digits > 15) return NaN;
  const x = m / POW10[scale];
  return negative ? -x : x;
}

/** A cell's number as the model input needs it, or NaN (the caller then asks numericCell why). */
function cellNumber(s: string, integer: boolean): number {
  const x = +s;
  // x - x is NaN for NaN and ±Infinity; +'' and +'  ' are 0, the only case needing trim().
  if (x - x !== 0 || (x === 0 && s.trim() === '') || (integer && !Number.isInteger(x))) return NaN;
  return x;
}

const NONE: readonly Target[] = [];

/** Where one CSV column goes: a slot of one input's rows. */
interface Target {
  column: string;
  data: TensorData;
  width: number;
  slot: number;
  kind: 'float' | 'int32' | 'int64';
}

export class CsvFeed {
  /** Targets of header field f: targets[f] (empty for columns the model does not read). */
  private readonly targets: Target[][];
  private readonly labelField: number;
  private readonly width: number;
  /** Labels the model can output, returned as they are instead of sliced from the text. */
  private readonly known: readonly string[];

  constructor(private readonly job: EvaluationJob, header: readonly string[], buffers: readonly InputBuffer[], private readonly file: string) {
    this.width = header.length;
    // With a repeated header name the last one counts, as in row objects.
    const field = (c: string) => header.lastIndexOf(c);
    checkColumns(job, header, file);
    this.labelField = field(job.labelColumn);
    this.targets = header.map(() => []);
    for (const b of buffers) {
      const { columns, dtype } = b.input;
      columns.forEach((column, slot) => {
        this.targets[field(column)].push({ column, data: b.data, width: b.width, slot, kind: dtype === 'int32' || dtype === 'int64' ? dtype : 'float' });
      });
    }
    this.known = job.task === 'classification' ? job.labels ?? [] : [];
  }

  /** Writes quote-free record i of `block` at batch position `at`; returns its truth label. */
  text(block: CsvText, i: number, at: number, index: number): string | number {
    const { text } = block;
    const start = block.starts[i];
    const end = block.ends[i];
    let labelAt = -1;
    let labelEnd = -1;
    let p = start;
    for (let f = 0; ; f++) {
      let q: number;
      const targets = f < this.width ? this.targets[f] : NONE;
      if (targets.length) {
        let x = scanDecimal(text, p, end);
        q = fieldEnd;
        if (x !== x) x = cellNumber(text.slice(p, q), false);
        for (let t = 0; t < targets.length; t++) {
          const target = targets[t];
          if (x !== x || (target.kind !== 'float' && !Number.isInteger(x))) this.textFailure(block, i, index, target, text.slice(p, q));
          store(target, at, x);
        }
      } else {
        q = text.indexOf(',', p);
        if (q === -1 || q > end) q = end;
      }
      if (f === this.labelField) { labelAt = p; labelEnd = q; }
      if (q === end) {
        if (f + 1 !== this.width) throw fieldCountError(this.file, index, f + 1, this.width, block.lines[i]);
        break;
      }
      p = q + 1;
    }
    if (this.job.task === 'regression') {
      const y = scanDecimal(text, labelAt, labelEnd);
      return y === y ? y : this.label(text.slice(labelAt, labelEnd), { index, line: block.lines[i] });
    }
    const { known } = this;
    for (let k = 0; k < known.length; k++) if (labelEnd - labelAt === known[k].length && text.startsWith(known[k], labelAt)) return known[k];
    return this.label(text.slice(labelAt, labelEnd), { index, line: block.lines[i] });
  }

  /** Writes split record `rec` (csv-parse's fields) at batch position `at`; returns its truth label. */
  fields(rec: readonly string[], at: number, place: CellPlace): string | number {
    for (let f = 0; f < this.width; f++) {
      const targets = this.targets[f];
      for (let t = 0; t < targets.length; t++) {
        const target = targets[t];
        const x = cellNumber(rec[f], target.kind !== 'float');
        if (x !== x) fail(target, rec[f], place);
        store(target, at, x);
      }
    }
    return this.label(rec[this.labelField], place);
  }

  private label(y: string, place: CellPlace): string | number {
    if (this.job.task === 'regression') return numericCell(y, this.job.labelColumn, place);
    // Only text starting with a space-like character can trim() to nothing.
    const c = y.charCodeAt(0);
    if (y.length === 0 || ((c <= 32 || c >= 0xa0) && y.trim() === '')) throw new CellError(place, this.job.labelColumn, 'the label is missing');
    return y;
  }

  /** A bad cell in a quote-free record; a wrong field count, found first when reading rows, wins. */
  private textFailure(block: CsvText, i: number, index: number, target: Target, cell: string): never {
    const fields = block.text.slice(block.starts[i], block.ends[i]).split(',').length;
    if (fields !== this.width) throw fieldCountError(this.file, index, fields, this.width, block.lines[i]);
    fail(target, cell, { index, line: block.lines[i] });
  }
}

function store(target: Target, at: number, x: number): void {
  const k = at * target.width + target.slot;
  if (target.kind === 'int64') (target.data as BigInt64Array)[k] = BigInt(x);
  else (target.data as Float32Array)[k] = x;
}

/** Throws numericCell's located CellError for a cell cellNumber refused. */
function fail(target: Target, cell: string, place: CellPlace): never {
  numericCell(cell, target.column, place, target.kind !== 'float');
  throw new CellError(place, target.column, `'${cell}' is not a number`);
}
