// sample(n, seed): n rows chosen uniformly without replacement, reproducible, in file order.
import type { Row } from './types';
import { seededRandom } from './random';

/**
 * Floyd's algorithm: n distinct indices out of `total` in O(n) memory, so a sample of a huge
 * file needs only its row count.
 */
export function chooseIndices(total: number, n: number, seed: number | string = 0): Set<number> {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample size must be a whole number ≥ 0, got ${n}`);
  if (n > total) throw new RangeError(`cannot sample ${n} rows from a dataset of ${total}`);
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  for (let j = total - n; j < total; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return chosen;
}

/** In-memory sample, rows in their original order. */
export function sample<T extends Row>(rows: readonly T[], n: number, seed: number | string = 0): T[] {
  const chosen = chooseIndices(rows.length, n, seed);
  return rows.filter((_, i) => chosen.has(i));
}
