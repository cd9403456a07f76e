// `modelops leaderboard`: the leaderboard table of a workspace (markdown, CSV or JSON), and the
// refresh of living `<!-- modelops:leaderboard ... -->` blocks in markdown files for CI.
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { findConfigFile } from '../../core/registry/config';
import { WorkspaceIndex } from '../../core/registry/workspaceIndex';
import { applyQuery, buildRows, parseFilterList, parseSortKey, refreshBlocks, tableToCsv, tableToMarkdown, tableToRecords, type LeaderboardData, type Query } from '../../core/leaderboard';
import { parse, UsageError, type Command } from '../usage';

const usage = `usage: modelops leaderboard [PATH] [--dataset D] [--sort COL[:asc|desc]]... [--filter EXPR]...
                            [--columns a,b,...] [--rank METRIC[:asc|desc]] [--global-rank]
                            [--digits N] [--limit N] [--format md|csv|json] [--config FILE]
       modelops leaderboard --update FILE.md... [--check] [--root PATH] [--config FILE]

Prints the leaderboard of the registry under PATH (default: the current folder): one row per model,
dataset and split, from results files and from models' own model_performance_metrics.

  --dataset D        only rows of dataset D
  --sort COL[:dir]   sort key (repeat for more keys); default: dataset, rank, model
  --filter EXPR      COLUMN OP VALUE, OP one of > >= < <= = != ~ (contains): accuracy>0.9,
                     model~llama, f1_score=0.5..0.8, rank<=10 (repeat: all must hold)
  --columns LIST     the columns to show, in order (ids or labels: rank,dataset,model,f1_score)
  --rank METRIC      the metric Rank is computed from (default: within each dataset, the
                     metric most of its rows have);
                     :asc or :desc overrides knowing that loss, perplexity, *_error ... are lower-better
  --global-rank      rank across all datasets instead of within each dataset
  --digits N         decimal places of metrics in markdown (default 3)
  --limit N          only the first N rows
  --format F         md (default), csv or json

  --update FILE.md   re-render every <!-- modelops:leaderboard ... --> block of the files in place
  --check            with --update: change nothing, exit 1 when a block is out of date
  --root PATH        with --update: the registry (default: the folder of the nearest
                     modelops.config.json above the first file, else the current folder)

Exit status: 0 ok, 1 --check found a stale block, 2 usage, I/O or block error.`;

export const leaderboard: Command = {
  summary: 'print the leaderboard, or refresh leaderboard tables in markdown files',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, {
      dataset: { type: 'string' },
      sort: { type: 'string', multiple: true },
      filter: { type: 'string', multiple: true },
      columns: { type: 'string' },
      rank: { type: 'string' },
      'global-rank': { type: 'boolean' },
      digits: { type: 'string' },
      limit: { type: 'string' },
      format: { type: 'string', default: 'md' },
      config: { type: 'string' },
      update: { type: 'boolean' },
      check: { type: 'boolean' },
      root: { type: 'string' },
    });
    if (values.check && !values.update) throw new UsageError('--check goes with --update');
    if (values.update) {
      const queryOptions = ['dataset', 'sort', 'filter', 'columns', 'rank', 'global-rank', 'digits', 'limit'] as const;
      const stray = queryOptions.filter((o) => values[o] !== undefined);
      if (stray.length) throw new UsageError(`--${stray[0]} does not go with --update: a block's own attributes choose its table`);
      if (values.format !== 'md') throw new UsageError('--format does not go with --update');
      if (!positionals.length) throw new UsageError('--update needs one or more markdown files');
      return update(positionals, values.root, values.config, !!values.check);
    }
    if (values.root) throw new UsageError('--root goes with --update; give the registry as PATH');
    if (positionals.length > 1) throw new UsageError('give at most one PATH');
    const format = values.format!;
    if (!['md', 'csv', 'json'].includes(format)) throw new UsageError(`unknown format '${format}' (md, csv or json)`);

    const query = queryFrom(values);
    const root = resolve(positionals[0] ?? '.');
    if (!isDirectory(root)) throw new Error(`${positionals[0]}: not a folder`);
    const data = await load(root, values.config);
    const table = applyQuery(data, query);
    if (table.problems.length) throw new Error(table.problems.join('; '));
    if (format === 'json') console.log(JSON.stringify({ columns: table.columns.map(({ id, label }) => ({ id, label })), rows: tableToRecords(table) }, null, 2));
    else if (format === 'csv') process.stdout.write(tableToCsv(table));
    else console.log(table.rows.length ? tableToMarkdown(table, query.digits) : tableToMarkdown(table, query.digits) + '\n\n(no rows)');
    return 0;
  },
};

