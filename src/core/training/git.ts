// The git commit and dirty flag of the tree a job was launched from (no shell; git may be absent).
import { execFileSync } from 'node:child_process';

export function gitState(dir: string): { commit: string | null; dirty: boolean | null } {
  const run = (args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
  try {
    const commit = run(['rev-parse', 'HEAD']).trim() || null;
    const dirty = run(['status', '--porcelain', '--untracked-files=no']).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}
