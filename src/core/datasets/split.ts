// split(train_ratio, seed, stratify_by?): which rows go to train and which to test.
// Works on row indices so a file can be split in two streaming passes.
import type { Row } from './types';
import { seededRandom, shuffle } from './random';

export interface SplitOptions {
  /** Fraction of rows for train, strictly between 0 and 1. Default 0.8. */
  trainRatio?: number;
  seed?: number | string;
  /** Column whose values keep their proportions in both parts. */
  stratifyBy?: string;
}

export function checkRatio(ratio: number): void {
  if (!(ratio > 0 && ratio < 1)) throw new RangeError(`train ratio must be between 0 and 1 (exclusive), got ${ratio}`);
}

/**
 * For `n` rows (or one stratum key per row), a mask with 1 for train and 0 for test.
 * Exactly round(ratio·n) rows go to train; each stratum (or the whole set) is shuffled with the
 * seed and gives its share from the front.
 */
export function assignSplit(rows: number | readonly string[], trainRatio = 0.8, seed: number | string = 0): Uint8Array {
  checkRatio(trainRatio);
  const random = seededRandom(seed);
  const n = typeof rows === 'number' ? rows : rows.length;
  const mask = new Uint8Array(n);
  const groups = new Map<string, number[]>();
  if (typeof rows === 'number') groups.set('', Array.from({ length: n }, (_, i) => i));
  else rows.forEach((k, i) => { const g = groups.get(k); if (g) g.push(i); else groups.set(k, [i]); });
  // Strata in sorted order so the PRNG sequence does not depend on which class appears first.
  const keys = [...groups.keys()].sort();
  // Each stratum gets floor(ratio·size) train rows; the rows still owed to reach round(ratio·n)
  // go to the strata with the largest remainders, so the total is exact as well.
  const take = new Map(keys.map((k) => [k, Math.floor(groups.get(k)!.length * trainRatio)]));
  let owed = Math.round(n * trainRatio) - [...take.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...keys].sort((a, b) => {
    const ra = groups.get(a)!.length * trainRatio - take.get(a)!;
    const rb = groups.get(b)!.length * trainRatio - take.get(b)!;
    return rb - ra;
  });
  for (const k of byRemainder) {
    if (owed <= 0) break;
    take.set(k, take.get(k)! + 1);
    owed -= 1;
  }
  for (const key of keys) {
    const idx = shuffle(groups.get(key)!, random);
    const t = take.get(key)!;
    for (let i = 0; i < t; i++) mask[idx[i]] = 1;
  }
  return mask;
}

/** The stratum key of a row: its cell as text (missing cells form their own stratum). */
export function stratumKey(row: Row, column: string): string {
  const v = row[column];
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** In-memory split: rows keep their original order inside each part. */
export function split<T extends Row>(rows: readonly T[], options: SplitOptions = {}): { train: T[]; test: T[] } {
  const keys = options.stratifyBy ? rows.map((r) => stratumKey(r, options.stratifyBy!)) : rows.length;
  const mask = assignSplit(keys, options.trainRatio ?? 0.8, options.seed ?? 0);
  const train: T[] = [];
  const test: T[] = [];
  rows.forEach((r, i) => (mask[i] ? train : test).push(r));
  return { train, test };
}
