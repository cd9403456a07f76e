// The leaderboard's settings (package.json contributes.configuration, `modelops.leaderboard.*`).
import * as vscode from 'vscode';

/** Decimal places of metrics in inserted and copied tables when the query sets none. */
export function digitsSetting(): number {
  const d = vscode.workspace.getConfiguration('modelops.leaderboard').get<number>('digits', 3);
  return Number.isInteger(d) && d >= 0 && d <= 10 ? d : 3;
}

export function codeLensSetting(): boolean {
  return vscode.workspace.getConfiguration('modelops.leaderboard').get<boolean>('codeLens', true);
}
