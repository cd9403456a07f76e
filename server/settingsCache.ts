// Settings pulled with workspace/configuration, cached per workspace folder, dropped on change
// (the way vscode-eslint does it).
import type { Connection } from 'vscode-languageserver';
import { defaultSettings, readSettings, SETTINGS_SECTION, type ModelOpsSettings } from '../src/core/settings';
import { pathToUri } from './paths';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<ModelOpsSettings>>();
  /** Set from the client's capabilities at initialize. */
  supported = false;

  constructor(private readonly connection: Connection) {}

  get(folderPath: string): Promise<ModelOpsSettings> {
    if (!this.supported) return Promise.resolve(defaultSettings());
    let hit = this.cache.get(folderPath);
    if (!hit) {
      hit = this.connection.workspace
        .getConfiguration({ scopeUri: pathToUri(folderPath), section: SETTINGS_SECTION })
        .then(readSettings, () => defaultSettings());
      this.cache.set(folderPath, hit);
    }
    return hit;
  }

  clear(): void {
    this.cache.clear();
  }
}
