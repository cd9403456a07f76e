// Hover: the schema's documentation (vscode-json-languageservice) and, on a reference, a summary of
// the file it points at. Strings from metadata files are escaped: they are data, not markup.
import { getLocation } from 'jsonc-parser';
import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver';
import { describeTaxonomyPath } from '../src/core/metadata/taxonomy';
import type { IndexedFile } from '../src/core/registry/workspaceIndex';
import { openFile, type Context } from './context';
import { tooDeep } from './jsonServices';
import { referenceAt } from './targets';

export const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&').replace(/\r?\n/g, ' ');

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Name, version, size, license and known issues of a dataset or model file. */
export function summary(target: IndexedFile): string {
  const v = (target.value ?? {}) as Record<string, unknown>;
  const lines = [`**${target.kind}** \`${escapeMarkdown(target.name ?? '(unnamed)')}\`${target.version ? ` version ${escapeMarkdown(target.version)}` : ''} — ${escapeMarkdown(target.rel)}`];
  const field = (label: string, value: unknown) => {
    const t = text(value);
    if (t) lines.push(`- ${label}: ${escapeMarkdown(t)}`);
  };
  field('Description', v.description ?? v.model_description);
  field('Size', v.size);
  field('License', v.license ?? v.model_license);
  const issues = Array.isArray(v.known_issues) ? v.known_issues : Array.isArray(v.model_limitations) ? v.model_limitations : [];
  if (issues.length) {
    lines.push('- Known issues:');
    for (const i of issues.slice(0, 10)) lines.push(`  - ${escapeMarkdown(text(i) ?? '')}`);
    if (issues.length > 10) lines.push(`  - … and ${issues.length - 10} more`);
  }
  return lines.join('\n');
}

export function registerHover(ctx: Context): void {
  ctx.connection.onHover(async (params): Promise<Hover | null> => {
    const f = await openFile(ctx, params.textDocument.uri);
    if (!f || tooDeep(f)) return null;
    const offset = f.doc.offsetAt(params.position);
    const parts: string[] = [];
    const hit = f.file && referenceAt(f.index, f.file, offset);
    if (hit?.target) parts.push(summary(hit.target));
    else if (hit?.ref.path && hit.part) parts.push(`No ${hit.ref.targetKind} metadata file at \`${escapeMarkdown(hit.ref.path.value)}\``);
    if (f.file?.kind === 'dataset') {
      const loc = getLocation(f.text, offset);
      const node = loc.previousNode;
      if (loc.path[0] === 'taxonomy' && typeof loc.path[1] === 'number' && node?.type === 'string') {
        const about = describeTaxonomyPath(node.value, f.index.config.taxonomyExtra);
        parts.push(`**Taxonomy** \`${escapeMarkdown(node.value)}\`: ${about ? escapeMarkdown(about) : 'not a known path'}`);
      }
    }
    const service = ctx.json.serviceFor(f);
    const schemaHover = service && (await service.doHover(f.doc, params.position, ctx.json.parse(service, f.doc)));
    if (schemaHover) {
      for (const c of [schemaHover.contents].flat()) parts.push(typeof c === 'string' ? c : 'kind' in c ? (c as MarkupContent).value : '```' + c.language + '\n' + c.value + '\n```');
    }
    if (!parts.length) return null;
    return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: schemaHover?.range };
  });
}
