// Document symbols from vscode-json-languageservice; workspace symbols: models and datasets by name.
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { IndexedFile } from '../src/core/registry/workspaceIndex';
import { openFile, type Context } from './context';
import { tooDeep } from './jsonServices';
import { isInside, pathToUri } from './paths';

/** Letters of the query in order, case-insensitive (what Ctrl+T users expect). */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

export function registerSymbols(ctx: Context): void {
  ctx.connection.onDocumentSymbol(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    if (!f || tooDeep(f)) return [];
    const service = ctx.json.serviceFor(f);
    return service ? service.findDocumentSymbols2(f.doc, ctx.json.parse(service, f.doc), { resultLimit: 5000 }) : [];
  });

  ctx.connection.onWorkspaceSymbol(async (params): Promise<SymbolInformation[]> => {
    await ctx.ready;
    await ctx.sync.flushAll();
    const out: SymbolInformation[] = [];
    const seen = new Set<string>();
    const add = (file: IndexedFile) => {
      if (!file.name || seen.has(file.path) || !fuzzyMatch(params.query, file.name)) return;
      seen.add(file.path);
      const root = file.doc?.root;
      const key = file.kind === 'model' ? 'model_name' : 'name';
      const node = root?.type === 'object' ? root.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1] : undefined;
      const range = ctx.lines.of(file).rangeOf(node?.offset ?? 0, node?.length ?? 0);
      out.push({
        name: file.name,
        kind: file.kind === 'model' ? SymbolKind.Class : SymbolKind.Package,
        containerName: `${file.kind}${file.version ? ' ' + file.version : ''} — ${file.rel}`,
        location: { uri: pathToUri(file.path), range },
      });
    };
    for (const folder of ctx.workspaces.all()) {
      for (const file of folder.index.filesOf()) if (file.kind !== 'results' && isInside(file.path, folder.path)) add(file);
    }
    return out.slice(0, 1000);
  });
}