function queryFrom(v: { dataset?: string; sort?: string[]; filter?: string[]; columns?: string; rank?: string; 'global-rank'?: boolean; digits?: string; limit?: string }): Query {
  const q: Query = {};
  try {
    if (v.dataset) q.dataset = v.dataset;
    if (v.sort?.length) q.sort = v.sort.map(parseSortKey);
    if (v.filter?.length) q.filters = parseFilterList(v.filter);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (v.columns) q.columns = v.columns.split(',').map((s) => s.trim()).filter(Boolean);
  if (v.rank) {
    const [metric, dir] = v.rank.split(':');
    q.rankBy = metric;
    if (dir !== undefined) {
      if (dir !== 'asc' && dir !== 'desc') throw new UsageError(`--rank direction must be asc or desc, not '${dir}'`);
      q.rankDirection = dir;
    }
  }
  if (v['global-rank']) q.rankPerDataset = false;
  if (v.digits !== undefined) q.digits = wholeNumber(v.digits, '--digits', 10);
  if (v.limit !== undefined) q.limit = wholeNumber(v.limit, '--limit');
  return q;
}

function wholeNumber(text: string, what: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max) throw new UsageError(`${what} takes a whole number${max < 1e6 ? ` from 0 to ${max}` : ''}, not '${text}'`);
  return n;
}

async function load(root: string, config: string | undefined): Promise<LeaderboardData> {
  const configFile = config ? resolve(config) : findConfigFile(root);
  const index = await WorkspaceIndex.load(configFile && !config ? dirname(configFile) : root, { configFile });
  return buildRows({ models: index.models(), results: index.results(), root: index.root });
}

async function update(files: string[], rootOption: string | undefined, config: string | undefined, check: boolean): Promise<number> {
  const cwd = process.cwd();
  const texts = files.map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new Error(`${f}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a markdown file' : (e as Error).message}`);
    }
  });
  let root: string;
  if (rootOption) root = resolve(rootOption);
  else {
    const found = config ? resolve(config) : findConfigFile(dirname(resolve(files[0]!)));
    root = found ? dirname(found) : cwd;
  }
  if (!isDirectory(root)) throw new Error(`${rootOption}: not a folder`);
  const data = await load(root, config);
  let stale = 0;
  let broken = 0;
  files.forEach((file, k) => {
    const name = relative(cwd, resolve(file)) || file;
    const { text, blocks } = refreshBlocks(texts[k]!, data);
    if (!blocks.length) console.error(`${name}: no <!-- modelops:leaderboard --> blocks`);
    for (const b of blocks) {
      if (b.error) { broken++; console.error(`${name}:${b.error.replace(/^line /, '')}`); }
      else if (b.changed) {
        stale++;
        console.log(check ? `${name}:${b.line}: leaderboard table is out of date` : `${name}:${b.line}: updated`);
      }
    }
    if (!check && text !== texts[k]) writeAtomic(resolve(file), text);
  });
  if (check && stale) console.error(`${stale} leaderboard table${stale === 1 ? ' is' : 's are'} out of date; run: modelops leaderboard --update ${files.join(' ')}`);
  return broken ? 2 : check && stale ? 1 : 0;
}

/** Write beside the file, then rename over it, keeping its mode. */
function writeAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const mode = statSync(path).mode;
  writeFileSync(temp, text, { mode });
  chmodSync(temp, mode & 0o7777);
  renameSync(temp, path);
}

function isDirectory(p: string): boolean {
  try { return statSync(p).isDirectory(); } catch { return false; }
}
