import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { findConfigFile as findConfig } from '../../core/registry/config';
import { WorkspaceIndex } from '../../core/registry/workspaceIndex';
import { render, type FileReport, type Format } from '../report';
import { parse, UsageError, type Command } from '../usage';

const usage = `usage: modelops validate [PATH...] [--config FILE] [--format text|json|github] [--max-warnings N]

Checks the metadata files under each PATH (default: the current folder) against their schemas and
against each other (references, lineage, taxonomy).

  --config FILE       a modelops.config.json (default: the nearest one above the first PATH)
  --format F          text (path:line:col), json (LSP ranges) or github (Actions annotations)
  --max-warnings N    fail when there are more than N warnings

Exit status: 0 no errors (and warnings within --max-warnings), 1 problems found, 2 usage or I/O error.`;

function commonAncestor(paths: string[]): string {
  const parts = paths.map((p) => p.split(sep));
  const first = parts[0];
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join(sep) || sep;
}

function within(path: string, dir: string): boolean {
  // Both resolved: a path under dir needs no relative() (called once per file of the registry).
  if (path.startsWith(dir) && path.charAt(dir.length) === sep && !dir.endsWith(sep)) return !path.startsWith('..', dir.length + 1);
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
}

export const validate: Command = {
  summary: 'check metadata files against their schemas and each other',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      config: { type: 'string' },
      format: { type: 'string', default: 'text' },
      'max-warnings': { type: 'string' },
    });
    const format = values.format as Format;
    if (!['text', 'json', 'github'].includes(format)) throw new UsageError(`unknown format '${format}'`);
    const maxWarnings = values['max-warnings'] === undefined ? Infinity : Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) throw new UsageError('--max-warnings takes a whole number');

    const cwd = process.cwd();
    const targets = (positionals.length ? positionals : ['.']).map((p) => resolve(p));
    for (const [i, t] of targets.entries()) {
      const name = positionals[i] ?? '.';
      try {
        if (statSync(t).isDirectory() && t.endsWith('.json')) throw new Error(`${name}: is a directory, not a JSON file`);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') throw new Error(`${name}: no such file or folder`);
        if (code === 'ELOOP') throw new Error(`${name}: too many levels of symbolic links (a symlink loop)`);
        if (code) throw new Error(`${name}: ${(e as Error).message}`);
        throw e;
      }
    }
    const config = values.config ? resolve(values.config) : findConfig(statSync(targets[0]).isDirectory() ? targets[0] : dirname(targets[0]));
    const root = config ? dirname(config)
      : targets.every((t) => within(t, cwd)) ? cwd
      : commonAncestor(targets.map((t) => (statSync(t).isDirectory() ? t : dirname(t))));

    const index = await WorkspaceIndex.load(root, { configFile: config });
    const reports: FileReport[] = [];
    if (config && index.configDiagnostics.length) {
      reports.push({ path: config, text: readFileSync(config, 'utf8'), diagnostics: index.configDiagnostics });
    }
    for (const t of targets) {
      // A file named explicitly is checked even when no rule claims it, so the user gets an answer.
      if (statSync(t).isFile() && !index.get(t)) {
        let text: string | undefined;
        try { text = readFileSync(t, 'utf8'); } catch { /* reported below */ }
        if (text === undefined || index.update(t, text).length === 0) {
          throw new Error(`${relative(cwd, t)}: not a metadata file (it matches no registry rule and has no "$schema" naming a ModelOps schema)`);
        }
      }
    }
    for (const f of index.filesOf()) {
      if (targets.some((t) => within(f.path, t))) reports.push({ path: f.path, text: f.text, diagnostics: index.diagnostics(f.path) });
    }
    console.log(render(reports, format, cwd));
    const all = reports.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    return errors > 0 || warnings > maxWarnings ? 1 : 0;
  },
};
