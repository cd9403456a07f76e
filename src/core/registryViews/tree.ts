// The registry views as plain nodes: Models (by architecture, by training dataset, or flat),
// Datasets (by taxonomy, lineage walkable both ways), Results (by dataset, then model).
// The VS Code tree providers only turn these into TreeItems.
import { basename } from 'node:path';
import { URI } from 'vscode-uri';
import { allTaxonomyPaths, describeTaxonomyPath } from '../metadata/taxonomy';
import type { RegistryFile, RegistryResult } from '../protocol';
import { formatBytes, statArtifacts, type ArtifactInfo } from './artifacts';
import {
  architectureOf, baseName, datasetsOfModel, displayName, formatMetric, primaryMetric, resultsLabel, resultsSubject, roleLabel,
  taxonomyOf, trainingDatasetOf, trainingDateOf, versionOf, dataOf, isObj, str,
} from './facts';
import { tooltipOf } from './tooltips';

export type ViewId = 'models' | 'datasets' | 'results';
export type ModelGrouping = 'architecture' | 'trainingDataset' | 'flat';
export type NodeType = 'group' | 'model' | 'dataset' | 'results' | 'artifact' | 'missing';

export interface Problems {
  errors: number;
  warnings: number;
}

export interface ViewNode {
  /** Stable across refreshes (keeps expansion state); unique in its view. */
  id: string;
  type: NodeType;
  label: string;
  description?: string;
  /** Markdown; values from files are escaped. */
  tooltip?: string;
  /** A codicon id. */
  icon: string;
  /** For `when` clauses: modelops.model, modelops.dataset, modelops.results, modelops.artifact, ... */
  contextValue: string;
  /** The metadata file (or the artifact) this node stands for. */
  uri?: string;
  /** The model file an artifact belongs to. */
  ownerUri?: string;
  /** Own problems for files; the sum of the files below for groups. */
  problems?: Problems;
  expandable: boolean;
  /** Expanded at first show (top-level groups). */
  expanded?: boolean;
}

export interface TreeOptions {
  modelGrouping?: ModelGrouping;
  /** Case-insensitive text that a top-level item's name, version, file or architecture must contain. */
  filter?: string;
  /** Reads a model's artifacts from disk (tests may pass their own). */
  artifacts?: (model: RegistryFile) => Promise<ArtifactInfo[]>;
}

const NO_GROUP = '\u0000';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'en', { numeric: true, sensitivity: 'base' });

function sum(files: readonly RegistryFile[]): Problems | undefined {
  const errors = files.reduce((n, f) => n + f.errors, 0);
  const warnings = files.reduce((n, f) => n + f.warnings, 0);
  return errors || warnings ? { errors, warnings } : undefined;
}

function ownProblems(f: RegistryFile): Problems | undefined {
  return f.errors || f.warnings ? { errors: f.errors, warnings: f.warnings } : undefined;
}

function context(kind: string, f?: RegistryFile): string {
  return f && f.errors ? `modelops.${kind}.problems` : `modelops.${kind}`;
}

type Expand = () => Promise<ViewNode[]> | ViewNode[];

export class RegistryTree {
  private readonly byUri = new Map<string, RegistryFile>();
  private readonly expanders = new Map<string, Expand>();
  private readonly parents = new Map<string, ViewNode>();
  private readonly filter: string;

  constructor(readonly registry: RegistryResult, readonly options: TreeOptions = {}) {
    for (const f of [...registry.models, ...registry.datasets, ...registry.results]) this.byUri.set(f.uri, f);
    this.filter = (options.filter ?? '').trim().toLowerCase();
  }

  file(uri: string): RegistryFile | undefined {
    return this.byUri.get(uri);
  }

  roots(view: ViewId): ViewNode[] {
    if (view === 'models') return this.modelRoots();
    if (view === 'datasets') return this.datasetRoots();
    return this.resultRoots();
  }

