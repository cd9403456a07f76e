// The job's environment: the spec's `env` (with ${env:NAME} taken from the launching environment),
// and what of it the snapshot may keep: names always, values only when not secret.
import type { EnvEntry } from './job';
import { isEnvName } from './shell';

const SECRET_NAME = /token|secret|password|passwd|key|credential/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Resolves `${env:NAME}` references; an unset one is an error that names it. */
export function resolveEnv(spec: Record<string, string> | undefined, from: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(spec ?? {})) {
    if (!isEnvName(name)) throw new Error(`training.env: "${name}" is not a valid environment variable name`);
    out[name] = raw.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, ref: string) => {
      const v = from[ref];
      if (v === undefined) throw new Error(`training.env.${name} refers to \${env:${ref}}, which is not set`);
      return v;
    });
  }
  return out;
}

/** The snapshot's view: a secret (by name, or because it came from ${env:...} of a secret) keeps its name only. */
export function snapshotEnv(spec: Record<string, string> | undefined, resolved: Record<string, string>): EnvEntry[] {
  return Object.keys(resolved).sort().map((name) => {
    const raw = spec?.[name] ?? '';
    const refsSecret = [...raw.matchAll(/\$\{env:([A-Za-z0-9_]+)\}/g)].some((m) => isSecretName(m[1]));
    const secret = isSecretName(name) || refsSecret;
    return { name, value: secret ? null : resolved[name], secret };
  });
}
