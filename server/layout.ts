// What VS Code's JSON support would give these files had they kept the `json` language: formatting,
// folding and smart selection, from vscode-json-languageservice.
import { openFile, type Context } from './context';
import { tooDeep } from './jsonServices';

export function registerLayout(ctx: Context): void {
  const { connection } = ctx;
  connection.onDocumentFormatting(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    const service = f && !tooDeep(f) ? ctx.json.serviceFor(f) : undefined;
    return service ? service.format(f!.doc, undefined, params.options) : [];
  });
  connection.onDocumentRangeFormatting(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    const service = f && !tooDeep(f) ? ctx.json.serviceFor(f) : undefined;
    return service ? service.format(f!.doc, params.range, params.options) : [];
  });
  connection.onFoldingRanges(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    const service = f && !tooDeep(f) ? ctx.json.serviceFor(f) : undefined;
    return service ? service.getFoldingRanges(f!.doc, { rangeLimit: 5000 }) : [];
  });
  connection.onSelectionRanges(async (params) => {
    const f = await openFile(ctx, params.textDocument.uri);
    const service = f && !tooDeep(f) ? ctx.json.serviceFor(f) : undefined;
    return service ? service.getSelectionRanges(f!.doc, params.positions, ctx.json.parse(service, f!.doc)) : [];
  });
}
