// The lineage picture as a layered graph: datasets → derived datasets → models → results, laid out
// in columns (longest path from the sources), rows ordered by the barycentre of their neighbours.
import type { RegistryFile, RegistryResult } from '../protocol';
import { datasetsOfModel, displayName, formatMetric, primaryMetric, resultsLabel, roleLabel, versionOf } from './facts';

export type LineageKind = 'dataset' | 'model' | 'results';

export interface LineageNode {
  id: string;
  kind: LineageKind;
  label: string;
  sublabel?: string;
  uri: string;
  errors: number;
  layer: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The node the picture was asked for. */
  focus?: boolean;
}

export interface LineageEdge {
  from: string;
  to: string;
  label?: string;
}

export interface LineageLayout {
  nodes: LineageNode[];
  edges: LineageEdge[];
  width: number;
  height: number;
  /** Set when the graph was cut to `maxNodes`. */
  truncated?: { shown: number; total: number };
}

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 44;
const COLUMN_GAP = 80;
const ROW_GAP = 16;
const MARGIN = 20;

interface Graph {
  files: Map<string, RegistryFile>;
  edges: LineageEdge[];
}

function graphOf(r: RegistryResult): Graph {
  const files = new Map<string, RegistryFile>();
  for (const f of [...r.datasets, ...r.models, ...r.results]) files.set(f.uri, f);
  const edges: LineageEdge[] = [];
  const seen = new Set<string>();
  const add = (from: string | undefined, to: string, label?: string) => {
    if (!from || from === to || !files.has(from)) return;
    const key = `${from}\u0000${to}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, ...(label ? { label } : {}) });
  };
  for (const d of r.datasets) for (const ref of d.references) if (ref.role.startsWith('derived_from/')) add(ref.targetUri, d.uri);
  for (const m of r.models) {
    const byTarget = new Map<string, string[]>();
    for (const x of datasetsOfModel(m, r.datasets)) {
      if (!x.targetUri) continue;
      const role = roleLabel(x.role.startsWith('training_stages/') ? 'training_dataset' : x.role);
      byTarget.set(x.targetUri, [...new Set([...(byTarget.get(x.targetUri) ?? []), role])]);
    }
    for (const [t, roles] of byTarget) add(t, m.uri, roles.join(', '));
  }
  for (const res of r.results) {
    const model = res.references.find((x) => x.role === 'model')?.targetUri;
    const dataset = res.references.find((x) => x.role === 'dataset')?.targetUri;
    if (model) add(model, res.uri);
    else add(dataset, res.uri);
  }
  return { files, edges };
}

/** Every file connected to `uri` upstream and downstream (not sideways through shared parents). */
function neighbourhood(g: Graph, uri: string): Set<string> {
  const keep = new Set([uri]);
  for (const dir of ['up', 'down'] as const) {
    const stack = [uri];
    while (stack.length) {
      const at = stack.pop()!;
      for (const e of g.edges) {
        const next = dir === 'up' ? (e.to === at ? e.from : undefined) : e.from === at ? e.to : undefined;
        if (next && !keep.has(next)) {
          keep.add(next);
          stack.push(next);
        }
      }
    }
  }
  return keep;
}

export interface LayoutOptions {
  /** Only this file's lineage (ancestors and descendants). */
  focus?: string;
  /** Leave results out (a large registry's picture stays readable). */
  withoutResults?: boolean;
  maxNodes?: number;
}

export function lineageLayout(r: RegistryResult, options: LayoutOptions = {}): LineageLayout {
  const g = graphOf(r);
  let keep = options.focus && g.files.has(options.focus) ? neighbourhood(g, options.focus) : new Set(g.files.keys());
  if (options.withoutResults) keep = new Set([...keep].filter((u) => g.files.get(u)!.kind !== 'results'));
  // Files with no edge at all are left out of the whole-registry picture, except datasets and models.
  if (!options.focus) keep = new Set([...keep].filter((u) => g.files.get(u)!.kind !== 'results' || g.edges.some((e) => e.to === u)));
  const total = keep.size;
  const max = options.maxNodes ?? 400;
  if (keep.size > max) {
    const order = { dataset: 0, model: 1, results: 2 } as const;
    keep = new Set([...keep].sort((a, b) => order[g.files.get(a)!.kind] - order[g.files.get(b)!.kind]).slice(0, max));
  }
  const edges = g.edges.filter((e) => keep.has(e.from) && keep.has(e.to));

  // Columns: longest path from a source; a lineage cycle (an error elsewhere) is cut where met.
  const layer = new Map<string, number>();
  const incoming = new Map<string, string[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const visiting = new Set<string>();
  const depth = (u: string): number => {
    const known = layer.get(u);
    if (known !== undefined) return known;
    if (visiting.has(u)) return 0;
    visiting.add(u);
    const d = Math.max(-1, ...(incoming.get(u) ?? []).map(depth)) + 1;
    visiting.delete(u);
    layer.set(u, d);
    return d;
  };
  for (const u of keep) depth(u);
  // Models sit right of every dataset, results right of every model: the columns read as kinds.
  const maxOf = (kind: LineageKind) => Math.max(-1, ...[...keep].filter((u) => g.files.get(u)!.kind === kind).map((u) => layer.get(u)!));
  const datasetCols = maxOf('dataset') + 1;
  for (const u of keep) if (g.files.get(u)!.kind === 'model') layer.set(u, Math.max(layer.get(u)!, datasetCols));
  const modelCols = Math.max(datasetCols, maxOf('model') + 1);
  for (const u of keep) if (g.files.get(u)!.kind === 'results') layer.set(u, Math.max(layer.get(u)!, modelCols));

  const columns: string[][] = [];
  for (const u of [...keep].sort((a, b) => displayName(g.files.get(a)!).localeCompare(displayName(g.files.get(b)!)) || a.localeCompare(b))) {
    (columns[layer.get(u)!] ??= []).push(u);
  }
  // Two sweeps of barycentre ordering reduce crossings enough for registries of this size.
  const pos = new Map<string, number>();
  const place = () => columns.forEach((c) => c?.forEach((u, i) => pos.set(u, i)));
  place();
  const outgoing = new Map<string, string[]>();
  for (const e of edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
  const bary = (u: string, near: Map<string, string[]>) => {
    const ns = near.get(u) ?? [];
    return ns.length ? ns.reduce((s, n) => s + pos.get(n)!, 0) / ns.length : pos.get(u)!;
  };
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let c = 1; c < columns.length; c++) {
      columns[c]?.sort((a, b) => bary(a, incoming) - bary(b, incoming));
      place();
    }
    for (let c = columns.length - 2; c >= 0; c--) {
      columns[c]?.sort((a, b) => bary(a, outgoing) - bary(b, outgoing));
      place();
    }
  }

  const nodes: LineageNode[] = [];
  columns.forEach((col, c) => col?.forEach((u, i) => {
    const f = g.files.get(u)!;
    const metric = f.kind === 'results' ? primaryMetric(f) : undefined;
    const version = versionOf(f);
    nodes.push({
      id: u, kind: f.kind, uri: u, errors: f.errors, layer: c,
      label: f.kind === 'results' ? resultsLabel(f) : displayName(f),
      sublabel: metric ? `${metric[0]} ${formatMetric(metric[1])}` : version ? `v${version}` : undefined,
      x: MARGIN + c * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + i * (NODE_HEIGHT + ROW_GAP), width: NODE_WIDTH, height: NODE_HEIGHT,
      ...(u === options.focus ? { focus: true } : {}),
    });
  }));
  const width = MARGIN * 2 + Math.max(1, columns.length) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  const rows = Math.max(1, ...columns.map((c) => c?.length ?? 0));
  const height = MARGIN * 2 + rows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  return { nodes, edges, width, height, ...(total > keep.size ? { truncated: { shown: keep.size, total } } : {}) };
}