  async children(node: ViewNode): Promise<ViewNode[]> {
    const expand = this.expanders.get(node.id);
    const kids = expand ? await expand() : [];
    for (const k of kids) this.parents.set(k.id, node);
    return kids;
  }

  /** The node a child was listed under (undefined for roots and nodes never listed). */
  parent(node: ViewNode): ViewNode | undefined {
    return this.parents.get(node.id);
  }

  /**
   * The shallowest node standing for a file of the view's kind, opening groups only (never a
   * model's or dataset's own lineage), so the view can reveal it; undefined if filtered out.
   */
  async find(view: ViewId, uri: string): Promise<ViewNode | undefined> {
    const type: NodeType = view === 'models' ? 'model' : view === 'datasets' ? 'dataset' : 'results';
    let level = this.roots(view);
    while (level.length) {
      const hit = level.find((n) => n.type === type && n.uri === uri);
      if (hit) return hit;
      const next: ViewNode[] = [];
      for (const g of level) if (g.type === 'group' && g.expandable) next.push(...(await this.children(g)));
      level = next;
    }
    return undefined;
  }

  private node(n: ViewNode, expand?: Expand): ViewNode {
    if (expand && n.expandable) this.expanders.set(n.id, expand);
    return n;
  }

  private matches(f: RegistryFile): boolean {
    if (!this.filter) return true;
    const hay = [displayName(f), versionOf(f), f.rel, f.kind === 'model' ? architectureOf(f) : undefined, ...(f.kind === 'results' ? Object.values(resultsSubject(f)) : [])];
    return hay.some((s) => s?.toLowerCase().includes(this.filter));
  }

  private group(id: string, label: string, files: readonly RegistryFile[], build: Expand, extra: Partial<ViewNode> = {}): ViewNode {
    return this.node({
      id, type: 'group', label, icon: 'folder', contextValue: 'modelops.group', description: String(files.length),
      problems: sum(files), expandable: true, ...extra,
    }, build);
  }

  // ---- models ----

  private modelRoots(): ViewNode[] {
    const models = this.registry.models.filter((m) => this.matches(m));
    const grouping = this.options.modelGrouping ?? 'architecture';
    if (grouping === 'flat') return models.map((m) => this.modelNode(m, 'models', [])).sort(byLabel);
    const keyOf = grouping === 'architecture'
      ? (m: RegistryFile) => architectureOf(m) ?? NO_GROUP
      : (m: RegistryFile) => {
        const t = trainingDatasetOf(m, this.registry.datasets);
        return t ? `${t.name}${t.version ? ` ${t.version}` : ''}` : NO_GROUP;
      };
    const groups = new Map<string, RegistryFile[]>();
    for (const m of models) {
      const k = keyOf(m);
      groups.set(k, [...(groups.get(k) ?? []), m]);
    }
    const none = grouping === 'architecture' ? 'No architecture' : 'No training dataset';
    return [...groups]
      .map(([k, list]) => {
        const id = `models/${grouping}:${k === NO_GROUP ? '-' : k}`;
        return this.group(id, k === NO_GROUP ? none : k, list, () => list.map((m) => this.modelNode(m, id, [])).sort(byLabel), {
          icon: grouping === 'architecture' ? 'circuit-board' : 'database',
          tooltip: grouping === 'architecture' ? `Architecture: ${k === NO_GROUP ? 'not given' : k}` : `Trained on ${k === NO_GROUP ? 'no named dataset' : k}`,
        });
      })
      .sort((a, b) => Number(a.label === none) - Number(b.label === none) || byLabel(a, b));
  }

