// The registry views feature: the ModelOps container's Models, Datasets, Results and Jobs views,
// their commands, problem marks, the status bar item, imports and the lineage picture.
// Wired in src/extension.ts by one line; everything it registers hangs off the returned disposable.
import * as vscode from 'vscode';
import type { ModelGrouping, ViewId } from '../core/registryViews/tree';
import { registerArtifactCommands } from './artifactCommands';
import { registerAutoReveal } from './autoReveal';
import { registerCreateCommands } from './createCommands';
import { ProblemDecorations } from './decorations';
import { registerImportCommands } from './importCommands';
import { registerItemCommands } from './itemCommands';
import { JOBS_VIEW_ID, JobsViewSlot } from './jobsView';
import { registerLineage } from './lineagePanel';
import { registryStatusBar } from './statusBar';
import { RegistryStore, type RegistrySource } from './store';
import { RegistryTreeProvider, VIEW_IDS } from './treeProvider';

export type RegistryClient = RegistrySource;

export interface RegistryViews extends vscode.Disposable {
  /** The training feature fills the Jobs view through this. */
  jobs: JobsViewSlot;
  store: RegistryStore;
}

export function registerRegistryViews(context: vscode.ExtensionContext, client: RegistryClient): RegistryViews {
  const store = new RegistryStore(client);
  const grouping = context.workspaceState.get<ModelGrouping>('modelops.registry.modelGrouping') ?? 'architecture';
  const state = { filter: '', modelGrouping: grouping };
  const providers = (['models', 'datasets', 'results'] as ViewId[]).map((v) => new RegistryTreeProvider(v, store, v === 'models' ? state : { ...state }));
  const views = providers.map((p) => vscode.window.createTreeView(VIEW_IDS[p.view], { treeDataProvider: p, showCollapseAll: true, canSelectMany: p.view === 'models' }));
  const jobs = new JobsViewSlot();
  const disposables = vscode.Disposable.from(
    store,
    ...providers,
    ...views,
    jobs,
    vscode.window.registerTreeDataProvider(JOBS_VIEW_ID, jobs),
    vscode.window.registerFileDecorationProvider(new ProblemDecorations()),
    registryStatusBar(store),
    registerItemCommands(store, providers, views, context.workspaceState),
    registerCreateCommands(context, store),
    registerImportCommands(context, store),
    registerArtifactCommands(() => providers.forEach((p) => p.rebuild())),
    registerLineage(context, store),
    registerAutoReveal(providers, views),
    // The welcome buttons wait for the first answer: an empty list before it means "not yet", not "none".
    store.onDidChange(() => void vscode.commands.executeCommand('setContext', 'modelops.registry.loaded', store.loaded)),
  );
  // The first snapshot: in the background (the server may still be indexing).
  void store.refresh();
  return Object.assign(disposables, { jobs, store });
}
