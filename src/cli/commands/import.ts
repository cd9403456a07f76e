// `modelops import`: Hugging Face folders, lm-evaluation-harness results, model_scores files, saved
// hub model-info and the hub → model and results metadata files.
import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { hubOptionsFromEnv, importFromHub } from '../../core/importers/hfHub';
import { importHuggingFaceFolder } from '../../core/importers/huggingfaceFolder';
import { modelFromHubInfo } from '../../core/importers/hubModelInfo';
import { importToFolder } from '../../core/importers/importToFolder';
import { parseJsonText } from '../../core/importers/jsonText';
import { importLmEvalResults } from '../../core/importers/lmEvalHarness';
import { importModelScores } from '../../core/importers/modelScores';
import { ImportError, type ImportBundle } from '../../core/importers/types';
import type { ModelReference } from '../../core/metadata/types';
import { parse, UsageError, type Command } from '../usage';

const usage = `usage: modelops import <source> ARG... [--out DIR] [--force]

Writes model metadata (<model>.model.json) and results (<model>/<task>[-<n>shot].results.json)
into --out (default: the current folder). Results point at a model file of the same name made by
the same import or already in --out. Existing files are kept unless --force is given.

sources:
  hf-folder DIR              a local Hugging Face model folder: config.json, the README.md model
                             card (license, datasets, base_model, tags, model-index results) and
                             the parameter count from the *.safetensors headers
  lm-eval FILE_OR_DIR        an lm-evaluation-harness results JSON (or the results_*.json files
                             under a --output_path folder): one results file per task
  model-scores FILE_OR_DIR...  model_scores files (results.harness.<task>[.<n>-shot].<metric>):
                             one results file per task and shot count
  hf-info FILE_OR_DIR...     saved hub model-info JSON (huggingface_hub's model_info(), as in a
                             model_metadata/ folder): one model file each
  hf-hub REPO_ID             the Hugging Face hub's API at HF_ENDPOINT (default https://huggingface.co),
                             with HF_TOKEN from the environment when set

options:
  --out DIR          where to write
  --force            overwrite existing files
  --name NAME        (hf-folder) the model name to use
  --model-ref PATH   (lm-eval) the model metadata file the results belong to
  --revision REV     (hf-hub) a branch, tag or commit

Exit status: 0 imported, 1 some files failed the schema check (not written), 2 usage, I/O or input error.`;

async function modelRefFrom(path: string): Promise<ModelReference> {
  const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ImportError(`--model-ref ${path}: cannot read (${e.code ?? e.message})`);
  });
  const json = parseJsonText(text, path) as { model_name?: unknown; model_version?: unknown };
  if (!json || typeof json !== 'object' || typeof json.model_name !== 'string') throw new ImportError(`--model-ref ${path}: not model metadata (no "model_name")`);
  return { name: json.model_name, ...(typeof json.model_version === 'string' ? { version: json.model_version } : {}) };
}

/** FILE_OR_DIR arguments → the .json files (a folder's own, not its subfolders'). */
async function jsonFiles(args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const a of args) {
    const s = await stat(a).catch(() => undefined);
    if (!s) throw new ImportError(`${a}: no such file or folder`);
    if (s.isDirectory()) files.push(...(await readdir(a)).filter((n) => n.endsWith('.json')).sort().map((n) => join(a, n)));
    else files.push(a);
  }
  if (!files.length) throw new ImportError(`no .json files in ${args.join(', ')}`);
  return files;
}

/** A path as the user would type it: relative below the current folder, else absolute. */
/** A results file, or the `results*.json` files anywhere under a folder (lm-eval's --output_path layout). */
async function lmEvalFiles(path: string): Promise<string[]> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new ImportError(`${path}: no such file or folder`);
  if (!s.isDirectory()) return [path];
  const found = (await readdir(path, { recursive: true }))
    .filter((n) => /(^|[\\/])results[^\\/]*\.json$/.test(n))
    .sort()
    .map((n) => join(path, n));
  if (!found.length) throw new ImportError(`${path}: no results*.json files under this folder`);
  return found;
}

