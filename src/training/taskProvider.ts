// The `modelops` task type: {"type": "modelops", "model": "models/x.model.json", "target": "local"}
// in tasks.json trains through the same Trainer; the task's terminal streams the job's log and
// its exit code is the job's outcome (0 completed, 1 otherwise). Closing the terminal cancels.
import { isAbsolute, join, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import { isTerminal, type JobRecord } from '../core/training/job';
import { readModelSpec } from '../core/training/spec';
import { endLine, FeedTerminal } from './logTerminal';
import type { TrainingService } from './service';
import { taskDefinitionProblem, type ModelOpsTaskDefinition } from './taskDefinition';
import { UNTRUSTED_MESSAGE } from './trust';

export const TASK_TYPE = 'modelops';

function execution(service: TrainingService, def: ModelOpsTaskDefinition): vscode.CustomExecution {
  return new vscode.CustomExecution(async () => {
    let job: JobRecord | undefined;
    const subs: vscode.Disposable[] = [];
    const pty: FeedTerminal = new FeedTerminal(
      () => void run(),
      () => {
        for (const s of subs) s.dispose();
        if (job && !isTerminal(service.get(job.job_id)?.status ?? job.status)) void service.trainer?.cancel(job.job_id);
      },
    );
    const fail = (message: string) => {
      pty.push(`\x1b[31m${message}\x1b[0m\r\n`);
      pty.exit(1);
    };
    async function run(): Promise<void> {
      if (!vscode.workspace.isTrusted) return fail(UNTRUSTED_MESSAGE);
      const problem = taskDefinitionProblem(def as unknown as Record<string, unknown>);
      if (problem) return fail(problem);
      const trainer = service.trainer;
      if (!trainer || !service.root) return fail('ModelOps tasks need a workspace folder on this machine.');
      const file = isAbsolute(def.model) ? def.model : join(service.root, def.model);
      try {
        const spec = readModelSpec(file);
        subs.push(
          service.onDidLog((e) => { if (e.job.job_id === job?.job_id) pty.push(e.chunk); }),
          service.onDidUpdate((j) => {
            if (j.job_id !== job?.job_id || !isTerminal(j.status)) return;
            pty.push(endLine(j));
            pty.exit(j.status === 'completed' ? 0 : 1);
          }),
        );
        job = await trainer.startSpec(spec, { target: def.target, host: def.host });
        pty.push(`\x1b[2m[ModelOps] ${job.model.name} · job ${job.job_id} · log ${job.log_path}\x1b[0m\r\n`);
        if (isTerminal(job.status)) {
          pty.push(endLine(job));
          pty.exit(job.status === 'completed' ? 0 : 1);
        }
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    }
    return pty;
  });
}

export function registerTaskProvider(service: TrainingService): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    // One task per model spec with a training block, trained where its spec says.
    provideTasks: async () => {
      const root = service.root;
      if (!root) return [];
      const files = await vscode.workspace.findFiles('**/*.model.json', '**/{node_modules,.git,.modelops}/**', 500);
      const tasks: vscode.Task[] = [];
      for (const f of files) {
        let spec;
        try { spec = readModelSpec(f.fsPath); } catch { continue; } // no training block: nothing to run
        const def: ModelOpsTaskDefinition = { type: TASK_TYPE, model: relative(root, f.fsPath).split(sep).join('/') };
        tasks.push(new vscode.Task(def, vscode.TaskScope.Workspace, `train ${spec.model_name}`, TASK_TYPE, execution(service, def)));
      }
      return tasks;
    },
    resolveTask: (task) => {
      const def = task.definition as ModelOpsTaskDefinition;
      return new vscode.Task(def, task.scope ?? vscode.TaskScope.Workspace, task.name, TASK_TYPE, execution(service, def));
    },
  });
}
