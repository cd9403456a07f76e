// Pull diagnostics: the open document's on request, every other registry file's for the workspace.
// The problems are the index's, exactly what `modelops validate` prints for the same files.
import { promises as fs } from 'node:fs';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic as LspDiagnostic, type Range, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { BUILTIN_SCHEMAS } from '../src/core/metadata/builtinSchemas';
import type { Diagnostic } from '../src/core/metadata/diagnostics';
import { LineIndex } from '../src/core/metadata/positions';
import { SchemaValidator } from '../src/core/metadata/schemaValidator';
import { checkDocument } from '../src/core/metadata/validate';
import type { FormatSeverity } from '../src/core/settings';
import type { Context } from './context';
import { isInside, pathToUri, uriToPath } from './paths';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;
const FORMAT_SEVERITY: Record<Exclude<FormatSeverity, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export function toLsp(list: Diagnostic[], rangeOf: (offset: number, length: number) => Range, formatSeverity: FormatSeverity = 'warning'): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of list) {
    const isFormat = d.code.startsWith('format/');
    if (isFormat && formatSeverity === 'off') continue;
    out.push({
      range: rangeOf(d.offset, d.length),
      severity: isFormat && formatSeverity !== 'off' ? FORMAT_SEVERITY[formatSeverity] : SEVERITY[d.severity],
      code: d.code,
      source: 'modelops',
      message: d.message,
      data: { pointer: d.pointer },
    });
  }
  return out;
}

/** FNV-1a: a result id that changes when the report does. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const configValidator = new SchemaValidator();

/** The core diagnostics of one path, and how to place them. */
export async function coreDiagnosticsOf(ctx: Context, path: string): Promise<{ list: Diagnostic[]; rangeOf: (o: number, l: number) => Range } | undefined> {
  const configOf = ctx.workspaces.all().find((f) => f.index.config.file === path);
  const doc = ctx.documents.get(pathToUri(path));
  if (configOf) {
    // An open config file is checked as typed; the index takes it up on save.
    if (doc) {
      const checked = checkDocument(configValidator, doc.getText(), 'config', { key: 'builtin:config', schema: BUILTIN_SCHEMAS.config });
      return { list: checked.diagnostics, rangeOf: (o, l) => ({ start: doc.positionAt(o), end: doc.positionAt(o + l) }) };
    }
    const text = await fs.readFile(path, 'utf8').catch(() => '');
    const li = new LineIndex(text);
    return { list: configOf.index.configDiagnostics, rangeOf: (o, l) => li.rangeOf(o, l) };
  }
  const index = (await ctx.workspaces.indexFor(path));
  const file = index?.get(path);
  if (!index || !file) return undefined;
  const lines = ctx.lines.of(file);
  return { list: index.diagnostics(path), rangeOf: (o, l) => lines.rangeOf(o, l) };
}

async function formatSeverityOf(ctx: Context, path: string): Promise<FormatSeverity> {
  const folder = ctx.workspaces.folderOf(path);
  return folder ? (await ctx.settings.get(folder.path))['validation.formatSeverity'] : 'warning';
}

export async function lspDiagnosticsOf(ctx: Context, path: string): Promise<LspDiagnostic[]> {
  const found = await coreDiagnosticsOf(ctx, path);
  return found ? toLsp(found.list, found.rangeOf, await formatSeverityOf(ctx, path)) : [];
}

export function registerDiagnostics(ctx: Context): void {
  const { connection } = ctx;
  connection.languages.diagnostics.on(async (params) => {
    await ctx.ready;
    await ctx.sync.flush(params.textDocument.uri);
    const path = uriToPath(params.textDocument.uri);
    const items = path ? await lspDiagnosticsOf(ctx, path) : [];
    const resultId = hash(JSON.stringify(items));
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    await ctx.ready;
    const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
    let report = await workspaceReport(ctx, previous);
    // Nothing new since the client's last pull: hold the request until the index changes (or the
    // client cancels it), instead of answering "unchanged" to a poll every two seconds.
    while (previous.size && report.every((r) => r.kind === DocumentDiagnosticReportKind.Unchanged) && !token.isCancellationRequested) {
      await new Promise<void>((resolve) => {
        const sub = token.onCancellationRequested(() => resolve());
        void ctx.sync.nextChange().then(() => { sub.dispose(); resolve(); });
      });
      report = await workspaceReport(ctx, previous);
    }
    return { items: report };
  });
}

/** What workspace/diagnostic reports: every registry file (and config file) that is not open. */
async function workspaceReport(ctx: Context, previous: Map<string, string>): Promise<WorkspaceDocumentDiagnosticReport[]> {
  await ctx.sync.flushAll();
  const items: WorkspaceDocumentDiagnosticReport[] = [];
  const seen = new Set<string>();
  for (const folder of ctx.workspaces.all()) {
    const paths = folder.index.filesOf().map((f) => f.path);
    if (folder.index.config.file) paths.push(folder.index.config.file);
    for (const path of paths) {
      // Open documents are reported by their own pulls; files above the folder belong to no folder.
      if (seen.has(path) || ctx.sync.isOpen(path) || !isInside(path, folder.path)) continue;
      seen.add(path);
      const uri = pathToUri(path);
      const list = await lspDiagnosticsOf(ctx, path);
      const resultId = hash(JSON.stringify(list));
      items.push(previous.get(uri) === resultId
        ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null }
        : { kind: DocumentDiagnosticReportKind.Full, uri, resultId, version: null, items: list });
    }
  }
  // Files the client knew that are gone (deleted, or no longer registry files): clear them.
  const reported = new Set(items.map((i) => i.uri));
  for (const [uri, value] of previous) {
    const path = uriToPath(uri);
    if (!reported.has(uri) && value !== EMPTY && !(path && ctx.sync.isOpen(path))) {
      items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId: EMPTY, version: null, items: [] });
    }
  }
  return items;
}

/** The result id of a cleared report for a file that is no longer in the registry. */
const EMPTY = 'gone';
