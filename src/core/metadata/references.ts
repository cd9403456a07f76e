// The cross-file references a metadata document makes, with the offsets of their parts.
import { findNodeAtLocation, type Node, type Segment } from 'jsonc-parser';
import type { Kind } from './types';
import { toPointer } from './pointer';

export interface Located<T> { value: T; offset: number; length: number }

export interface Reference {
  /** Where it sits, e.g. `training_dataset`, `derived_from/1`, `model`. */
  role: string;
  targetKind: Kind;
  pointer: string;
  /** The reference object itself. */
  offset: number;
  length: number;
  name?: Located<string>;
  version?: Located<string>;
  path?: Located<string>;
}

const MODEL_REFS: [Segment[], Kind][] = [
  [['training_dataset'], 'dataset'],
  [['validation_dataset'], 'dataset'],
  [['test_dataset'], 'dataset'],
  [['evaluation', 'dataset'], 'dataset'],
];
const RESULTS_REFS: [Segment[], Kind][] = [
  [['model'], 'model'],
  [['dataset'], 'dataset'],
];

function located(obj: Node, key: string): Located<string> | undefined {
  const n = findNodeAtLocation(obj, [key]);
  if (!n || (n.type !== 'string' && n.type !== 'number')) return undefined;
  return { value: String(n.value), offset: n.offset, length: n.length };
}

function reference(root: Node, path: Segment[], targetKind: Kind): Reference | undefined {
  const obj = findNodeAtLocation(root, path);
  if (!obj || obj.type !== 'object') return undefined;
  return {
    role: path.join('/'), targetKind, pointer: toPointer(path), offset: obj.offset, length: obj.length,
    name: located(obj, 'name'), version: located(obj, 'version'), path: located(obj, 'metadata_reference'),
  };
}

export function referencesOf(kind: Kind, root: Node | undefined): Reference[] {
  if (!root || root.type !== 'object') return [];
  const spots: [Segment[], Kind][] = kind === 'model' ? MODEL_REFS : kind === 'results' ? RESULTS_REFS : [];
  const refs = spots.map(([p, k]) => reference(root, p, k));
  if (kind === 'dataset') {
    const parents = findNodeAtLocation(root, ['derived_from']);
    if (parents?.type === 'array') parents.children?.forEach((_, i) => refs.push(reference(root, ['derived_from', i], 'dataset')));
  }
  return refs.filter((r): r is Reference => r !== undefined);
}

/** The name and version a file declares for itself (what references to it must match). */
export function identityOf(kind: Kind, value: unknown): { name?: string; version?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const v = value as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);
  if (kind === 'model') return { name: str(v.model_name) ?? str(v.hf_id) ?? str(v.id), version: str(v.model_version) };
  if (kind === 'dataset') return { name: str(v.name), version: str(v.version) };
  return {};
}
