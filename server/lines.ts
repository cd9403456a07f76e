// Offsets → LSP positions at the edge: an open document's own line table, else one built from
// the indexed text (cached per indexed version of the file).
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver';
import { LineIndex } from '../src/core/metadata/positions';
import type { IndexedFile } from '../src/core/registry/workspaceIndex';
import { pathToUri } from './paths';

export class Lines {
  private readonly cache = new WeakMap<IndexedFile, LineIndex>();

  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  /** Positions for a file's indexed text: the open document's when it holds the same text. */
  of(file: IndexedFile): { rangeOf(offset: number, length: number): Range; offsetAt(p: Range['start']): number } {
    const doc = this.documents.get(pathToUri(file.path));
    if (doc && doc.getText().length === file.text.length && doc.getText() === file.text) {
      return {
        rangeOf: (offset, length) => ({ start: doc.positionAt(offset), end: doc.positionAt(offset + length) }),
        offsetAt: (p) => doc.offsetAt(p),
      };
    }
    let li = this.cache.get(file);
    if (!li) this.cache.set(file, (li = new LineIndex(file.text)));
    return li;
  }
}
