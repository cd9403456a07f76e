// The one index of a workspace's metadata: what the CLI, the language server, the tree views and the
// leaderboard all read, so they never disagree about a file.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { AnySchema } from 'ajv';
import { builtinKindOf, BUILTIN_SCHEMAS } from '../metadata/builtinSchemas';
import { compareDiagnostics, type Diagnostic } from '../metadata/diagnostics';
import { parseDocument, type ParsedDocument } from '../metadata/parse';
import { identityOf, referencesOf, type Reference } from '../metadata/references';
import { SchemaError, SchemaValidator } from '../metadata/schemaValidator';
import type { Kind, MetadataByKind } from '../metadata/types';
import { checkDocument, type SchemaChoice } from '../metadata/validate';
import { classify, CONFIG_FILE, resolveConfig, type ResolvedConfig } from './config';
import { checkReferences, lineageCycles, resolveReference, type FileFacts, type Lookup } from './crossChecks';
import { readMetadataFile, readMetadataFileSync } from './readFile';
import { listJsonFiles } from './walk';

export interface IndexedFile extends FileFacts {
  /** Path relative to the root, with forward slashes. */
  rel: string;
  text: string;
  /** The parsed value (undefined when the file could not be read). */
  value: unknown;
  /** The tolerant tree with offsets; parsed again on demand, so 10,000 files do not keep 10,000 trees. */
  readonly doc: ParsedDocument | undefined;
  /** Syntax, schema, taxonomy and I/O problems of the file on its own. */
  local: Diagnostic[];
  /** Reference and lineage problems, which change when other files do. */
  cross: Diagnostic[];
}

/** A registry file as the views and the leaderboard see it. */
export interface Entry<T> {
  path: string;
  kind: Kind;
  data: T;
  errors: number;
  warnings: number;
}

export interface LoadOptions {
  /** A config file to use instead of `<root>/modelops.config.json`. */
  configFile?: string;
  /** false: read the config but index no files yet (a single file opened outside any folder). */
  scan?: boolean;
}

function count(list: Diagnostic[], severity: Diagnostic['severity']): number {
  return list.reduce((n, d) => n + (d.severity === severity ? 1 : 0), 0);
}

export class WorkspaceIndex implements Lookup {
  private readonly files = new Map<string, IndexedFile>();
  /** target path → paths of the files whose references resolve to it. */
  private readonly referrers = new Map<string, Set<string>>();
  private cycles = new Map<string, Diagnostic[]>();
  private readonly validator = new SchemaValidator();
  private readonly schemaFiles = new Map<string, AnySchema | Error>();
  /** Diagnostics of the config file itself. */
  configDiagnostics: Diagnostic[] = [];

  private constructor(public config: ResolvedConfig) {}

  get root(): string {
    return this.config.root;
  }

  /** Reads the config and every registry file under root. */
  static async load(root: string, options: LoadOptions = {}): Promise<WorkspaceIndex> {
    const index = new WorkspaceIndex(resolveConfig(resolve(root)));
    await index.loadConfig(options.configFile);
    if (options.scan !== false) await index.scan();
    return index;
  }

  /** Re-reads the config file (a changed config can change every file's kind and schema). */
  async loadConfig(configFile?: string): Promise<void> {
    const file = configFile ? resolve(configFile) : join(this.root, CONFIG_FILE);
    this.configDiagnostics = [];
    this.schemaFiles.clear();
    if (!existsSync(file)) {
      if (configFile) throw new Error(`config file ${configFile} does not exist`);
      this.config = resolveConfig(this.root);
      return;
    }
    const read = await readMetadataFile(file);
    if ('problem' in read) throw new Error(`${configFile ?? CONFIG_FILE}: ${read.problem}`);
    const checked = checkDocument(this.validator, read.text, 'config', { key: 'builtin:config', schema: BUILTIN_SCHEMAS.config });
    this.configDiagnostics = checked.diagnostics;
    this.config = resolveConfig(this.root, file, checked.doc.value);
  }

  /** Indexes every registry file under the root from disk. */
  async scan(): Promise<void> {
    this.files.clear();
    this.referrers.clear();
    // Synchronous reads: for thousands of small files they beat promise-based I/O several times over.
    for (const rel of await listJsonFiles(this.root)) {
      const rule = classify(this.config, rel);
      if (!rule && !this.claim(rel)) continue;
      const abs = join(this.root, rel);
      const read = readMetadataFileSync(abs);
      this.store(abs, 'text' in read ? read.text : undefined, 'problem' in read ? read.problem : undefined, { rel, rule });
    }
    this.recheckAll();
  }

