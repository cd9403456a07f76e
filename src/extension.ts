// The extension's entry point: builds each feature and tracks its disposables on one root.
import * as vscode from 'vscode';
import { assignLanguage } from './client/languageAssignment';
import { ModelOpsClient } from './client/languageClient';
import { registerEvaluation } from './evaluation';
import { registerLeaderboard } from './leaderboard';
import { registerRegistryViews } from './registry';
import { registerTraining } from './training';

let client: ModelOpsClient | undefined;

export interface ModelOpsApi {
  client: ModelOpsClient;
}

export async function activate(context: vscode.ExtensionContext): Promise<ModelOpsApi> {
  const started = performance.now();
  client = await ModelOpsClient.start(context);
  const serverMs = performance.now() - started;
  const registry = registerRegistryViews(context, client);
  const root = vscode.Disposable.from(client, assignLanguage(client), registry, registerTraining(context, registry.jobs), registerEvaluation(client), registerLeaderboard(context, client));
  context.subscriptions.push(root);
  // The activation figure (bench/startup.ts) reads this line from the log file.
  const log = vscode.window.createOutputChannel('ModelOps', { log: true });
  context.subscriptions.push(log);
  log.info(`activated in ${(performance.now() - started - serverMs).toFixed(1)} ms, not counting ${serverMs.toFixed(0)} ms for the language server to start`);
  return { client };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
