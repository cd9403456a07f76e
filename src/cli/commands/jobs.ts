import { resolve } from 'node:path';
import { JobStore } from '../../core/training/jobStore';
import { toJobStatus } from '../../core/training/job';
import { parse, UsageError, type Command } from '../usage';
import { workspaceRootOf } from './train';

const usage = `usage: modelops jobs [--store DIR] [--format text|json]

Lists the training jobs in the job store, newest first (default store: <workspace>/.modelops/jobs,
the workspace being the nearest folder above the current one with modelops.config.json or .git).
Unreadable records are reported on stderr and skipped.

Exit status: 0 listed, 2 usage or I/O error.`;

export const jobs: Command = {
  summary: 'list the training jobs in the job store',
  usage,
  async run(args) {
    const { values, positionals } = parse(args, { store: { type: 'string' }, format: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not ${format}`);
    const store = values.store ? new JobStore(values.store) : JobStore.forWorkspace(workspaceRootOf(resolve('.')));
    const { jobs: list, problems } = store.list();
    for (const p of problems) process.stderr.write(`modelops jobs: ${p.file}: ${p.message}\n`);
    if (format === 'json') {
      const out = list.map((j) => ({ ...toJobStatus(j), model: j.model, target: j.target, host: j.host, slurm_job_id: j.slurm_job_id, exit_code: j.exit_code, log_path: j.log_path }));
      process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      return 0;
    }
    if (!list.length) {
      process.stdout.write(`no jobs in ${store.dir}\n`);
      return 0;
    }
    const rows = [['JOB', 'STATUS', 'PROGRESS', 'MODEL', 'WHERE', 'SLURM', 'CREATED', 'ERROR']];
    for (const j of list) {
      rows.push([
        j.job_id, j.status, `${j.progress}%`, JSON.stringify(j.model.name).slice(1, -1) + (j.model.version ? `@${j.model.version}` : ''),
        j.target + (j.host ? `@${j.host}` : ''), j.slurm_job_id ?? '-', j.created_at.replace(/\.\d+Z$/, 'Z'),
        (j.error ?? '').split('\n')[0].slice(0, 60),
      ]);
    }
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    process.stdout.write(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n');
    return 0;
  },
};
