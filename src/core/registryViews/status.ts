// The status bar's summary and the problem decoration of a tree item, as plain data.
import type { RegistryResult } from '../protocol';
import type { Problems } from './tree';

export interface StatusSummary {
  models: number;
  datasets: number;
  results: number;
  /** Files with at least one error / warning (not the number of problems). */
  filesWithErrors: number;
  filesWithWarnings: number;
  /** Status bar text, with codicons. */
  text: string;
  tooltip: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function statusSummary(r: RegistryResult): StatusSummary {
  const all = [...r.models, ...r.datasets, ...r.results];
  const filesWithErrors = all.filter((f) => f.errors > 0).length;
  const filesWithWarnings = all.filter((f) => f.warnings > 0).length;
  const text = `$(symbol-class) ${r.models.length} $(database) ${r.datasets.length}${filesWithErrors ? ` $(error) ${filesWithErrors}` : ''}`;
  const lines = [
    `ModelOps: ${plural(r.models.length, 'model')}, ${plural(r.datasets.length, 'dataset')}, ${plural(r.results.length, 'results file')}`,
    filesWithErrors ? `${plural(filesWithErrors, 'file')} with errors` : 'No file has errors',
  ];
  if (filesWithWarnings) lines.push(`${plural(filesWithWarnings, 'file')} with warnings`);
  lines.push('Click to open the Problems panel');
  return { models: r.models.length, datasets: r.datasets.length, results: r.results.length, filesWithErrors, filesWithWarnings, text, tooltip: lines.join('\n') };
}

export interface ProblemDecoration {
  /** At most 2 characters (VS Code's limit). */
  badge?: string;
  tooltip: string;
  /** A theme color id. */
  color: 'list.errorForeground' | 'list.warningForeground';
  /** Whether the mark also applies to the parents (groups get the color, not a badge). */
  propagate: boolean;
}

/** The red or yellow mark of an item with problems; undefined when it has none. */
export function problemDecoration(p: Problems | undefined, isGroup = false): ProblemDecoration | undefined {
  if (!p || (!p.errors && !p.warnings)) return undefined;
  const n = p.errors || p.warnings;
  const tooltip = [p.errors ? plural(p.errors, 'error') : '', p.warnings ? plural(p.warnings, 'warning') : ''].filter(Boolean).join(', ');
  return {
    badge: isGroup ? undefined : n > 9 ? '9+' : String(n),
    tooltip,
    color: p.errors ? 'list.errorForeground' : 'list.warningForeground',
    propagate: false,
  };
}
