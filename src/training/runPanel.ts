// The Training Run webview: a live chart of the job's metrics. The extension sends the whole run
// after the webview's `ready`, then only new points; the webview keeps its view state itself.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { isJobId, type JobRecord } from '../core/training/job';
import { isFromRun, newPoints, type RunView, type ToRun } from '../core/training/messages';
import { whereLabel } from './jobView';
import { runPanelHtml } from './runHtml';

export interface RunPanelActions {
  showLog(job: JobRecord): void;
  openLogFile(job: JobRecord): void;
  cancel(job: JobRecord): void;
}

export function runView(job: JobRecord): RunView {
  return {
    jobId: job.job_id,
    model: `${job.model.name}${job.model.version ? ` ${job.model.version}` : ''}`,
    where: whereLabel(job),
    status: job.status,
    progress: job.progress,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

class RunPanel {
  private ready = false;
  private sent = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly panel: vscode.WebviewPanel, private job: JobRecord, extensionUri: vscode.Uri, private readonly lookup: (id: string) => JobRecord | undefined, actions: RunPanelActions, onDispose: () => void) {
    const webview = panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'training.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'training.css'));
    webview.html = runPanelHtml({ cspSource: webview.cspSource, nonce, scriptUri: script.toString(), styleUri: style.toString() });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromRun(m)) return;
        const current = this.lookup(this.job.job_id) ?? this.job;
        if (m.type === 'ready') {
          this.ready = true;
          this.sendAll();
        } else if (m.type === 'showLog') actions.showLog(current);
        else if (m.type === 'openLogFile') actions.openLogFile(current);
        else actions.cancel(current);
      }),
      panel.onDidDispose(() => {
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
  }

  private sendAll(): void {
    this.sent = new Map();
    const metrics = newPoints(this.job.metrics ?? {}, this.sent);
    const message: ToRun = { type: 'run', run: runView(this.job), metrics };
    void this.panel.webview.postMessage(message);
  }

  update(job: JobRecord): void {
    this.job = job;
    if (!this.ready) return;
    const message: ToRun = { type: 'append', run: runView(job), points: newPoints(job.metrics ?? {}, this.sent) };
    void this.panel.webview.postMessage(message);
  }
}

/** The panel type, also named in package.json's activation events (for restoring after a reload). */
export const VIEW_TYPE = 'modelops.trainingRun';

export class RunPanels implements vscode.Disposable {
  private readonly panels = new Map<string, RunPanel>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly lookup: (id: string) => JobRecord | undefined, private readonly actions: RunPanelActions) {}

  show(job: JobRecord): void {
    const existing = this.panels.get(job.job_id);
    if (existing) return existing.panel.reveal();
    this.adopt(vscode.window.createWebviewPanel(VIEW_TYPE, `Training: ${job.model.name}`, vscode.ViewColumn.Beside, this.options()), job);
  }

  /** A panel VS Code brings back after a window reload: the same job's chart, or nothing if the job is gone. */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const id = typeof state === 'object' && state !== null ? (state as { jobId?: unknown }).jobId : undefined;
    const job = typeof id === 'string' && isJobId(id) ? this.lookup(id) : undefined;
    if (!job || this.panels.has(job.job_id)) return panel.dispose();
    panel.webview.options = this.options();
    this.adopt(panel, job);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel, job: JobRecord): void {
    this.panels.set(job.job_id, new RunPanel(panel, job, this.extensionUri, this.lookup, this.actions, () => this.panels.delete(job.job_id)));
  }

  update(job: JobRecord): void {
    this.panels.get(job.job_id)?.update(job);
  }

  close(id: string): void {
    this.panels.get(id)?.panel.dispose();
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
  }
}
