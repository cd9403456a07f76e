// What every feature handler needs: the connection, the open documents, the indexes.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IndexedFile, WorkspaceIndex } from '../src/core/registry/workspaceIndex';
import type { JsonServices } from './jsonServices';
import type { Lines } from './lines';
import { uriToPath } from './paths';
import type { SettingsCache } from './settingsCache';
import type { Sync } from './sync';
import type { Workspaces } from './workspaces';

export interface Context {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspaces: Workspaces;
  sync: Sync;
  settings: SettingsCache;
  json: JsonServices;
  lines: Lines;
  /** Resolves when the workspace folders are indexed. */
  ready: Promise<void>;
}

export interface OpenFile {
  uri: string;
  path: string;
  doc: TextDocument;
  index: WorkspaceIndex;
  /** The indexed file; undefined when no registry rule claims the document. */
  file?: IndexedFile;
  text: string;
}

/** An open document, flushed into its index. */
export async function openFile(ctx: Context, uri: string): Promise<OpenFile | undefined> {
  await ctx.ready;
  const doc = ctx.documents.get(uri);
  const path = uriToPath(uri);
  if (!doc || !path) return undefined;
  await ctx.sync.flush(uri);
  const index = await ctx.workspaces.indexFor(path);
  if (!index) return undefined;
  return { uri, path, doc, index, file: index.get(path), text: doc.getText() };
}
