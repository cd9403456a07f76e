// Open, Reveal in Explorer, Copy Name, Delete… (to the trash, after a confirmation that names what
// would break), Refresh, Filter…, Group Models By…
import * as vscode from 'vscode';
import { COMMANDS } from '../commands';
import { deleteConfirmation } from '../core/registryViews/create';
import { displayName } from '../core/registryViews/facts';
import type { ModelGrouping } from '../core/registryViews/tree';
import { fileArgument, isViewNode } from './pick';
import { deleteWithTrash } from './trash';
import type { RegistryStore } from './store';
import type { RegistryTreeProvider } from './treeProvider';

const ALL = ['model', 'dataset', 'results'] as const;

export function registerItemCommands(store: RegistryStore, providers: RegistryTreeProvider[], views: vscode.TreeView<unknown>[], memento: vscode.Memento): vscode.Disposable {
  const reg = vscode.commands.registerCommand;
  const uriOf = (arg: unknown) => (isViewNode(arg) && arg.uri ? vscode.Uri.parse(arg.uri) : undefined);

  const setFilter = async (text: string) => {
    for (const p of providers) p.state.filter = text;
    for (const v of views) v.description = text ? `filter: ${text}` : undefined;
    await vscode.commands.executeCommand('setContext', 'modelops.registry.filtered', !!text);
    for (const p of providers) p.rebuild();
  };

  return vscode.Disposable.from(
    reg(COMMANDS.registryOpen.id, async (arg?: unknown) => {
      const uri = uriOf(arg) ?? (await fileArgument(store, arg, ALL, 'Open which registry file?').then((f) => f && vscode.Uri.parse(f.uri)));
      if (uri) await vscode.window.showTextDocument(uri, { preview: true });
    }),
    reg(COMMANDS.registryRevealInExplorer.id, async (arg?: unknown) => {
      const uri = uriOf(arg) ?? (await fileArgument(store, arg, ALL, 'Reveal which registry file?').then((f) => f && vscode.Uri.parse(f.uri)));
      if (uri) await vscode.commands.executeCommand('revealInExplorer', uri);
    }),
    reg(COMMANDS.registryCopyName.id, async (arg?: unknown) => {
      const file = await fileArgument(store, arg, ALL, 'Copy the name of which file?');
      const name = file ? displayName(file) : isViewNode(arg) ? arg.label : undefined;
      if (name) await vscode.env.clipboard.writeText(name);
    }),
    reg(COMMANDS.registryDelete.id, async (arg?: unknown) => {
      const file = await fileArgument(store, arg, ALL, 'Delete which registry file?');
      if (!file) return;
      const ask = deleteConfirmation(file, store.snapshot);
      const choice = await vscode.window.showWarningMessage(ask.message, { modal: true, detail: ask.detail }, 'Move to Trash');
      if (choice !== 'Move to Trash') return;
      try {
        if (await deleteWithTrash(vscode.Uri.parse(file.uri), file.rel)) store.filesChanged([{ path: vscode.Uri.parse(file.uri).fsPath, type: 'deleted' }]);
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not delete ${file.rel}: ${(e as Error).message}`);
      }
    }),
    reg(COMMANDS.registryRefresh.id, () => store.refresh()),
    reg(COMMANDS.registryFilter.id, async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter the registry views',
        prompt: 'Show models, datasets and results whose name, version, file or architecture contains this text',
        value: providers[0]?.state.filter ?? '',
      });
      if (text !== undefined) await setFilter(text.trim());
    }),
    reg(COMMANDS.registryClearFilter.id, () => setFilter('')),
    reg(COMMANDS.registryGroupModels.id, async () => {
      const models = providers.find((p) => p.view === 'models');
      if (!models) return;
      const options: { label: string; grouping: ModelGrouping }[] = [
        { label: 'By architecture', grouping: 'architecture' },
        { label: 'By training dataset', grouping: 'trainingDataset' },
        { label: 'Flat list', grouping: 'flat' },
      ];
      const pick = await vscode.window.showQuickPick(options.map((o) => ({ ...o, picked: o.grouping === models.state.modelGrouping, description: o.grouping === models.state.modelGrouping ? 'current' : undefined })), { placeHolder: 'Group the Models view' });
      if (!pick) return;
      models.state.modelGrouping = pick.grouping;
      await memento.update('modelops.registry.modelGrouping', pick.grouping);
      models.rebuild();
    }),
  );
}
