// The leaderboard's rows from the server's `modelops/registry` answer: the same buildRows the CLI
// runs on its WorkspaceIndex, fed with each file's parsed data and file-system path. Pure (no 'vscode').
import { URI } from 'vscode-uri';
import { buildRows, columnsFor, type EntryLike } from '../core/leaderboard/rows';
import type { LeaderboardData, Row } from '../core/leaderboard/types';
import type { RegistryFile, RegistryResult } from '../core/protocol';

const fsPath = (uri: string) => URI.parse(uri).fsPath;

/** The registry root a file belongs to: the longest root URI that contains it. */
function rootOf(file: RegistryFile, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const prefix = r.endsWith('/') ? r : `${r}/`;
    if (file.uri.startsWith(prefix) && (!best || r.length > best.length)) best = r;
  }
  return best;
}

const entry = (f: RegistryFile): EntryLike => ({ path: fsPath(f.uri), data: f.data });

/**
 * One buildRows per registry root (so Source paths are relative to their own root and a result
 * joins only models of its own registry); rows of several roots are merged, their ids made unique.
 */
export function rowsFromRegistry(registry: RegistryResult): LeaderboardData {
  const roots = [...new Set(registry.roots.map((r) => r.rootUri))];
  const groups = new Map<string | undefined, { models: RegistryFile[]; results: RegistryFile[] }>();
  const group = (f: RegistryFile) => {
    const r = rootOf(f, roots);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { models: [], results: [] }));
    return g;
  };
  for (const f of registry.models) group(f).models.push(f);
  for (const f of registry.results) group(f).results.push(f);
  if (groups.size <= 1) {
    const [root, g] = [...groups.entries()][0] ?? [undefined, { models: [], results: [] }];
    return buildRows({ models: g.models.map(entry), results: g.results.map(entry), root: root && fsPath(root) });
  }
  const rows: Row[] = [];
  for (const [root, g] of [...groups.entries()].sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))) {
    const part = buildRows({ models: g.models.map(entry), results: g.results.map(entry), root: root && fsPath(root) });
    for (const row of part.rows) rows.push({ ...row, id: `${root ?? ''}\u0000${row.id}` });
  }
  return { rows, columns: columnsFor(rows) };
}
