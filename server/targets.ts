// Which reference the cursor is on, and which registry file it points at.
import type { Reference } from '../src/core/metadata/references';
import { resolveReference } from '../src/core/registry/crossChecks';
import type { IndexedFile, WorkspaceIndex } from '../src/core/registry/workspaceIndex';

export interface ReferenceHit {
  ref: Reference;
  /** The part under the cursor. */
  part?: 'name' | 'version' | 'path';
  target?: IndexedFile;
  /** Where metadata_reference resolves, whether or not the file exists. */
  targetPath?: string;
}

const within = (offset: number, p?: { offset: number; length: number }) => !!p && offset >= p.offset && offset <= p.offset + p.length;

/** The target of a reference: by its path when it has one, else the file declaring its name (and version). */
export function targetOf(index: WorkspaceIndex, from: IndexedFile, ref: Reference): { target?: IndexedFile; targetPath?: string } {
  if (ref.path) {
    const { path, outside } = resolveReference(index.root, from.path, ref.path.value);
    if (outside) return {};
    const target = index.get(path);
    return { target: target?.kind === ref.targetKind ? target : undefined, targetPath: path };
  }
  if (!ref.name) return {};
  const named = index.filesOf(ref.targetKind).filter((f) => f.name === ref.name!.value);
  return { target: named.find((f) => ref.version && f.version === ref.version.value) ?? named[0] };
}

/** The reference whose object contains the offset (the innermost, for nested ones). */
export function referenceAt(index: WorkspaceIndex, file: IndexedFile, offset: number): ReferenceHit | undefined {
  const ref = file.refs.filter((r) => offset >= r.offset && offset <= r.offset + r.length).sort((a, b) => a.length - b.length)[0];
  if (!ref) return undefined;
  const part = within(offset, ref.name) ? 'name' : within(offset, ref.version) ? 'version' : within(offset, ref.path) ? 'path' : undefined;
  return { ref, part, ...targetOf(index, file, ref) };
}

/** Every reference in the index that points at this file, by path or (name-only references) by name. */
export function referrersOf(index: WorkspaceIndex, file: IndexedFile): { from: IndexedFile; ref: Reference }[] {
  const out = index.referencesTo(file.path);
  if (file.name) {
    for (const from of index.filesOf()) {
      for (const ref of from.refs) {
        if (!ref.path && ref.targetKind === file.kind && ref.name?.value === file.name && (!ref.version || !file.version || ref.version.value === file.version)) {
          out.push({ from, ref });
        }
      }
    }
  }
  return out;
}
