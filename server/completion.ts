// Completion: vscode-json-languageservice from our schemas, plus what only the registry knows —
// dataset/model names and versions inside references, metadata_reference paths, taxonomy paths,
// and a skeleton for an empty file.
import { dirname, relative, sep } from 'node:path';
import { findNodeAtLocation, getLocation, type Node, type Segment } from 'jsonc-parser';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver';
import { allTaxonomyPaths, describeTaxonomyPath } from '../src/core/metadata/taxonomy';
import type { Kind } from '../src/core/metadata/types';
import type { IndexedFile } from '../src/core/registry/workspaceIndex';
import { openFile, type Context, type OpenFile } from './context';
import { skeletonSnippet } from './templates';
import { tooDeep } from './jsonServices';

const REF_SPOTS: Record<Kind, { prefix: Segment[]; target: Kind }[]> = {
  model: [
    { prefix: ['training_dataset'], target: 'dataset' },
    { prefix: ['validation_dataset'], target: 'dataset' },
    { prefix: ['test_dataset'], target: 'dataset' },
    { prefix: ['evaluation', 'dataset'], target: 'dataset' },
  ],
  results: [
    { prefix: ['model'], target: 'model' },
    { prefix: ['dataset'], target: 'dataset' },
  ],
  dataset: [{ prefix: ['derived_from', '*'], target: 'dataset' }],
};

function matchSpot(kind: Kind, path: Segment[]): { prefix: Segment[]; target: Kind; field: string } | undefined {
  for (const s of REF_SPOTS[kind]) {
    if (path.length !== s.prefix.length + 1) continue;
    if (s.prefix.every((p, i) => p === '*' ? typeof path[i] === 'number' : p === path[i])) {
      return { prefix: path.slice(0, -1), target: s.target, field: String(path[path.length - 1]) };
    }
  }
  return undefined;
}

const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

function valueItems(f: OpenFile, offset: number, values: { value: string; detail?: string; doc?: string; sort?: string }[]): CompletionItem[] {
  const loc = getLocation(f.text, offset);
  const node = loc.previousNode;
  // Inside a string: replace the whole string; elsewhere insert a new one.
  const replace: Range = node && node.type === 'string' && offset > node.offset && offset <= node.offset + node.length
    ? { start: f.doc.positionAt(node.offset), end: f.doc.positionAt(node.offset + node.length) }
    : { start: f.doc.positionAt(offset), end: f.doc.positionAt(offset) };
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.value) && seen.add(v.value)).map((v) => ({
    label: JSON.stringify(v.value),
    kind: CompletionItemKind.Value,
    detail: v.detail,
    documentation: v.doc ? { kind: MarkupKind.Markdown, value: v.doc } : undefined,
    filterText: JSON.stringify(v.value),
    sortText: v.sort,
    textEdit: { range: replace, newText: JSON.stringify(v.value) },
  }));
}

function registryItems(f: OpenFile, offset: number): CompletionItem[] {
  if (!f.file) return [];
  const loc = getLocation(f.text, offset);
  if (loc.isAtPropertyKey) return [];
  const path = loc.path;
  if (f.file.kind === 'dataset' && path.length === 2 && path[0] === 'taxonomy' && typeof path[1] === 'number') {
    const extra = f.index.config.taxonomyExtra;
    return valueItems(f, offset, [...allTaxonomyPaths(), ...extra].map((p) => ({ value: p, doc: describeTaxonomyPath(p, extra) })));
  }
  const spot = matchSpot(f.file.kind, path);
  if (!spot) return [];
  const sibling = (key: string): string | undefined => {
    const root = f.file?.doc?.root;
    const n: Node | undefined = root ? findNodeAtLocation(root, [...spot.prefix, key]) : undefined;
    return n?.type === 'string' ? n.value : undefined;
  };
  const targets = f.index.filesOf(spot.target).filter((t) => t.path !== f.path);
  const name = sibling('name');
  const relPath = (p: string) => relative(dirname(f.path), p).split(sep).join('/');
  if (spot.field === 'name') {
    const items = valueItems(f, offset, targets.filter((t) => t.name).map((t) => ({
      value: t.name!, detail: `${spot.target} ${t.version ?? ''} — ${t.rel}`.replace('  ', ' '), doc: `Declared in \`${esc(t.rel)}\``,
    })));
    // Picking a name also fills an empty version and metadata_reference beside it (one file per item).
    const emptySibling = (key: string) => {
      const root = f.file?.doc?.root;
      const n = root ? findNodeAtLocation(root, [...spot.prefix, key]) : undefined;
      return n?.type === 'string' && n.value === '' ? n : undefined;
    };
    const version = emptySibling('version');
    const ref = emptySibling('metadata_reference');
    const byName = new Map<string, IndexedFile>();
    for (const t of targets) if (t.name && !byName.has(t.name)) byName.set(t.name, t);
    items.forEach((item) => {
      const t = byName.get(JSON.parse(item.label) as string);
      const edits = [];
      if (t && version && t.version) edits.push({ range: { start: f.doc.positionAt(version.offset), end: f.doc.positionAt(version.offset + version.length) }, newText: JSON.stringify(t.version) });
      if (t && ref) edits.push({ range: { start: f.doc.positionAt(ref.offset), end: f.doc.positionAt(ref.offset + ref.length) }, newText: JSON.stringify(relPath(t.path)) });
      if (edits.length) item.additionalTextEdits = edits;
    });
    return items;
  }
  if (spot.field === 'version') {
    const same = targets.filter((t) => t.version && (!name || t.name === name));
    return valueItems(f, offset, same.map((t) => ({ value: t.version!, detail: `${t.name ?? ''} — ${t.rel}` })));
  }
  if (spot.field === 'metadata_reference') {
    // Files with the name already written come first.
    return valueItems(f, offset, targets.map((t) => ({
      value: relPath(t.path), detail: `${t.name ?? '(unnamed)'} ${t.version ?? ''}`.trim(), sort: (name && t.name === name ? '0' : '1') + t.rel,
    })));
  }
  return [];
}

export function registerCompletion(ctx: Context): void {
  ctx.connection.onCompletion(async (params): Promise<CompletionList> => {
    const f = await openFile(ctx, params.textDocument.uri);
    const list: CompletionList = { isIncomplete: false, items: [] };
    if (!f || tooDeep(f)) return list;
    const offset = f.doc.offsetAt(params.position);
    if (f.text.trim() === '' && f.file) {
      list.items.push({
        label: `New ${f.file.kind} metadata`, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet,
        detail: 'ModelOps skeleton', sortText: '0', filterText: '{',
        textEdit: { range: { start: f.doc.positionAt(0), end: f.doc.positionAt(f.text.length) }, newText: skeletonSnippet(f.file.kind) },
      });
    }
    const ours = registryItems(f, offset);
    list.items.push(...ours);
    const service = ctx.json.serviceFor(f);
    if (service) {
      const theirs = await service.doComplete(f.doc, params.position, ctx.json.parse(service, f.doc));
      const labels = new Set(ours.map((i) => i.label));
      list.items.push(...(theirs?.items ?? []).filter((i) => !labels.has(i.label)));
      list.isIncomplete = !!theirs?.isIncomplete;
    }
    return list;
  });
}

