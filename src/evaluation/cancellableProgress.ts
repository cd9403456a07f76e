// A progress notification with Cancel whose button aborts an AbortSignal: the form every core
// operation (evaluate, compare, the dataset operations) takes for cancellation.
import * as vscode from 'vscode';

export type ProgressReporter = vscode.Progress<{ message?: string; increment?: number }>;

export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, progress: ProgressReporter) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await work(controller.signal, progress);
    } finally {
      sub.dispose();
    }
  });
}
