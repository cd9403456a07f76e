// Registry files the static filename patterns miss (a modelops.config.json's own globs, `results/`
// folders, files naming a ModelOps `$schema`) get the modelops-json language once the server claims
// them, so VS Code's JSON support does not check them a second time.
import * as vscode from 'vscode';
import { LANGUAGE_ID, type ModelOpsClient } from './languageClient';

export function assignLanguage(client: ModelOpsClient): vscode.Disposable {
  let claimed = new Set<string>();
  const apply = (doc: vscode.TextDocument) => {
    if (doc.languageId === 'json' && claimed.has(doc.uri.toString())) void vscode.languages.setTextDocumentLanguage(doc, LANGUAGE_ID);
  };
  const reload = async () => {
    const r = await client.registry();
    claimed = new Set([...r.models, ...r.datasets, ...r.results].map((f) => f.uri));
    vscode.workspace.textDocuments.forEach(apply);
  };
  void reload();
  return vscode.Disposable.from(
    client.onIndexChanged(() => void reload()),
    vscode.workspace.onDidOpenTextDocument(apply),
  );
}
