// Quick fixes: the core's FixHints as edits, plus converting a non-ISO date to ISO 8601.
import { basename } from 'node:path';
import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { BUILTIN_SCHEMAS } from '../src/core/metadata/builtinSchemas';
import type { Diagnostic, FixHint } from '../src/core/metadata/diagnostics';
import { parseDocument } from '../src/core/metadata/parse';
import { CONFIG_FILE } from '../src/core/registry/config';
import { openFile, type Context, type OpenFile } from './context';
import { coreDiagnosticsOf, toLsp } from './diagnostics';
import { toIsoDate } from './isoDate';
import { pathToUri } from './paths';
import { placeholder } from './placeholders';
import { fileTemplate } from './templates';

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset + 1))![0];
}

/** Inserts `"name": placeholder` pairs right after the object's `{`, in the file's indentation. */
function addPropertiesEdit(f: OpenFile, fix: Extract<FixHint, { kind: 'addProperties' }>, pointer: string): TextEdit | undefined {
  const root = f.file?.doc?.root ?? parseDocument(f.text).root;
  const obj = root && findNodeAtOffset(root, fix.offset, false);
  const node: Node | undefined = obj?.type === 'object' ? obj : obj?.parent?.type === 'object' ? obj.parent : undefined;
  if (!node || node.offset !== fix.offset) return undefined;
  const schema = basename(f.path) === CONFIG_FILE ? BUILTIN_SCHEMAS.config : BUILTIN_SCHEMAS[f.file?.kind ?? 'dataset'];
  const base = lineIndent(f.text, node.offset);
  const first = node.children?.[0];
  const firstIndent = first && f.text.lastIndexOf('\n', first.offset) > node.offset ? lineIndent(f.text, first.offset) : undefined;
  const unit = base.includes('\t') ? '\t' : '  ';
  const indent = firstIndent ?? base + unit;
  const pairs = fix.names.map((n) => {
    const value = JSON.stringify(placeholder(schema, pointer, n), null, unit).replace(/\n/g, '\n' + indent);
    return `\n${indent}${JSON.stringify(n)}: ${value}`;
  });
  const tail = first ? ',' : `\n${base}`;
  const at = f.doc.positionAt(node.offset + 1);
  // `{}` or `{ }`: replace what is between the braces so the closing brace lands on its own line.
  const inner = first ? 0 : node.length - 2;
  return { range: { start: at, end: f.doc.positionAt(node.offset + 1 + inner) }, newText: pairs.join(',') + tail };
}

function editOf(f: OpenFile, d: Diagnostic): WorkspaceEdit | undefined {
  const fix = d.fix!;
  const doc: TextDocument = f.doc;
  const range = (o: number, l: number) => ({ start: doc.positionAt(o), end: doc.positionAt(o + l) });
  switch (fix.kind) {
    case 'insert': return { changes: { [f.uri]: [{ range: range(fix.offset, 0), newText: fix.text }] } };
    case 'replace': return { changes: { [f.uri]: [{ range: range(fix.offset, fix.length), newText: fix.text }] } };
    case 'addProperties': {
      const edit = addPropertiesEdit(f, fix, d.pointer);
      return edit && { changes: { [f.uri]: [edit] } };
    }
    case 'createFile': {
      const uri = pathToUri(fix.path);
      return {
        documentChanges: [
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: fileTemplate(fix.template, fix.name, fix.version) }] },
        ],
      };
    }
  }
}

/** A date field that is not ISO 8601: `format/date`, or a log entry's `date` that fails its pattern. */
function isoDateEdit(f: OpenFile, d: Diagnostic): { edit: WorkspaceEdit; title: string } | undefined {
  const isDate = d.code === 'format/date' || (d.code === 'schema/pattern' && /\/date$/.test(d.pointer));
  if (!isDate || f.text[d.offset] !== '"') return undefined;
  let value: unknown;
  try { value = JSON.parse(f.text.slice(d.offset, d.offset + d.length)); } catch { return undefined; }
  const iso = typeof value === 'string' ? toIsoDate(value) : undefined;
  if (!iso || iso === value) return undefined;
  const range = { start: f.doc.positionAt(d.offset), end: f.doc.positionAt(d.offset + d.length) };
  return { title: `Convert to ISO 8601: "${iso}"`, edit: { changes: { [f.uri]: [{ range, newText: JSON.stringify(iso) }] } } };
}

export function registerCodeActions(ctx: Context): void {
  ctx.connection.onCodeAction(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    if (!f) return [];
    const found = await coreDiagnosticsOf(ctx, f.path);
    if (!found) return [];
    const start = f.doc.offsetAt(params.range.start);
    const end = f.doc.offsetAt(params.range.end);
    const actions: CodeAction[] = [];
    for (const d of found.list) {
      if (d.offset > end || d.offset + d.length < start) continue;
      const diagnostics = toLsp([d], found.rangeOf);
      if (d.fix) {
        const edit = editOf(f, d);
        if (edit) actions.push({ title: d.fix.title, kind: CodeActionKind.QuickFix, diagnostics, edit, isPreferred: true });
      }
      const date = isoDateEdit(f, d);
      if (date) actions.push({ title: date.title, kind: CodeActionKind.QuickFix, diagnostics, edit: date.edit, isPreferred: true });
    }
    return actions;
  });
}
