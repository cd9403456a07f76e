// Prints diagnostics as text (path:line:col), JSON (LSP ranges) or GitHub Actions annotations.
import { relative } from 'node:path';
import type { Diagnostic, Range } from '../core/metadata/diagnostics';
import { LineIndex } from '../core/metadata/positions';

export type Format = 'text' | 'json' | 'github';

export interface FileReport {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
}

interface Located extends Diagnostic { file: string; range: Range }

function locate(files: FileReport[], cwd: string): Located[] {
  return files.flatMap((f) => {
    if (!f.diagnostics.length) return [];
    const lines = new LineIndex(f.text);
    const file = relative(cwd, f.path) || f.path;
    return f.diagnostics.map((d) => ({ ...d, file, range: lines.rangeOf(d.offset, d.length) }));
  });
}

/** GitHub's workflow-command escaping for properties and messages. */
function ghEscape(s: string, property = false): string {
  let out = s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) out = out.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return out;
}

export function render(files: FileReport[], format: Format, cwd = process.cwd()): string {
  const all = locate(files, cwd);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (format === 'json') {
    return JSON.stringify({
      files: files.length, errors, warnings,
      diagnostics: all.map((d) => ({ file: d.file, range: d.range, severity: d.severity, code: d.code, message: d.message, pointer: d.pointer })),
    }, null, 2);
  }
  if (format === 'github') {
    const level = { error: 'error', warning: 'warning', information: 'notice' } as const;
    return all.map((d) => {
      const props = `file=${ghEscape(d.file, true)},line=${d.range.start.line + 1},col=${d.range.start.character + 1},endLine=${d.range.end.line + 1},endColumn=${d.range.end.character + 1},title=${ghEscape(d.code, true)}`;
      return `::${level[d.severity]} ${props}::${ghEscape(d.message)}`;
    }).concat(`${files.length} files checked: ${errors} errors, ${warnings} warnings`).join('\n');
  }
  const lines = all.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`);
  lines.push(`${files.length} files checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n');
}
