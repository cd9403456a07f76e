// How a job looks in the Jobs view and the status bar: pure (no 'vscode'), so it is unit-tested.
import { isTerminal, type JobRecord, type JobState } from '../core/training/job';

export interface JobItemView {
  label: string;
  description: string;
  /** Markdown with every value from the record escaped. */
  tooltip: string;
  /** A codicon id and a theme color id for it. */
  icon: string;
  color: string | undefined;
  /** For `when` clauses: modelops.job.<state>. */
  contextValue: string;
}

const ICONS: Record<JobState, { icon: string; color: string | undefined }> = {
  pending: { icon: 'clock', color: 'charts.yellow' },
  running: { icon: 'sync~spin', color: 'charts.blue' },
  completed: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  cancelled: { icon: 'circle-slash', color: 'disabledForeground' },
};

/** 0:42, 12:05, 1:02:03, 3d 4h */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  if (d > 0) return `${d}d ${Math.floor((s % 86400) / 3600)}h`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** From creation to the end (or to now while it runs). */
export function elapsedMs(job: JobRecord, now: number): number {
  const start = Date.parse(job.created_at);
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return Number.isFinite(start) && Number.isFinite(end) ? Math.max(0, end - start) : 0;
}

export function whereLabel(job: JobRecord): string {
  if (job.target === 'local') return 'local';
  return job.host ? `Slurm on ${job.host}` : 'Slurm (this machine)';
}

/** Markdown-escapes text from a record (model names, errors, hosts are data, never markup). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

export function jobItemView(job: JobRecord, now: number): JobItemView {
  const version = job.model.version ? ` ${job.model.version}` : '';
  const parts: string[] = [job.status];
  if (job.status === 'running' && job.progress > 0) parts.push(`${job.progress}%`);
  parts.push(formatElapsed(elapsedMs(job, now)));
  parts.push(whereLabel(job));
  const lines = [
    `**${escapeMarkdown(job.model.name + version)}** — ${escapeMarkdown(job.status)}`,
    '',
    `Job \`${job.job_id}\` · ${escapeMarkdown(whereLabel(job))}${job.slurm_job_id ? ` · Slurm job ${escapeMarkdown(job.slurm_job_id)}` : ''}`,
    `Started ${escapeMarkdown(job.created_at)}${job.finished_at ? ` · ended ${escapeMarkdown(job.finished_at)}` : ''}`,
    `Progress ${job.progress}%${job.exit_code !== null ? ` · exit code ${job.exit_code}` : ''}`,
  ];
  if (job.slurm_state) lines.push(`Slurm state ${escapeMarkdown(job.slurm_state)}`);
  if (job.error) lines.push('', `Error: ${escapeMarkdown(job.error)}`);
  const metrics = lastMetrics(job);
  if (metrics.length) lines.push('', metrics.map(([k, v]) => `${escapeMarkdown(k)} ${formatNumber(v)}`).join(' · '));
  const { icon, color } = ICONS[job.status];
  return {
    label: `${job.model.name}${version}`,
    description: parts.join(' · '),
    tooltip: lines.join('  \n'),
    icon,
    color,
    contextValue: `modelops.job.${job.status}`,
  };
}

/** Each metric's latest value. */
export function lastMetrics(job: JobRecord): Array<[string, number]> {
  return Object.entries(job.metrics ?? {})
    .filter(([, pts]) => pts.length > 0)
    .map(([k, pts]) => [k, pts[pts.length - 1][1]] as [string, number]);
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 1000 || Math.abs(v) < 0.001 ? v.toExponential(3) : String(Number(v.toPrecision(4)));
}

/** The status bar text: running and pending counts; undefined = hide the item. */
export function runningSummary(jobs: readonly JobRecord[]): { text: string; tooltip: string } | undefined {
  const running = jobs.filter((j) => j.status === 'running').length;
  const pending = jobs.filter((j) => j.status === 'pending').length;
  if (!running && !pending) return undefined;
  const text = `$(sync~spin) ${running}${pending ? ` $(clock) ${pending}` : ''}`;
  const tooltip = `ModelOps training: ${running} running${pending ? `, ${pending} pending` : ''}. Click for the Jobs view.`;
  return { text, tooltip };
}

/** The notification for a job that just ended; undefined for a job still going. */
export function finishedMessage(job: JobRecord): { level: 'info' | 'error'; text: string } | undefined {
  if (!isTerminal(job.status)) return undefined;
  const name = `${job.model.name}${job.model.version ? ` ${job.model.version}` : ''}`;
  const took = job.finished_at ? ` in ${formatElapsed(elapsedMs(job, Date.now()))}` : '';
  if (job.status === 'completed') return { level: 'info', text: `Training ${name} completed${took}.` };
  if (job.status === 'cancelled') return { level: 'info', text: `Training ${name} was cancelled.` };
  return { level: 'error', text: `Training ${name} failed${job.error ? `: ${oneLine(job.error)}` : '.'}` };
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 300 ? `${t.slice(0, 297)}…` : t;
}
