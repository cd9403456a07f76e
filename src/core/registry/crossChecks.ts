// The checks no schema can make: references resolve, name the right thing, and lineage has no cycles.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../metadata/diagnostics';
import type { Reference } from '../metadata/references';
import type { Kind } from '../metadata/types';

/** What a check needs to know about a registry file. */
export interface FileFacts {
  path: string;
  kind: Kind;
  name?: string;
  version?: string;
  refs: Reference[];
}

export interface Lookup {
  root: string;
  get(path: string): FileFacts | undefined;
  /** Whether any file of that kind declares that name. */
  hasName(kind: Kind, name: string): boolean;
}

/** The memo: root → from → ref → answer (nested maps: no key strings to build and hash per call). */
const resolved = new Map<string, Map<string, Map<string, { path: string; outside: boolean }>>>();
let memoSize = 0;

/** resolve(dirname(from), ref) for a normalized absolute POSIX `from` and a relative `ref`, by segments. */
function joinPosix(from: string, ref: string): string {
  const parts = from.split('/');
  parts.pop();
  for (const seg of ref.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') parts.push(seg);
    else if (parts.length > 1) parts.pop();
  }
  return parts.length > 1 ? parts.join('/') : '/';
}

function compute(root: string, from: string, ref: string): { path: string; outside: boolean } {
  if (sep === '/' && isAbsolute(from) && !isAbsolute(ref) && !from.includes('/.') && !from.includes('//') && !root.includes('/.') && !root.includes('//') && (root === '/' || !root.endsWith('/'))) {
    // The common case without node:path's general machinery; the same answers (see crossChecks tests).
    const path = joinPosix(from, ref);
    const prefix = root === '/' ? '/' : root + '/';
    const inside = path.startsWith(prefix) && path !== root;
    return { path, outside: !inside || path.slice(prefix.length).startsWith('..') };
  }
  const path = isAbsolute(ref) ? ref : resolve(dirname(from), ref);
  const rel = relative(root, path);
  return { path, outside: rel === '' || rel.startsWith('..') || isAbsolute(rel) };
}

/** The absolute path a reference points at, and whether that leaves the root. Memoised: path maths is hot. */
export function resolveReference(root: string, from: string, ref: string): { path: string; outside: boolean } {
  if (memoSize > 200_000) {
    resolved.clear();
    memoSize = 0;
  }
  let byFrom = resolved.get(root);
  if (!byFrom) resolved.set(root, (byFrom = new Map()));
  let byRef = byFrom.get(from);
  if (!byRef) byFrom.set(from, (byRef = new Map()));
  let hit = byRef.get(ref);
  if (!hit) {
    hit = compute(root, from, ref);
    byRef.set(ref, hit);
    memoSize++;
  }
  return hit;
}

const KIND_LABEL: Record<Kind, string> = { model: 'model', dataset: 'dataset', results: 'results' };

