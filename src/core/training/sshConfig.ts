// Reads ~/.ssh/config for host aliases: Host patterns with HostName, Port, User, IdentityFile.
// As in OpenSSH, the first value found for a key wins.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SshConfigEntry {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
}

function patternMatches(patterns: string[], alias: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const neg = p.startsWith('!');
    const re = new RegExp('^' + (neg ? p.slice(1) : p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
    if (re.test(alias)) {
      if (neg) return false;
      matched = true;
    }
  }
  return matched;
}

function expandHome(p: string): string {
  return p === '~' ? homedir() : p.startsWith('~/') ? join(homedir(), p.slice(2)) : p;
}

export function parseSshConfig(text: string, alias: string): SshConfigEntry | undefined {
  const entry: SshConfigEntry = { identityFiles: [] };
  let active = true; // lines before the first Host apply to every host
  let any = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim().replace(/^"(.*)"$/, '$1');
    if (key === 'host') {
      active = patternMatches(value.split(/\s+/), alias);
      if (active && !value.split(/\s+/).every((p) => p.includes('*') || p.includes('?') || p.startsWith('!'))) any = true;
      continue;
    }
    if (key === 'match') { active = false; continue; } // Match blocks are not supported: skipped
    if (!active) continue;
    if (key === 'hostname' && entry.hostName === undefined) entry.hostName = value.replace(/%h/g, alias);
    else if (key === 'port' && entry.port === undefined) entry.port = Number(value);
    else if (key === 'user' && entry.user === undefined) entry.user = value;
    else if (key === 'identityfile') entry.identityFiles.push(expandHome(value));
  }
  return any ? entry : undefined;
}

/** The alias's settings from a config file, or undefined if no Host line names it. */
export function readSshConfig(alias: string, file = join(homedir(), '.ssh', 'config')): SshConfigEntry | undefined {
  if (!existsSync(file)) return undefined;
  return parseSshConfig(readFileSync(file, 'utf8'), alias);
}
