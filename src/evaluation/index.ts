// The evaluation and dataset tools in VS Code: Evaluate Model, Compare Models…, and the dataset
// commands. Wired in src/extension.ts by one line; everything hangs off the returned disposable.
import * as vscode from 'vscode';
import { registerDatasetCommands } from '../datasets/commands';
import { registerEvaluationCommands, type RegistrySource } from './commands';
import { Reports } from './reports';

export function registerEvaluation(source: RegistrySource): vscode.Disposable {
  const reports = new Reports();
  return vscode.Disposable.from(reports, registerEvaluationCommands(source, reports), registerDatasetCommands(source, reports));
}
