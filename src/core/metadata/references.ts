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

/** A part of the document whose offsets are looked up in the tree only when someone asks. */
class Place {
  private node: Node | undefined | null = null;
  constructor(private readonly doc: ReferenceSource, private readonly at: Segment[]) {}
  private find(): Node | undefined {
    return this.node === null ? (this.node = this.doc.root && findNodeAtLocation(this.doc.root, this.at)) : this.node;
  }
  get offset(): number { return this.find()?.offset ?? 0; }
  get length(): number { return this.find()?.length ?? 0; }
}

class LazyLocated extends Place implements Located<string> {
  constructor(readonly value: string, doc: ReferenceSource, at: Segment[]) { super(doc, at); }
}

class LazyReference extends Place implements Reference {
  readonly role: string;
  readonly pointer: string;
  readonly name?: Located<string>;
  readonly version?: Located<string>;
  readonly path?: Located<string>;
  constructor(doc: ReferenceSource, at: Segment[], readonly targetKind: Kind, obj: Record<string, unknown>) {
    super(doc, at);
    this.role = at.join('/');
    this.pointer = toPointer(at);
    const part = (key: string) => {
      const v = obj[key];
      return typeof v === 'string' || typeof v === 'number' ? new LazyLocated(String(v), doc, [...at, key]) : undefined;
    };
    this.name = part('name');
    this.version = part('version');
    this.path = part('metadata_reference');
  }
}

type ReferenceSource = { readonly value: unknown; readonly root: Node | undefined };

function valueAt(value: unknown, path: Segment[]): unknown {
  let v = value;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg as string] : undefined;
  return v;
}

function reference(doc: ReferenceSource, path: Segment[], targetKind: Kind): Reference | undefined {
  const obj = valueAt(doc.value, path);
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  return new LazyReference(doc, path, targetKind, obj as Record<string, unknown>);
}

/** The references a document makes; offsets come from the tree, built only if a check needs one. */
export function referencesOf(kind: Kind, doc: ReferenceSource): Reference[] {
  if (!doc.value || typeof doc.value !== 'object' || Array.isArray(doc.value)) return [];
  const spots: [Segment[], Kind][] = kind === 'model' ? MODEL_REFS : kind === 'results' ? RESULTS_REFS : [];
  const refs = spots.map(([p, k]) => reference(doc, p, k));
  if (kind === 'dataset') {
    const parents = (doc.value as { derived_from?: unknown }).derived_from;
    if (Array.isArray(parents)) parents.forEach((_, i) => refs.push(reference(doc, ['derived_from', i], 'dataset')));
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
