// The Training Run webview: a live chart of the job's metrics. The extension sends the whole run
// after the webview's `ready`, then only new points; the webview keeps its view state itself.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { JobRecord } from '../core/training/job';
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

export class RunPanels implements vscode.Disposable {
  private readonly panels = new Map<string, RunPanel>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly lookup: (id: string) => JobRecord | undefined, private readonly actions: RunPanelActions) {}

  show(job: JobRecord): void {
    const existing = this.panels.get(job.job_id);
    if (existing) return existing.panel.reveal();
    const panel = vscode.window.createWebviewPanel('modelops.trainingRun', `Training: ${job.model.name}`, vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
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