function checkReference(file: FileFacts, ref: Reference, lookup: Lookup): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (part: { offset: number; length: number }, pointerTail: string) => ({ offset: part.offset, length: part.length, pointer: ref.pointer + pointerTail });
  if (!ref.path) {
    // Name-only references (e.g. a benchmark dataset with no metadata file) are fine when the registry
    // knows the name; results that name an unknown model or dataset are worth a warning.
    if (file.kind === 'results' && ref.name && !lookup.hasName(ref.targetKind, ref.name.value)) {
      out.push({
        severity: 'warning', code: `results/unknown-${ref.targetKind}`, ...at(ref.name, '/name'),
        message: `No ${KIND_LABEL[ref.targetKind]} named "${ref.name.value}" in the registry`,
      });
    }
    return out;
  }
  const { path, outside } = resolveReference(lookup.root, file.path, ref.path.value);
  if (outside) {
    out.push({
      severity: 'error', code: 'reference/outside-workspace', ...at(ref.path, '/metadata_reference'),
      message: `"${ref.path.value}" points outside the workspace; references must stay inside it`,
    });
    return out;
  }
  const target = lookup.get(path);
  if (!target) {
    if (existsSync(path)) {
      out.push({
        severity: 'error', code: 'reference/wrong-kind', ...at(ref.path, '/metadata_reference'),
        message: `"${ref.path.value}" is not a ${KIND_LABEL[ref.targetKind]} metadata file of this registry`,
      });
    } else {
      out.push({
        severity: 'error', code: 'reference/missing-file', ...at(ref.path, '/metadata_reference'),
        message: `"${ref.path.value}" does not exist (resolved to ${relative(lookup.root, path)})`,
        fix: ref.targetKind === 'dataset' || ref.targetKind === 'model'
          ? { kind: 'createFile', path, template: ref.targetKind, name: ref.name?.value, version: ref.version?.value, title: `Create ${relative(lookup.root, path)}` }
          : undefined,
      });
    }
    return out;
  }
  if (target.kind !== ref.targetKind) {
    out.push({
      severity: 'error', code: 'reference/wrong-kind', ...at(ref.path, '/metadata_reference'),
      message: `"${ref.path.value}" is a ${KIND_LABEL[target.kind]} file, not a ${KIND_LABEL[ref.targetKind]} file`,
    });
    return out;
  }
  for (const [part, declared, actual, field] of [
    [ref.name, ref.name?.value, target.name, 'name'],
    [ref.version, ref.version?.value, target.version, 'version'],
  ] as const) {
    if (!part || declared === undefined || actual === undefined || declared === actual) continue;
    out.push({
      severity: 'error', code: `reference/${field}-mismatch`, ...at(part, `/${field}`),
      message: `${field === 'name' ? 'Name' : 'Version'} "${declared}" does not match the referenced file, which declares "${actual}"`,
      fix: { kind: 'replace', offset: part.offset, length: part.length, text: JSON.stringify(actual), title: `Change to "${actual}"` },
    });
  }
  return out;
}

export function checkReferences(file: FileFacts, lookup: Lookup): Diagnostic[] {
  return file.refs.flatMap((r) => checkReference(file, r, lookup));
}

/**
 * Cycles in dataset lineage (derived_from), as one error per dataset in a cycle, at the reference
 * that closes it, naming the whole cycle.
 */
export function lineageCycles(datasets: FileFacts[], lookup: Lookup): Map<string, Diagnostic[]> {
  const parents = new Map<string, { ref: Reference; target: string }[]>();
  for (const d of datasets) {
    parents.set(d.path, d.refs.flatMap((ref) => {
      if (!ref.path || !ref.role.startsWith('derived_from')) return [];
      const { path, outside } = resolveReference(lookup.root, d.path, ref.path.value);
      return !outside && lookup.get(path)?.kind === 'dataset' ? [{ ref, target: path }] : [];
    }));
  }
  // Iterative DFS with colours; each back edge closes a cycle: report it on every member once.
  const out = new Map<string, Diagnostic[]>();
  const colour = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  for (const start of parents.keys()) {
    if (colour.has(start)) continue;
    const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
    const onPath: string[] = [start];
    colour.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const edges = parents.get(top.node) ?? [];
      if (top.i >= edges.length) {
        colour.set(top.node, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const edge = edges[top.i++];
      const c = colour.get(edge.target);
      if (c === undefined) {
        colour.set(edge.target, 1);
        stack.push({ node: edge.target, i: 0 });
        onPath.push(edge.target);
      } else if (c === 1) {
        const cycle = onPath.slice(onPath.indexOf(edge.target));
        const key = [...cycle].sort().join('\n');
        if (reported.has(key)) continue;
        reported.add(key);
        const names = [...cycle, edge.target].map((p) => relative(lookup.root, p)).join(' → ');
        // The closing edge of each member: the reference from it to the next member.
        cycle.forEach((member, k) => {
          const next = cycle[(k + 1) % cycle.length];
          const e = parents.get(member)!.find((x) => x.target === next)!;
          const list = out.get(member) ?? [];
          list.push({
            severity: 'error', code: 'lineage/cycle', offset: e.ref.offset, length: e.ref.length, pointer: e.ref.pointer,
            message: `derived_from forms a cycle: ${names}`,
          });
          out.set(member, list);
        });
      }
    }
  }
  return out;
}
