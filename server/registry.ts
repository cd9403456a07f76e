// modelops/registry: the registry as the tree views and the leaderboard see it.
import { registryRequest, type RegistryFile, type RegistryParams, type RegistryResult } from '../src/core/protocol';
import type { IndexedFile, WorkspaceIndex } from '../src/core/registry/workspaceIndex';
import type { Context } from './context';
import { isInside, pathToUri, uriToPath } from './paths';
import { referrersOf, targetOf } from './targets';

function describe(index: WorkspaceIndex, f: IndexedFile): RegistryFile {
  const all = index.diagnostics(f.path);
  const value = f.value;
  return {
    uri: pathToUri(f.path), rel: f.rel, kind: f.kind, name: f.name, version: f.version,
    data: value && typeof value === 'object' && !Array.isArray(value) ? value : undefined,
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    references: f.refs.map((ref) => {
      const { target } = targetOf(index, f, ref);
      return {
        role: ref.role, targetKind: ref.targetKind, name: ref.name?.value, version: ref.version?.value, path: ref.path?.value,
        targetUri: target ? pathToUri(target.path) : undefined,
      };
    }),
    referencedBy: [...new Set(referrersOf(index, f).map((r) => pathToUri(r.from.path)))].sort(),
  };
}

export async function registrySnapshot(ctx: Context, params: RegistryParams | undefined): Promise<RegistryResult> {
  await ctx.ready;
  await ctx.sync.flushAll();
  const only = params?.folderUri ? uriToPath(params.folderUri) : undefined;
  const out: RegistryResult = { roots: [], models: [], datasets: [], results: [] };
  for (const folder of ctx.workspaces.all()) {
    if (only && folder.path !== only) continue;
    const { index } = folder;
    out.roots.push({ folderUri: pathToUri(folder.path), rootUri: pathToUri(index.root), configUri: index.config.file ? pathToUri(index.config.file) : undefined });
    for (const f of index.filesOf()) {
      if (!isInside(f.path, folder.path)) continue;
      const list = f.kind === 'model' ? out.models : f.kind === 'dataset' ? out.datasets : out.results;
      list.push(describe(index, f));
    }
  }
  return out;
}

export function registerRegistry(ctx: Context): void {
  ctx.connection.onRequest(registryRequest.method, (params: RegistryParams | undefined) => registrySnapshot(ctx, params));
}
