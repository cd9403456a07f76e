// Markdown tooltips for registry items. Every value from a file is escaped: it is data, and is
// shown as text (the extension also renders these untrusted, without HTML).
import type { RegistryFile } from '../protocol';
import { architectureOf, dataOf, displayName, formatMetric, metricsOf, resultsSubject, str, stringList, taxonomyOf, trainingDateOf, versionOf } from './facts';

/** Escapes markdown syntax and HTML so the text renders as itself. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!~|<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(/\r?\n/g, '  \n');
}

const clip = (s: string, max = 400) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const esc = (s: string, max?: number) => escapeMarkdown(clip(s, max));

function problemsLine(f: RegistryFile): string | undefined {
  if (!f.errors && !f.warnings) return undefined;
  const parts = [];
  if (f.errors) parts.push(`${f.errors} error${f.errors === 1 ? '' : 's'}`);
  if (f.warnings) parts.push(`${f.warnings} warning${f.warnings === 1 ? '' : 's'}`);
  return `$(warning) ${parts.join(', ')}: see the Problems panel`;
}

function metricsTable(metrics: [string, number][]): string[] {
  if (!metrics.length) return [];
  return ['', '| metric | value |', '| --- | ---: |', ...metrics.slice(0, 12).map(([k, v]) => `| ${esc(k, 60)} | ${formatMetric(v)} |`)];
}

function field(label: string, value: string | undefined, max?: number): string[] {
  return value ? [`**${label}:** ${esc(value, max)}  `] : [];
}

function footer(f: RegistryFile): string[] {
  return ['', `$(file) ${esc(f.rel)}`, ...(problemsLine(f) ? ['', problemsLine(f)!] : [])];
}

export function modelTooltip(f: RegistryFile): string {
  const d = dataOf(f);
  const version = versionOf(f);
  const lines = [`### ${esc(displayName(f), 120)}${version ? ` ${esc(version, 40)}` : ''}`, ''];
  const description = str(d.model_description) ?? str(d.description);
  if (description) lines.push(esc(description, 600), '');
  lines.push(
    ...field('Architecture', architectureOf(f), 200),
    ...field('Trained', trainingDateOf(f)),
    ...field('Authors', stringList(d.model_authors ?? d.author).join(', ') || undefined, 300),
    ...field('License', str(d.model_license) ?? str(d.license)),
  );
  lines.push(...metricsTable(metricsOf(f)), ...footer(f));
  return lines.join('\n');
}

export function datasetTooltip(f: RegistryFile): string {
  const d = dataOf(f);
  const version = versionOf(f);
  const lines = [`### ${esc(displayName(f), 120)}${version ? ` ${esc(version, 40)}` : ''}`, ''];
  const description = str(d.description);
  if (description) lines.push(esc(description, 600), '');
  lines.push(
    ...field('Taxonomy', taxonomyOf(f).join(', ') || undefined),
    ...field('Size', str(d.size)),
    ...field('Rows', typeof d.rows === 'number' ? d.rows.toLocaleString('en-US') : undefined),
    ...field('Collected', str(d.collection_date)),
    ...field('License', str(d.license)),
    ...field('Authors', stringList(d.authors).join(', ') || undefined, 300),
  );
  const issues = stringList(d.known_issues);
  if (issues.length) lines.push('', '**Known issues:**', ...issues.slice(0, 5).map((i) => `- ${esc(i, 200)}`));
  lines.push(...footer(f));
  return lines.join('\n');
}

export function resultsTooltip(f: RegistryFile): string {
  const d = dataOf(f);
  const s = resultsSubject(f);
  const title = `${s.model ?? '?'}${s.modelVersion ? ` ${s.modelVersion}` : ''} on ${s.dataset ?? '?'}${s.datasetVersion ? ` ${s.datasetVersion}` : ''}`;
  const lines = [`### ${esc(title, 200)}`, ''];
  lines.push(
    ...field('Task', str(d.task)),
    ...field('Split', str(d.split)),
    ...field('Shots', typeof d.n_shot === 'number' ? String(d.n_shot) : undefined),
    ...field('Evaluated', str(d.evaluated_at)),
    ...field('Samples', typeof d.samples_evaluated === 'number' ? String(d.samples_evaluated) : undefined),
    ...field('Source', str(d.source)),
  );
  lines.push(...metricsTable(metricsOf(f)), ...footer(f));
  return lines.join('\n');
}

export function tooltipOf(f: RegistryFile): string {
  return f.kind === 'model' ? modelTooltip(f) : f.kind === 'dataset' ? datasetTooltip(f) : resultsTooltip(f);
}

