// Counts of models and datasets and of files with errors; a click opens the Problems panel.
import * as vscode from 'vscode';
import { statusSummary } from '../core/registryViews/status';
import type { RegistryStore } from './store';

export function registryStatusBar(store: RegistryStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('modelops.registryStatus', vscode.StatusBarAlignment.Left, 50);
  item.name = 'ModelOps Registry';
  item.command = 'workbench.actions.view.problems';
  const update = () => {
    if (!store.loaded) return item.hide();
    const s = statusSummary(store.snapshot);
    item.text = s.text;
    item.tooltip = s.tooltip;
    item.accessibilityInformation = { label: s.tooltip.split('\n').slice(0, 2).join('. ') };
    item.backgroundColor = s.filesWithErrors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  update();
  return vscode.Disposable.from(item, store.onDidChange(update));
}
