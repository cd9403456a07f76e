// Following references: document links and go-to-definition on metadata_reference, on the names in
// references and on derived_from; find-references from a dataset or model to everything using it.
import { DocumentLink, type Location, type Range } from 'vscode-languageserver';
import type { IndexedFile, WorkspaceIndex } from '../src/core/registry/workspaceIndex';
import { existsSync } from 'node:fs';
import { openFile, type Context } from './context';
import { pathToUri } from './paths';
import { referenceAt, referrersOf, targetOf } from './targets';

/** Where to land in a target file: its name, else its start. */
function landing(ctx: Context, target: IndexedFile): Range {
  const root = target.doc?.root;
  const key = target.kind === 'model' ? 'model_name' : 'name';
  const prop = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === key) : undefined;
  const node = prop?.children?.[1];
  return node ? ctx.lines.of(target).rangeOf(node.offset, node.length) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function linksOf(ctx: Context, index: WorkspaceIndex, file: IndexedFile): DocumentLink[] {
  const lines = ctx.lines.of(file);
  return file.refs.flatMap((ref) => {
    if (!ref.path) return [];
    const { targetPath } = targetOf(index, file, ref);
    if (!targetPath || !existsSync(targetPath)) return [];
    // The link covers the path inside the quotes.
    return [DocumentLink.create(lines.rangeOf(ref.path.offset + 1, Math.max(0, ref.path.length - 2)), pathToUri(targetPath), `Open ${ref.targetKind} metadata`)];
  });
}

export function registerNavigation(ctx: Context): void {
  const { connection } = ctx;
  connection.onDocumentLinks(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    return f?.file ? linksOf(ctx, f.index, f.file) : [];
  });

  connection.onDefinition(async (params): Promise<Location[] | null> => {
    const f = await openFile(ctx, params.textDocument.uri);
    if (!f?.file) return null;
    const hit = referenceAt(f.index, f.file, f.doc.offsetAt(params.position));
    if (!hit?.part || !hit.target) return null;
    return [{ uri: pathToUri(hit.target.path), range: landing(ctx, hit.target) }];
  });

  connection.onReferences(async (params): Promise<Location[]> => {
    const f = await openFile(ctx, params.textDocument.uri);
    if (!f?.file) return [];
    // On a reference: the references to its target; elsewhere: to this file.
    const hit = referenceAt(f.index, f.file, f.doc.offsetAt(params.position));
    const subject = hit?.part && hit.target ? hit.target : f.file;
    const out: Location[] = referrersOf(f.index, subject).map(({ from, ref }) => ({
      uri: pathToUri(from.path),
      range: ctx.lines.of(from).rangeOf(ref.offset, ref.length),
    }));
    if (params.context.includeDeclaration) out.unshift({ uri: pathToUri(subject.path), range: landing(ctx, subject) });
    return out;
  });
}
