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
  client = await ModelOpsClient.start(context);
  const registry = registerRegistryViews(context, client);
  const root = vscode.Disposable.from(client, assignLanguage(client), registry, registerTraining(context, registry.jobs), registerEvaluation(client), registerLeaderboard(context, client));
  context.subscriptions.push(root);
  return { client };
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
