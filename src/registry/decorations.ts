// The red/yellow mark of tree items whose files have problems. Items carry a `modelops-item:` URI
// with their counts, so these marks never leak into the Explorer (which has its own).
import * as vscode from 'vscode';
import { problemDecoration } from '../core/registryViews/status';
import type { ViewNode } from '../core/registryViews/tree';

export const DECORATION_SCHEME = 'modelops-item';

export function decorationUri(node: ViewNode): vscode.Uri {
  const p = node.problems ?? { errors: 0, warnings: 0 };
  return vscode.Uri.from({
    scheme: DECORATION_SCHEME,
    path: `/${encodeURIComponent(node.id)}`,
    query: `errors=${p.errors}&warnings=${p.warnings}&group=${node.type === 'group' ? 1 : 0}`,
  });
}

export class ProblemDecorations implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== DECORATION_SCHEME) return undefined;
    const q = new URLSearchParams(uri.query);
    const d = problemDecoration({ errors: Number(q.get('errors')) || 0, warnings: Number(q.get('warnings')) || 0 }, q.get('group') === '1');
    if (!d) return undefined;
    const deco = new vscode.FileDecoration(d.badge, d.tooltip, new vscode.ThemeColor(d.color));
    deco.propagate = d.propagate;
    return deco;
  }
}
