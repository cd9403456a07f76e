// The running-jobs status bar item, and a notification when a job ends (modelops.training.notifications).
import * as vscode from 'vscode';
import { isTerminal, type JobRecord } from '../core/training/job';
import { finishedMessage, runningSummary } from './jobView';
import type { TrainingService } from './service';

export function trainingStatusBar(service: TrainingService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('modelops.trainingStatus', vscode.StatusBarAlignment.Left, 49);
  item.name = 'ModelOps Training';
  item.command = 'modelops.jobs.focus';
  let timer: NodeJS.Timeout | undefined;
  const update = () => {
    timer = undefined;
    const jobs = service.jobs();
    void vscode.commands.executeCommand('setContext', 'modelops.training.hasJobs', jobs.length > 0);
    const s = runningSummary(jobs);
    if (!s) return item.hide();
    item.text = s.text;
    item.tooltip = s.tooltip;
    item.accessibilityInformation = { label: s.tooltip };
    item.show();
  };
  update();
  // Status changes come in bursts; one read of the store per burst.
  const sub = service.onDidUpdate(() => { timer ??= setTimeout(update, 200); });
  return vscode.Disposable.from(item, sub, { dispose: () => timer && clearTimeout(timer) });
}

export function finishNotifications(service: TrainingService, open: { showLog(job: JobRecord): void; showChart(job: JobRecord): void }): vscode.Disposable {
  const seenLive = new Set<string>();
  return service.onDidUpdate((job) => {
    if (!isTerminal(job.status)) return void seenLive.add(job.job_id);
    if (!seenLive.delete(job.job_id)) return; // ended before this window saw it run: no news
    if (!vscode.workspace.getConfiguration('modelops').get<boolean>('training.notifications', true)) return;
    const m = finishedMessage(job);
    if (!m) return;
    const log = 'Show Log';
    const chart = 'Show Chart';
    const shown = m.level === 'error' ? vscode.window.showErrorMessage(m.text, log, chart) : vscode.window.showInformationMessage(m.text, log, chart);
    void shown.then((a) => {
      if (a === log) open.showLog(job);
      else if (a === chart) open.showChart(job);
    });
  });
}
