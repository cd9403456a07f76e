// The training feature: Train… on a model, the Jobs view, log terminals, the Training Run chart,
// the status bar count, notifications, the `modelops` task type, and reattaching after a reload.
// Wired in src/extension.ts by one line; everything hangs off the returned disposable.
import * as vscode from 'vscode';
import { registerTrainingCommands, cancel, openLogFile } from './commands';
import { JobsTreeProvider } from './jobsTree';
import { JobTerminals } from './logTerminal';
import { finishNotifications, trainingStatusBar } from './notify';
import { RunPanels, VIEW_TYPE as RUN_VIEW_TYPE } from './runPanel';
import { TrainingService } from './service';
import { registerTaskProvider } from './taskProvider';

/** Where the Jobs view's rows go (the registry feature owns the view). */
export interface JobsSlot {
  setProvider<T>(provider: vscode.TreeDataProvider<T>): vscode.Disposable;
}

export function registerTraining(context: vscode.ExtensionContext, jobsSlot: JobsSlot): vscode.Disposable {
  const output = vscode.window.createOutputChannel('ModelOps Training', { log: true });
  const service = new TrainingService(context, output);
  const terminals = new JobTerminals(service);
  const panels: RunPanels = new RunPanels(context.extensionUri, (id) => service.get(id), {
    showLog: (job) => terminals.show(job),
    openLogFile,
    cancel: (job) => void cancel(ui, job),
  });
  const ui = { service, terminals, panels };
  const tree = new JobsTreeProvider(service);
  const reattach = () => {
    if (vscode.workspace.isTrusted) void service.reattach().catch((e) => output.error(`reattach: ${e instanceof Error ? e.message : String(e)}`));
  };
  const disposables = vscode.Disposable.from(
    output,
    service,
    terminals,
    panels,
    tree,
    jobsSlot.setProvider(tree),
    service.onDidUpdate((job) => panels.update(job)),
    registerTrainingCommands(ui, () => tree.refreshSoon()),
    registerTaskProvider(service),
    trainingStatusBar(service),
    finishNotifications(service, { showLog: (j) => terminals.show(j), showChart: (j) => panels.show(j) }),
    vscode.workspace.onDidGrantWorkspaceTrust(reattach),
    vscode.window.registerWebviewPanelSerializer(RUN_VIEW_TYPE, { deserializeWebviewPanel: async (panel, state: unknown) => panels.restore(panel, state) }),
  );
  reattach();
  return disposables;
}