const show = (p: string) => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r;
};

export const importCommand: Command = {
  summary: 'import Hugging Face models, lm-eval results and score files as metadata',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      out: { type: 'string' },
      force: { type: 'boolean', default: false },
      name: { type: 'string' },
      'model-ref': { type: 'string' },
      revision: { type: 'string' },
    });
    const [source, ...inputs] = positionals;
    const one = () => {
      if (inputs.length !== 1) throw new UsageError(`import ${source} takes exactly one argument`);
      return inputs[0];
    };
    if (values['model-ref'] && source !== 'lm-eval') throw new UsageError('--model-ref is for lm-eval');
    if (values.name && source !== 'hf-folder') throw new UsageError('--name is for hf-folder');
    if (values.revision && source !== 'hf-hub') throw new UsageError('--revision is for hf-hub');
    const outDir = resolve(values.out ?? '.');

    const bundles: ImportBundle[] = [];
    let modelFile: string | undefined;
    switch (source) {
      case 'hf-folder':
        bundles.push(await importHuggingFaceFolder(one(), { name: values.name }));
        break;
      case 'lm-eval': {
        modelFile = values['model-ref'];
        const model = modelFile ? await modelRefFrom(modelFile) : undefined;
        const errors: string[] = [];
        for (const file of await lmEvalFiles(one())) {
          try {
            bundles.push(importLmEvalResults(await readFile(file, 'utf8'), file, { model }));
          } catch (e) {
            errors.push(e instanceof Error ? e.message : String(e));
          }
        }
        if (errors.length) throw new ImportError(errors.length === 1 ? errors[0] : `${errors.length} files could not be imported; nothing written:\n  ${errors.join('\n  ')}`);
        break;
      }
      case 'model-scores':
      case 'hf-info': {
        if (!inputs.length) throw new UsageError(`import ${source} takes one or more files or folders`);
        // Read everything first: one bad file stops the import before anything is written.
        const errors: string[] = [];
        for (const file of await jsonFiles(inputs)) {
          try {
            const text = await readFile(file, 'utf8');
            bundles.push(source === 'hf-info' ? modelFromHubInfo(parseJsonText(text, file), file) : importModelScores(text, file));
          } catch (e) {
            errors.push(e instanceof Error ? e.message : String(e));
          }
        }
        if (errors.length) throw new ImportError(`${errors.length} file${errors.length > 1 ? 's' : ''} could not be imported; nothing written:\n  ${errors.join('\n  ')}`);
        break;
      }
      case 'hf-hub':
        bundles.push(await importFromHub(one(), { ...hubOptionsFromEnv(process.env), revision: values.revision }));
        break;
      case undefined:
        throw new UsageError('name a source: hf-folder, lm-eval, model-scores, hf-info or hf-hub');
      default:
        throw new UsageError(`unknown source '${source}'`);
    }

    const report = await importToFolder(bundles, outDir, { overwrite: values.force, modelFile });
    for (const w of report.warnings) console.error(`warning: ${w}`);
    if (report.written.length <= 20) for (const p of report.written) console.log(`wrote ${show(p)}`);
    const existing = report.skipped.filter((s) => s.reason === 'exists');
    const invalid = report.skipped.filter((s) => s.reason === 'invalid');
    if (existing.length && existing.length <= 20) for (const s of existing) console.log(`kept ${show(s.path)} (exists; --force to overwrite)`);
    for (const s of invalid) console.error(`${show(s.path)}: not written, fails the schema:\n  ${s.problems!.join('\n  ')}`);
    const n = report.written.length;
    const parts = [`${n} file${n === 1 ? '' : 's'} written to ${show(outDir)} (${report.modelsWritten} model, ${n - report.modelsWritten} results)`];
    if (existing.length) parts.push(`${existing.length} kept because they exist (--force to overwrite)`);
    if (report.duplicates.length) parts.push(`${report.duplicates.length} duplicate results skipped`);
    if (invalid.length) parts.push(`${invalid.length} failed the schema check`);
    console.log(`import: ${parts.join('; ')}`);
    return invalid.length ? 1 : 0;
  },
};
