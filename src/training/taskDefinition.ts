// The `modelops` task definition's shape and its check. Pure (no 'vscode').
export interface ModelOpsTaskDefinition {
  type: 'modelops';
  /** The model spec, relative to the workspace folder. */
  model: string;
  target?: 'local' | 'slurm';
  /** An SSH host (modelops.slurm.hosts or ~/.ssh/config) for target "slurm". */
  host?: string;
}

/** A message saying what is wrong with a task definition, or undefined if it is usable. */
export function taskDefinitionProblem(def: Record<string, unknown>): string | undefined {
  if (typeof def.model !== 'string' || !def.model.trim()) return 'a "modelops" task needs "model": the path of a model spec, relative to the workspace folder';
  if (def.target !== undefined && def.target !== 'local' && def.target !== 'slurm') return `"target" must be "local" or "slurm", not ${JSON.stringify(def.target)}`;
  if (def.host !== undefined && typeof def.host !== 'string') return '"host" must be a string (an SSH host name)';
  if (def.host !== undefined && def.target === 'local') return '"host" only applies to target "slurm"';
  return undefined;
}
