// Where a model can train: this machine, the local sbatch, or a Slurm login node from the
// `modelops.slurm.hosts` setting or a ~/.ssh/config alias. Pure (no 'vscode').
import type { SshHost } from '../core/training/sshTransport';

export interface TargetChoice {
  label: string;
  description: string;
  target: 'local' | 'slurm';
  host?: string;
}

/** The setting's valid entries, and a message for each entry that is not usable. */
export function parseHostsSetting(raw: unknown): { hosts: SshHost[]; problems: string[] } {
  const hosts: SshHost[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { hosts, problems };
  if (!Array.isArray(raw)) return { hosts, problems: ['modelops.slurm.hosts must be an array of {name, host, …}'] };
  raw.forEach((h: unknown, i) => {
    const at = `modelops.slurm.hosts[${i}]`;
    if (!h || typeof h !== 'object' || Array.isArray(h)) return void problems.push(`${at} is not an object`);
    const o = h as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name.trim()) return void problems.push(`${at}: "name" must be a non-empty string`);
    if (typeof o.host !== 'string' || !o.host.trim()) return void problems.push(`${at} (${o.name}): "host" must be a non-empty string`);
    if (o.port !== undefined && !(Number.isInteger(o.port) && (o.port as number) > 0 && (o.port as number) < 65536)) {
      return void problems.push(`${at} (${o.name}): "port" must be a port number`);
    }
    for (const k of ['user', 'identityFile', 'remoteDir'] as const) {
      if (o[k] !== undefined && typeof o[k] !== 'string') return void problems.push(`${at} (${o.name}): "${k}" must be a string`);
    }
    if (hosts.some((x) => x.name === o.name)) return void problems.push(`${at}: a second host named "${o.name}" is ignored`);
    hosts.push({
      name: o.name,
      host: o.host,
      ...(o.port !== undefined ? { port: o.port as number } : {}),
      ...(o.user !== undefined ? { user: o.user as string } : {}),
      ...(o.identityFile !== undefined ? { identityFile: o.identityFile as string } : {}),
      ...(o.remoteDir !== undefined ? { remoteDir: o.remoteDir as string } : {}),
    });
  });
  return { hosts, problems };
}

/** Host aliases an ~/.ssh/config names literally (patterns with * ? ! are not hosts one can pick). */
export function sshConfigAliases(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const m = /^\s*host(?:\s*=\s*|\s+)(.+)$/i.exec(raw);
    if (!m) continue;
    for (const a of m[1].trim().split(/\s+/)) {
      const alias = a.replace(/^"(.*)"$/, '$1');
      if (alias && !/[*?!]/.test(alias) && !out.includes(alias)) out.push(alias);
    }
  }
  return out;
}

/** The Train… quick pick, in order: local, local sbatch, settings hosts, ssh config aliases. */
export function targetChoices(hosts: readonly SshHost[], aliases: readonly string[], specTarget?: { target?: string; host?: string }): TargetChoice[] {
  const out: TargetChoice[] = [
    { label: 'Local', description: 'run the training command on this machine', target: 'local' },
    { label: 'Slurm (this machine)', description: 'submit with the local sbatch', target: 'slurm' },
  ];
  for (const h of hosts) {
    out.push({ label: `Slurm on ${h.name}`, description: `${h.user ? `${h.user}@` : ''}${h.host}${h.port && h.port !== 22 ? `:${h.port}` : ''} · settings`, target: 'slurm', host: h.name });
  }
  for (const a of aliases) {
    if (hosts.some((h) => h.name === a)) continue;
    out.push({ label: `Slurm on ${a}`, description: '~/.ssh/config', target: 'slurm', host: a });
  }
  // The spec's own target first, so Enter trains where the spec says.
  if (specTarget?.target) {
    const i = out.findIndex((c) => c.target === specTarget.target && (c.host ?? undefined) === (specTarget.target === 'slurm' ? specTarget.host : undefined));
    if (i > 0) out.unshift(...out.splice(i, 1));
  }
  return out;
}
