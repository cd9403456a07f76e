// vscode-json-languageservice does schema-driven completion, hover and symbols: one service per
// schema (built-in by kind, or a team's schema file), configured with OUR schema files by $id.
// Its validation is never used: diagnostics come from the core, like the CLI's.
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { getLanguageService, type JSONDocument, type LanguageService } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { BUILTIN_SCHEMAS } from '../src/core/metadata/builtinSchemas';
import { parseDocument } from '../src/core/metadata/parse';
import type { Kind } from '../src/core/metadata/types';
import { CONFIG_FILE, classify } from '../src/core/registry/config';
import type { OpenFile } from './context';
import { pathToUri } from './paths';

const BUILTIN_BY_ID = new Map(Object.values(BUILTIN_SCHEMAS).map((s) => [s.$id, s]));

/** Schemas by URI: ours from memory, a team's from disk; nothing from the network. */
async function requestSchema(uri: string): Promise<string> {
  const builtin = BUILTIN_BY_ID.get(uri) ?? BUILTIN_BY_ID.get(uri.replace(/#$/, ''));
  if (builtin) return JSON.stringify(builtin);
  const u = URI.parse(uri);
  if (u.scheme === 'file') return fs.readFile(u.fsPath, 'utf8');
  throw new Error(`ModelOps does not fetch schemas from ${u.scheme}: URIs (${uri})`);
}

export class JsonServices {
  private readonly services = new Map<string, LanguageService>();
  private readonly parsed = new Map<string, { version: number; json: JSONDocument }>();

  /** The service whose default schema is the one for this file, or undefined for files we do not own. */
  serviceFor(f: OpenFile): LanguageService | undefined {
    let key: string | undefined;
    if (basename(f.path) === CONFIG_FILE) key = BUILTIN_SCHEMAS.config.$id;
    else if (f.file) {
      const rule = classify(f.index.config, f.file.rel);
      key = rule?.schema ? pathToUri(rule.schema) : BUILTIN_SCHEMAS[f.file.kind as Kind].$id;
    }
    if (!key) return undefined;
    let service = this.services.get(key);
    if (!service) {
      service = getLanguageService({
        schemaRequestService: requestSchema,
        workspaceContext: { resolveRelativePath: (rel, resource) => Utils.resolvePath(Utils.dirname(URI.parse(resource)), rel).toString() },
      });
      service.configure({
        validate: false,
        allowComments: false,
        schemas: [
          ...Object.values(BUILTIN_SCHEMAS).filter((s) => s.$id !== key).map((s) => ({ uri: s.$id, schema: s })),
          { uri: key, fileMatch: ['*'], schema: BUILTIN_BY_ID.get(key) },
        ],
      });
      this.services.set(key, service);
    }
    return service;
  }

  /** The service's own parse of a document, cached per version. */
  parse(service: LanguageService, doc: TextDocument): JSONDocument {
    const hit = this.parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.json;
    const json = service.parseJSONDocument(doc);
    this.parsed.set(doc.uri, { version: doc.version, json });
    return json;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
  }

  /** Drops every service (and the schemas each cached). */
  clear(): void {
    this.services.clear();
    this.parsed.clear();
  }
}

/** Past the core's depth limit the service's recursive parser would overflow: no JSON features there. */
export function tooDeep(f: OpenFile): boolean {
  if (f.file) return !!f.file.local.some((d) => d.code === 'too-deep');
  return parseDocument(f.text).diagnostics.some((d) => d.code === 'too-deep');
}
