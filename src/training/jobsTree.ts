// The Jobs view's provider: one row per job record (state icon, elapsed time, progress). The
// rows' looks come from jobView.ts; elapsed times tick every few seconds while a job runs.
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { isTerminal, type JobRecord } from '../core/training/job';
import { jobItemView } from './jobView';
import type { TrainingService } from './service';

export class JobsTreeProvider implements vscode.TreeDataProvider<JobRecord>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobRecord | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  private ticker: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly service: TrainingService) {
    this.subscriptions = [service.onDidUpdate(() => this.refreshSoon())];
  }

  /**
   * Coalesces bursts of updates into one refresh, at most twice a second: each refresh re-creates
   * the rows, and a context-menu command that lands mid-refresh gets no row (then it asks).
   */
  refreshSoon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.changed.fire(undefined);
    }, 500);
  }

  getChildren(element?: JobRecord): JobRecord[] {
    if (element) return [];
    const jobs = this.service.jobs();
    // Tick the elapsed times only while something is going.
    const live = jobs.some((j) => !isTerminal(j.status));
    if (live && !this.ticker) this.ticker = setInterval(() => this.changed.fire(undefined), 5000);
    if (!live && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    return jobs;
  }

  getTreeItem(job: JobRecord): vscode.TreeItem {
    const v = jobItemView(job, Date.now());
    const item = new vscode.TreeItem(v.label, vscode.TreeItemCollapsibleState.None);
    item.id = job.job_id;
    item.description = v.description;
    const md = new vscode.MarkdownString(v.tooltip, true);
    md.isTrusted = false;
    md.supportHtml = false;
    item.tooltip = md;
    item.iconPath = new vscode.ThemeIcon(v.icon, v.color ? new vscode.ThemeColor(v.color) : undefined);
    item.contextValue = v.contextValue;
    item.command = { command: COMMANDS.trainingShowLog.id, title: 'Show Log', arguments: [job] };
    item.accessibilityInformation = { label: `${v.label}: ${v.description}` };
    return item;
  }

  dispose(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
