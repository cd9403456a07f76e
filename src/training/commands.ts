// The training commands: Train… on a model, and the Jobs view's actions on a job.
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { isTerminal, type JobRecord } from '../core/training/job';
import { readModelSpec } from '../core/training/spec';
import { jobArg, modelUriArg } from './args';
import type { JobTerminals } from './logTerminal';
import type { RunPanels } from './runPanel';
import type { TrainingService } from './service';
import { parseSpecUri, printSpec, SNAPSHOT_SCHEME, specUri } from './snapshotDocs';
import { targetChoices } from './targets';
import { requireTrust } from './trust';

export interface TrainingUi {
  service: TrainingService;
  terminals: JobTerminals;
  panels: RunPanels;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function pickJob(service: TrainingService, arg: unknown, filter: (j: JobRecord) => boolean = () => true): Promise<JobRecord | undefined> {
  const given = jobArg(arg);
  if (given) return service.get(given.job_id) ?? given;
  const jobs = service.jobs().filter(filter);
  if (!jobs.length) {
    void vscode.window.showInformationMessage('No matching training jobs.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    jobs.map((j) => ({ label: j.model.name, description: `${j.status} · ${j.job_id}`, job: j })),
    { title: 'Pick a training job' },
  );
  return pick?.job;
}

/** Train…: asks where, starts the job, shows its log. */
export async function train(ui: TrainingUi, arg: unknown): Promise<JobRecord | undefined> {
  if (!requireTrust()) return undefined;
  const trainer = ui.service.trainer;
  if (!trainer) {
    void vscode.window.showErrorMessage('ModelOps: training needs a workspace folder on this machine (the job store lives in its .modelops/jobs).');
    return undefined;
  }
  const given = modelUriArg(arg);
  const file = given ? vscode.Uri.parse(given) : vscode.window.activeTextEditor?.document.uri;
  if (!file || file.scheme !== 'file') {
    void vscode.window.showErrorMessage('ModelOps: Train… needs a model spec: right-click a model in the Models view or a .model.json file.');
    return undefined;
  }
  let spec;
  try {
    spec = readModelSpec(file.fsPath);
  } catch (e) {
    void vscode.window.showErrorMessage(`ModelOps: cannot train: ${errorText(e)}`);
    return undefined;
  }
  const choices = targetChoices(ui.service.hosts, ui.service.sshAliases(), { target: spec.training.target, host: spec.training.host });
  const choice = await vscode.window.showQuickPick(choices, { title: `Train ${spec.model_name}: where?`, placeHolder: 'Local, or a Slurm cluster' });
  if (!choice) return undefined;
  try {
    const job = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Starting ${spec.model_name} (${choice.label})…` },
      () => trainer.startSpec(spec, { target: choice.target, host: choice.host }),
    );
    ui.terminals.show(job, true);
    if (job.status === 'failed') void vscode.window.showErrorMessage(`ModelOps: ${spec.model_name} did not start: ${job.error ?? 'unknown error'}`);
    return job;
  } catch (e) {
    void vscode.window.showErrorMessage(`ModelOps: cannot train ${spec.model_name}: ${errorText(e)}`);
    return undefined;
  }
}

export function openLogFile(job: JobRecord): void {
  vscode.window.showTextDocument(vscode.Uri.file(job.log_path), { preview: false }).then(undefined, (e: unknown) => {
    void vscode.window.showErrorMessage(`ModelOps: cannot open the log ${job.log_path}: ${errorText(e)}`);
  });
}

export async function cancel(ui: TrainingUi, job: JobRecord): Promise<void> {
  if (isTerminal(job.status)) return void vscode.window.showInformationMessage(`That job has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}.`);
  try {
    await ui.service.trainer?.cancel(job.job_id);
  } catch (e) {
    void vscode.window.showErrorMessage(`ModelOps: cannot cancel ${job.model.name}: ${errorText(e)}`);
  }
}

export function registerTrainingCommands(ui: TrainingUi, refresh: () => void): vscode.Disposable {
  const { service, terminals, panels } = ui;
  // VS Code caches a content provider's documents: say "changed" so a second compare reads the file again.
  const specChanged = new vscode.EventEmitter<vscode.Uri>();
  const onJob = (id: string, run: (job: JobRecord) => unknown, filter?: (j: JobRecord) => boolean) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const job = await pickJob(service, arg, filter);
      if (job) await run(job);
    });
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.trainingTrain.id, (arg?: unknown) => train(ui, arg)),
    onJob(COMMANDS.trainingShowLog.id, (job) => terminals.show(job)),
    onJob(COMMANDS.trainingShowChart.id, (job) => panels.show(job)),
    onJob(COMMANDS.trainingOpenLogFile.id, openLogFile),
    onJob(COMMANDS.trainingCancel.id, (job) => cancel(ui, job), (j) => !isTerminal(j.status)),
    onJob(COMMANDS.trainingRerun.id, async (job) => {
      if (!requireTrust() || !service.trainer) return;
      try {
        const next = await service.trainer.rerun(job.job_id);
        terminals.show(next, true);
      } catch (e) {
        void vscode.window.showErrorMessage(`ModelOps: cannot rerun: ${errorText(e)}`);
      }
    }),
    onJob(COMMANDS.trainingCompare.id, async (job) => {
      if (!service.trainer || !service.root) return;
      let changes;
      try {
        changes = service.trainer.compareWithCurrent(job.job_id);
      } catch (e) {
        return void vscode.window.showErrorMessage(`ModelOps: cannot compare: ${errorText(e)}`);
      }
      if (!changes.length) return void vscode.window.showInformationMessage(`${job.snapshot.spec_file} has not changed since job ${job.job_id}.`);
      specChanged.fire(specUri(job, 'current'));
      await vscode.commands.executeCommand('vscode.diff', specUri(job, 'snapshot'), specUri(job, 'current'), `${job.model.name}: job ${job.job_id} ↔ now (${changes.length} change${changes.length === 1 ? '' : 's'})`);
    }),
    onJob(COMMANDS.trainingOpenSpec.id, (job) => {
      if (!service.root) return;
      void vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.file(service.root), job.snapshot.spec_file));
    }),
    onJob(COMMANDS.trainingDeleteRecord.id, async (job) => {
      if (!isTerminal(job.status)) return void vscode.window.showWarningMessage(`${job.model.name} is still ${job.status}: cancel it before deleting its record.`);
      const del = 'Delete';
      const rel = service.root ? relative(service.root, job.log_path) : job.log_path;
      const ok = await vscode.window.showWarningMessage(`Delete the record and log of job ${job.job_id} (${job.model.name})?`, { modal: true, detail: `This removes ${rel} and its .json record for good.` }, del);
      if (ok !== del) return;
      service.trainer?.store.delete(job.job_id);
      service.forget(job.job_id);
      terminals.close(job.job_id);
      panels.close(job.job_id);
      refresh();
    }),
    specChanged,
    vscode.workspace.registerTextDocumentContentProvider(SNAPSHOT_SCHEME, {
      onDidChange: specChanged.event,
      provideTextDocumentContent: (uri) => {
        const ref = parseSpecUri(uri);
        const job = ref && service.get(ref.id);
        if (!ref || !job || !service.root) return `no such job: ${uri.path}`;
        if (ref.side === 'snapshot') return printSpec(job.snapshot.spec);
        try {
          return printSpec(readModelSpec(join(service.root, job.snapshot.spec_file)).value);
        } catch (e) {
          return `cannot read ${job.snapshot.spec_file}: ${errorText(e)}`;
        }
      },
    }),
  );
}