  private modelNode(m: RegistryFile, parent: string, ancestors: string[], role?: string): ViewNode {
    const id = `${parent}/${m.uri}`;
    const cycle = ancestors.includes(m.uri);
    const version = versionOf(m);
    const date = trainingDateOf(m);
    const description = [role, version ? `v${version}` : undefined, date].filter(Boolean).join(' · ');
    const mentions = datasetsOfModel(m, this.registry.datasets);
    const results = this.resultsOfModel(m);
    const hasArtifacts = isObj(dataOf(m).artifacts);
    return this.node({
      id, type: 'model', label: displayName(m), description: description || undefined, tooltip: tooltipOf(m),
      icon: 'symbol-class', contextValue: context('model', m), uri: m.uri, problems: ownProblems(m),
      expandable: !cycle && (mentions.length > 0 || results.length > 0 || hasArtifacts),
    }, () => {
      const path = [...ancestors, m.uri];
      const out: ViewNode[] = mentions.map((d, i) => {
        const target = d.targetUri ? this.byUri.get(d.targetUri) : undefined;
        return target
          ? this.datasetNode(target, `${id}#${i}`, path, roleLabel(d.role))
          : this.missing(`${id}#${i}`, d.name, d.version, roleLabel(d.role));
      });
      if (results.length) {
        out.push(this.group(`${id}/results`, 'Results', results, () => results.map((r) => this.resultsNode(r, `${id}/results`, true)).sort(byLabel), { icon: 'graph' }));
      }
      if (hasArtifacts) {
        out.push(this.node({ id: `${id}/artifacts`, type: 'group', label: 'Artifacts', icon: 'package', contextValue: 'modelops.artifacts', uri: m.uri, expandable: true },
          async () => this.artifactNodes(m, `${id}/artifacts`)));
      }
      return out;
    });
  }

  private resultsOfModel(m: RegistryFile): RegistryFile[] {
    return this.registry.results.filter((r) => {
      const ref = r.references.find((x) => x.role === 'model');
      // A team's own results format may name the model outside a reference (the corpus: `model_name`).
      return ref ? ref.targetUri === m.uri : this.named('model', resultsSubject(r).model) === m;
    });
  }

  /** The model or dataset file declaring this name, for results that name it without a reference. */
  private named(kind: 'model' | 'dataset', name: string | undefined): RegistryFile | undefined {
    if (!name) return undefined;
    return (kind === 'model' ? this.registry.models : this.registry.datasets).find((f) => f.name === name);
  }

  private async artifactNodes(m: RegistryFile, parent: string): Promise<ViewNode[]> {
    const infos = await (this.options.artifacts ?? statArtifacts)(m);
    return infos.map((a) => ({
      id: `${parent}/${a.role}`,
      type: 'artifact' as const,
      label: basename(a.path),
      description: a.exists ? `${a.partial ? '≥ ' : ''}${formatBytes(a.size ?? 0)} · ${a.role}` : `missing · ${a.role}`,
      tooltip: `${a.exists ? (a.directory ? 'Folder' : 'File') : 'Not on disk'}: ${a.path}${a.description ? `\n\n${a.description}` : ''}`,
      icon: a.exists ? (a.directory ? 'folder' : 'file-binary') : 'warning',
      contextValue: a.exists ? 'modelops.artifact' : 'modelops.artifact.missing',
      uri: URI.file(a.path).toString(),
      ownerUri: m.uri,
      expandable: false,
    }));
  }

  private missing(id: string, name: string, version: string | undefined, role: string): ViewNode {
    return {
      id, type: 'missing', label: name, description: `${role}${version ? ` · v${version}` : ''} · not in the registry`,
      tooltip: `No dataset metadata file in this registry is "${name}"${version ? ` version ${version}` : ''}.`,
      icon: 'warning', contextValue: 'modelops.missing', expandable: false,
    };
  }

  // ---- datasets ----

