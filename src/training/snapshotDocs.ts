// Read-only documents holding a job's model spec as it was at launch (for Compare with Current Spec).
import * as vscode from 'vscode';
import type { JobRecord } from '../core/training/job';

export const SNAPSHOT_SCHEME = 'modelops-job-spec';

export function snapshotUri(job: JobRecord): vscode.Uri {
  const name = job.snapshot.spec_file.split('/').pop() ?? 'spec.json';
  return vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${job.job_id}/${name}` });
}