  /** Whether a file no rule claims is a registry file by a `$schema` naming a built-in schema. */
  private claim(rel: string): boolean {
    let fd: number | undefined;
    try {
      fd = openSync(join(this.root, rel), 'r');
      const head = Buffer.alloc(1024);
      const n = readSync(fd, head, 0, 1024, 0);
      const kind = builtinKindOf((safeHead(head.toString('utf8', 0, n)) as { $schema?: string } | undefined)?.$schema ?? '');
      return kind !== undefined && kind !== 'config';
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** The kind of a path: the rules first, then the built-in schema its `$schema` names. */
  kindOf(path: string, value?: unknown): Kind | undefined {
    const byRule = classify(this.config, this.rel(path))?.kind;
    if (byRule) return byRule;
    const s = (value as { $schema?: unknown } | undefined)?.$schema;
    const k = typeof s === 'string' ? builtinKindOf(s) : undefined;
    return k === 'config' ? undefined : k;
  }

  private rel(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }

  /** A `$schema` in the file wins; then the registry's own schema; then the built-in one. */
  private schemaFor(path: string, kind: Kind, text: string, ruleSchema: string | undefined): SchemaChoice | Diagnostic {
    const ref = schemaRef(text);
    const builtin = ref ? builtinKindOf(ref) : undefined;
    if (builtin && builtin !== 'config') return { key: `builtin:${builtin}`, schema: BUILTIN_SCHEMAS[builtin] };
    let file = ruleSchema;
    if (ref && !/^[a-z]+:\/\//i.test(ref)) file = isAbsolute(ref) ? ref : resolve(dirname(path), ref);
    if (!file) return { key: `builtin:${kind}`, schema: BUILTIN_SCHEMAS[kind] };
    let schema = this.schemaFiles.get(file);
    if (!schema) {
      const read = readMetadataFileSync(file);
      try {
        schema = 'text' in read ? (JSON.parse(read.text) as AnySchema) : new Error(read.problem);
      } catch (e) {
        schema = new Error(`not valid JSON (${(e as Error).message})`);
      }
      this.schemaFiles.set(file, schema);
    }
    if (schema instanceof Error) {
      return { severity: 'error', code: 'schema/unavailable', offset: 0, length: 1, pointer: '', message: `Schema ${relative(this.root, file)}: ${schema.message}` };
    }
    return { key: file, schema };
  }

  /** `known`: the relative path and rule the caller already has for `path`. */
  private store(path: string, text: string | undefined, problem?: string, known?: { rel: string; rule: ReturnType<typeof classify> }): IndexedFile | undefined {
    const rel = known ? known.rel : this.rel(path);
    const rule = known ? known.rule : classify(this.config, rel);
    const kind = rule?.kind ?? this.kindOf(path, safeHead(text ?? ''));
    if (!kind) return undefined;
    let tree: ParsedDocument | undefined;
    const file: IndexedFile = {
      path, rel, kind, text: text ?? '', value: undefined, refs: [], local: [], cross: [],
      get doc() { return text === undefined ? undefined : (tree ??= parseDocument(text)); },
    };
    if (text === undefined) {
      file.local = [{ severity: 'error', code: 'io', offset: 0, length: 0, pointer: '', message: problem ?? 'cannot read the file' }];
    } else {
      const choice = this.schemaFor(path, kind, text, rule?.schema);
      let checked;
      try {
        checked = checkDocument(this.validator, text, kind, 'key' in choice ? choice : undefined, this.config.taxonomyExtra);
      } catch (e) {
        if (!(e instanceof SchemaError)) throw e;
        checked = checkDocument(this.validator, text, kind, undefined, this.config.taxonomyExtra);
        checked.diagnostics.unshift({ severity: 'error', code: 'schema/unavailable', offset: 0, length: 1, pointer: '', message: e.message });
      }
      if (!('key' in choice)) checked.diagnostics.unshift(choice);
      file.value = checked.doc.value;
      file.local = checked.diagnostics;
      file.refs = referencesOf(kind, checked.doc);
      Object.assign(file, identityOf(kind, checked.doc.value));
    }
    this.unlink(path);
    this.files.set(path, file);
    for (const target of this.targets(file)) {
      let set = this.referrers.get(target);
      if (!set) this.referrers.set(target, (set = new Set()));
      set.add(path);
    }
    return file;
  }

  private targets(file: FileFacts): string[] {
    return file.refs.flatMap((r) => (r.path ? [resolveReference(this.root, file.path, r.path.value).path] : []));
  }

  private unlink(path: string): void {
    const old = this.files.get(path);
    if (!old) return;
    for (const t of this.targets(old)) this.referrers.get(t)?.delete(path);
    this.files.delete(path);
  }

  private recheck(paths: Iterable<string>): void {
    for (const p of paths) {
      const f = this.files.get(p);
      if (f) f.cross = [...checkReferences(f, this), ...(this.cycles.get(p) ?? [])];
    }
  }

  private recheckAll(): void {
    this.cycles = lineageCycles(this.filesOf('dataset'), this);
    this.recheck(this.files.keys());
  }

  /**
   * Sets a file's text (from an editor or from disk) and re-checks what depends on it.
   * Returns the paths whose diagnostics may have changed.
   */
  update(path: string, text: string): string[] {
    const abs = resolve(path);
    const before = this.files.get(abs);
    const after = this.store(abs, text);
    if (!before && !after) return [];
    return this.afterChange(abs, before, after);
  }

  /** Re-reads a file from disk (a watcher saw it change or appear). */
  async refresh(path: string): Promise<string[]> {
    const abs = resolve(path);
    const read = await readMetadataFile(abs);
    if ('problem' in read && !existsSync(abs)) return this.remove(abs);
    const before = this.files.get(abs);
    const after = this.store(abs, 'text' in read ? read.text : undefined, 'problem' in read ? read.problem : undefined);
    if (!before && !after) return [];
    return this.afterChange(abs, before, after);
  }

  remove(path: string): string[] {
    const abs = resolve(path);
    const before = this.files.get(abs);
    if (!before) return [];
    this.unlink(abs);
    return this.afterChange(abs, before, undefined);
  }

  private afterChange(path: string, before: IndexedFile | undefined, after: IndexedFile | undefined): string[] {
    const affected = new Set<string>([path, ...(this.referrers.get(path) ?? [])]);
    // A new, removed or renamed model/dataset changes which names results can resolve.
    if (before?.name !== after?.name || !before || !after) {
      for (const f of this.files.values()) if (f.kind === 'results') affected.add(f.path);
    }
    const oldCycles = this.cycles;
    if (before?.kind === 'dataset' || after?.kind === 'dataset') {
      this.cycles = lineageCycles(this.filesOf('dataset'), this);
      for (const p of new Set([...oldCycles.keys(), ...this.cycles.keys()])) affected.add(p);
    }
    this.recheck(affected);
    if (!after) affected.delete(path);
    return [...affected, ...(after ? [] : [path])];
  }

  // ---- queries ----

  get(path: string): IndexedFile | undefined {
    // Keys are resolved paths, so a key is its own resolved form: skip resolve() for them.
    return this.files.get(path) ?? this.files.get(resolve(path));
  }

  hasName(kind: Kind, name: string): boolean {
    for (const f of this.files.values()) if (f.kind === kind && f.name === name) return true;
    return false;
  }

  /** Every indexed path, in no order (cheap: filesOf sorts). */
  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  filesOf(kind?: Kind): IndexedFile[] {
    const all = [...this.files.values()];
    return (kind ? all.filter((f) => f.kind === kind) : all).sort((a, b) => a.rel.localeCompare(b.rel));
  }

  /** Every problem of a file, in document order. */
  diagnostics(path: string): Diagnostic[] {
    const f = this.get(path);
    return f ? [...f.local, ...f.cross].sort(compareDiagnostics) : [];
  }

  /** The files whose references point at this file. */
  referencesTo(path: string): { from: IndexedFile; ref: Reference }[] {
    const abs = resolve(path);
    return [...(this.referrers.get(abs) ?? [])].flatMap((p) => {
      const from = this.files.get(p)!;
      return from.refs.filter((r) => r.path && resolveReference(this.root, p, r.path.value).path === abs).map((ref) => ({ from, ref }));
    });
  }

  /** This file's references with the files they resolve to (if indexed). */
  referencesFrom(path: string): { ref: Reference; target?: IndexedFile; targetPath?: string }[] {
    const f = this.get(path);
    if (!f) return [];
    return f.refs.map((ref) => {
      const targetPath = ref.path ? resolveReference(this.root, f.path, ref.path.value).path : undefined;
      return { ref, targetPath, target: targetPath ? this.files.get(targetPath) : undefined };
    });
  }

  private entries<K extends Kind>(kind: K): Entry<MetadataByKind[K]>[] {
    return this.filesOf(kind)
      .filter((f) => f.value && typeof f.value === 'object' && !Array.isArray(f.value))
      .map((f) => {
        const all = [...f.local, ...f.cross];
        return { path: f.path, kind, data: f.value as MetadataByKind[K], errors: count(all, 'error'), warnings: count(all, 'warning') };
      });
  }

  models() { return this.entries('model'); }
  datasets() { return this.entries('dataset'); }
  results() { return this.entries('results'); }
}

/** The `$schema` a file names near its start, read without parsing it. */
function schemaRef(text: string): string | undefined {
  // Most files name none: a native search rules that out before the regular expression runs.
  if (!text.includes('"$schema"')) return undefined;
  return /"\$schema"\s*:\s*"([^"]*)"/.exec(text.slice(0, 4096))?.[1];
}

/** Just enough of a file to read its `$schema`. */
function safeHead(text: string): unknown {
  const ref = schemaRef(text);
  return ref === undefined ? undefined : { $schema: ref };
}
