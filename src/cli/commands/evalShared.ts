// Pieces the eval and compare commands share: Ctrl-C as cancel, a progress line, number options.
import type { Progress } from '../../core/evaluation/job';
import { UsageError } from '../usage';

/** An AbortSignal that fires on the first Ctrl-C (a second one kills as usual). */
export function cancelOnInterrupt(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInt = () => {
    process.stderr.write('\ncancelling…\n');
    controller.abort();
    process.removeListener('SIGINT', onInt);
  };
  process.on('SIGINT', onInt);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onInt) };
}

/** Rewrites one status line on a terminal; silent when stderr is not one. */
export function progressPrinter(prefix = ''): ((p: Progress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (p) => {
    process.stderr.write(`\r${prefix}${p.rows.toLocaleString('en')} rows (${Math.round(100 * p.fraction)}%)\x1b[K`);
    if (p.fraction >= 1) process.stderr.write('\r\x1b[K');
  };
}

export function positiveInt(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number ≥ 1, got '${v}'`);
  return n;
}

export function wholeNumber(flag: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} takes a whole number ≥ 0, got '${v}'`);
  return n;
}

/** Warnings from a run, on stderr so they do not mix with the printed results. */
export function printWarnings(warnings: readonly string[] | undefined, model?: string): void {
  for (const w of warnings ?? []) process.stderr.write(`warning${model ? ` (${model})` : ''}: ${w}\n`);
}
