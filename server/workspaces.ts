// One WorkspaceIndex per workspace folder (multi-root), plus small indexes for files opened outside
// every folder. Open documents override the disk: their text goes into the index as it is typed.
import { basename, dirname, resolve } from 'node:path';
import { CONFIG_FILE, findConfigFile, resolveConfig } from '../src/core/registry/config';
import { WorkspaceIndex } from '../src/core/registry/workspaceIndex';
import type { ModelOpsSettings } from '../src/core/settings';
import { isInside } from './paths';

export interface Folder {
  /** The workspace folder's path. */
  path: string;
  index: WorkspaceIndex;
  /** A problem loading the configuration, shown to the user once. */
  problem?: string;
}

export class Workspaces {
  private readonly folders = new Map<string, Folder>();
  /** Indexes rooted at the folder of a file opened outside every workspace folder. */
  private readonly loose = new Map<string, WorkspaceIndex | undefined>();

  constructor(private readonly settingsOf: (folderPath: string) => Promise<ModelOpsSettings>) {}

  all(): Folder[] {
    return [...this.folders.values()];
  }

  /** (Re)builds the index of a folder from disk, with its settings and config file. */
  async load(folderPath: string): Promise<Folder> {
    const path = resolve(folderPath);
    const settings = await this.settingsOf(path);
    let problem: string | undefined;
    const configFile = settings.configFile ? resolve(path, settings.configFile) : findConfigFile(path);
    const root = configFile ? dirname(configFile) : path;
    let index: WorkspaceIndex;
    try {
      index = await WorkspaceIndex.load(root, { configFile, scan: false });
    } catch (e) {
      problem = `ModelOps: ${(e as Error).message}; using the default registry layout`;
      index = await WorkspaceIndex.load(path, { scan: false });
    }
    if (!index.config.file && settings.registries.length) {
      index.config = resolveConfig(index.root, undefined, { registries: settings.registries });
    }
    await index.scan();
    const folder: Folder = { path, index, problem };
    this.folders.set(path, folder);
    return folder;
  }

  unload(folderPath: string): void {
    this.folders.delete(resolve(folderPath));
  }

  /** The folder a path belongs to: the deepest workspace folder containing it. */
  folderOf(path: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if (isInside(path, f.path) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  /** The index that owns a path, creating a small one for files outside every folder. */
  async indexFor(path: string): Promise<WorkspaceIndex | undefined> {
    const folder = this.folderOf(path);
    if (folder) return folder.index;
    const dir = dirname(path);
    if (!this.loose.has(dir)) {
      // No scan: only the files opened from there are indexed. A broken config there: no index.
      this.loose.set(dir, await WorkspaceIndex.load(dir, { scan: false }).catch(() => undefined));
    }
    return this.loose.get(dir);
  }

  /** Every index that may hold a path (its folder's, or a loose one). */
  indexesHolding(path: string): WorkspaceIndex[] {
    const out: WorkspaceIndex[] = [];
    for (const f of this.folders.values()) if (f.index.get(path)) out.push(f.index);
    for (const i of this.loose.values()) if (i?.get(path)) out.push(i);
    return out;
  }

  /** Loose indexes, for listing and diagnostics. */
  looseIndexes(): WorkspaceIndex[] {
    return [...this.loose.values()].filter((i): i is WorkspaceIndex => !!i);
  }

  /**
   * The folders to re-index when this file changes: a config file configures its own folder and
   * those below it (found upward); a team schema named by a registry rule, the folders using it.
   */
  foldersConfiguredBy(path: string): Folder[] {
    return this.all().filter((f) =>
      f.index.config.file === path
      || (basename(path) === CONFIG_FILE && isInside(f.path, dirname(path)))
      || f.index.config.rules.some((r) => r.schema === path));
  }
}