  private datasetRoots(): ViewNode[] {
    const datasets = this.registry.datasets.filter((d) => this.matches(d));
    const anyTaxonomy = datasets.some((d) => taxonomyOf(d).length > 0);
    if (!anyTaxonomy) return datasets.map((d) => this.datasetNode(d, 'datasets', [])).sort(byLabel);

    interface Trie { path: string; children: Map<string, Trie>; files: RegistryFile[]; all: Set<RegistryFile> }
    const root: Trie = { path: '', children: new Map(), files: [], all: new Set() };
    const unclassified: RegistryFile[] = [];
    for (const d of datasets) {
      const paths = taxonomyOf(d);
      if (!paths.length) unclassified.push(d);
      for (const p of paths) {
        let t = root;
        for (const seg of p.split('/').filter(Boolean)) {
          let next = t.children.get(seg);
          if (!next) t.children.set(seg, (next = { path: t.path ? `${t.path}/${seg}` : seg, children: new Map(), files: [], all: new Set() }));
          next.all.add(d);
          t = next;
        }
        if (!t.files.includes(d)) t.files.push(d);
      }
    }
    const order = allTaxonomyPaths();
    const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
    const build = (t: Trie): ViewNode[] => {
      const groups = [...t.children.values()]
        .sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path))
        .map((c) => {
          const known = describeTaxonomyPath(c.path);
          const id = `datasets/taxonomy:${c.path}`;
          return this.group(id, c.path.slice(c.path.lastIndexOf('/') + 1), [...c.all], () => build(c), {
            icon: known ? 'symbol-namespace' : 'question',
            tooltip: `\`${c.path}\`: ${known ?? 'not in the taxonomy (a team extension or a typo)'}`,
            expanded: t === root,
          });
        });
      const parent = t.path ? `datasets/taxonomy:${t.path}` : 'datasets';
      return [...groups, ...t.files.map((d) => this.datasetNode(d, parent, [])).sort(byLabel)];
    };
    const out = build(root);
    if (unclassified.length) {
      out.push(this.group('datasets/unclassified', 'Unclassified', unclassified, () => unclassified.map((d) => this.datasetNode(d, 'datasets/unclassified', [])).sort(byLabel), {
        icon: 'question', tooltip: 'Datasets without a `taxonomy` field.',
      }));
    }
    return out;
  }

  private datasetNode(d: RegistryFile, parent: string, ancestors: string[], role?: string): ViewNode {
    const id = `${parent}/${d.uri}`;
    const cycle = ancestors.includes(d.uri);
    const version = versionOf(d);
    const description = [role, version ? `v${version}` : undefined, str(dataOf(d).collection_date)].filter(Boolean).join(' · ');
    const lineage = this.lineageOf(d);
    const count = lineage.parents.length + lineage.derived.length + lineage.models.length + lineage.results.length;
    return this.node({
      id, type: 'dataset', label: displayName(d), description: description || undefined, tooltip: tooltipOf(d),
      icon: 'database', contextValue: context('dataset', d), uri: d.uri, problems: ownProblems(d),
      expandable: !cycle && count > 0,
    }, () => {
      const path = [...ancestors, d.uri];
      const out: ViewNode[] = [];
      lineage.parents.forEach((p, i) => {
        const target = p.targetUri ? this.byUri.get(p.targetUri) : undefined;
        out.push(target ? this.datasetNode(target, `${id}#p${i}`, path, 'parent') : this.missing(`${id}#p${i}`, p.name ?? p.path ?? '?', p.version, 'parent'));
      });
      for (const c of lineage.derived) out.push(this.datasetNode(c, `${id}#d`, path, 'derived'));
      for (const { model, role } of lineage.models) out.push(this.modelNode(model, `${id}#m`, path, role));
      if (lineage.results.length) {
        out.push(this.group(`${id}/results`, 'Results', lineage.results, () => lineage.results.map((r) => this.resultsNode(r, `${id}/results`, true)).sort(byLabel), { icon: 'graph' }));
      }
      return out;
    });
  }

  /** Parents, datasets derived from it, models that use it, results on it. */
  lineageOf(d: RegistryFile) {
    const parents = d.references.filter((r) => r.role.startsWith('derived_from/'));
    const derived = this.registry.datasets.filter((c) => c.references.some((r) => r.role.startsWith('derived_from/') && r.targetUri === d.uri));
    const models: { model: RegistryFile; role: string }[] = [];
    for (const m of this.registry.models) {
      const roles = [...new Set(datasetsOfModel(m, this.registry.datasets).filter((x) => x.targetUri === d.uri).map((x) => roleLabel(x.role.startsWith('training_stages/') ? 'training_dataset' : x.role)))];
      if (roles.length) models.push({ model: m, role: roles.join(', ') });
    }
    const results = this.registry.results.filter((r) => r.references.some((ref) => ref.role === 'dataset' && ref.targetUri === d.uri));
    return { parents, derived, models, results };
  }

  // ---- results ----

  private resultRoots(): ViewNode[] {
    const results = this.registry.results.filter((r) => this.matches(r));
    const key = (r: RegistryFile, role: 'model' | 'dataset') => {
      const ref = r.references.find((x) => x.role === role);
      const s = resultsSubject(r);
      const target = ref?.targetUri ? this.byUri.get(ref.targetUri) : ref ? undefined : this.named(role, role === 'model' ? s.model : s.dataset);
      const name = target ? displayName(target) : (role === 'model' ? s.model : s.dataset) ?? (role === 'model' ? 'No model named' : 'No dataset named');
      const version = target ? versionOf(target) : role === 'model' ? s.modelVersion : s.datasetVersion;
      return { key: target?.uri ?? `${name}\u0000${version ?? ''}`, label: name, version, target };
    };
    const byDataset = new Map<string, { label: string; version?: string; target?: RegistryFile; list: RegistryFile[] }>();
    for (const r of results) {
      const k = key(r, 'dataset');
      const g = byDataset.get(k.key) ?? { ...k, list: [] };
      g.list.push(r);
      byDataset.set(k.key, g);
    }
    return [...byDataset.values()].map((g) => {
      const id = `results/dataset:${g.target?.uri ?? `${g.label}@${g.version ?? ''}`}`;
      return this.group(id, g.label, g.list, () => {
        const byModel = new Map<string, { label: string; version?: string; target?: RegistryFile; list: RegistryFile[] }>();
        for (const r of g.list) {
          const k = key(r, 'model');
          const m = byModel.get(k.key) ?? { ...k, list: [] };
          m.list.push(r);
          byModel.set(k.key, m);
        }
        return [...byModel.values()].map((m) => {
          const mid = `${id}/model:${m.target?.uri ?? `${m.label}@${m.version ?? ''}`}`;
          const best = m.list.length === 1 ? primaryMetric(m.list[0]) : undefined;
          return this.group(mid, m.label, m.list, () => m.list.map((r) => this.resultsNode(r, mid, false)).sort(byLabel), {
            icon: 'symbol-class',
            description: [m.version ? `v${m.version}` : undefined, best ? `${best[0]} ${formatMetric(best[1])}` : plural(m.list.length, 'result')].filter(Boolean).join(' · '),
            uri: m.target?.uri,
            contextValue: m.target ? 'modelops.group.model' : 'modelops.group',
          });
        }).sort(byLabel);
      }, {
        icon: 'database', description: [g.version ? `v${g.version}` : undefined, plural(g.list.length, 'result')].filter(Boolean).join(' · '),
        uri: g.target?.uri, contextValue: g.target ? 'modelops.group.dataset' : 'modelops.group',
      });
    }).sort(byLabel);
  }

  /** A results file; `withSubject` labels it by model and dataset (it is not under their groups). */
  private resultsNode(r: RegistryFile, parent: string, withSubject: boolean): ViewNode {
    const metric = primaryMetric(r);
    const s = resultsSubject(r);
    const label = withSubject ? `${s.model ?? '?'} on ${s.dataset ?? '?'}${resultsLabel(r) !== baseName(r.rel) ? ` (${resultsLabel(r)})` : ''}` : resultsLabel(r);
    const date = str(dataOf(r).evaluated_at)?.slice(0, 10);
    return {
      id: `${parent}/${r.uri}`, type: 'results', label,
      description: [metric ? `${metric[0]} ${formatMetric(metric[1])}` : 'no metrics', date].filter(Boolean).join(' · '),
      tooltip: tooltipOf(r), icon: 'graph', contextValue: context('results', r), uri: r.uri, problems: ownProblems(r), expandable: false,
    };
  }
}
