// Read-only documents for Compare with Current Spec: the job's spec as it was at launch, and the
// file as it is now, both printed the same way so the diff shows changes of content, not layout.
import * as vscode from 'vscode';
import type { JobRecord } from '../core/training/job';

export const SNAPSHOT_SCHEME = 'modelops-job-spec';

export type SpecSide = 'snapshot' | 'current';

export function specUri(job: JobRecord, side: SpecSide): vscode.Uri {
  const name = job.snapshot.spec_file.split('/').pop() ?? 'spec.json';
  return vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${job.job_id}/${side}/${name}` });
}

/** The job id and side a document of this scheme stands for. */
export function parseSpecUri(uri: vscode.Uri): { id: string; side: SpecSide } | undefined {
  const [, id, side] = uri.path.split('/');
  return id && (side === 'snapshot' || side === 'current') ? { id, side } : undefined;
}

export function printSpec(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
