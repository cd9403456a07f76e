// known_hosts verification for the SSH transport: OpenSSH's file format (plain and hashed host
// names, [host]:port for other ports), SHA256 fingerprints as ssh prints them.
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type HostKeyVerdict = { kind: 'known' } | { kind: 'unknown' } | { kind: 'changed'; line: number };

/** "SHA256:..." for a host key blob (SSH wire format), as `ssh-keygen -l` shows it. */
export function fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

/** The key type named inside a key blob ("ssh-ed25519", ...). */
export function keyType(key: Buffer): string {
  if (key.length < 4) return '';
  const n = key.readUInt32BE(0);
  return key.subarray(4, 4 + n).toString('latin1');
}

/** The name known_hosts uses for host and port. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function nameMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return field.split(',').some((p) => !p.startsWith('!') && globToRegExp(p).test(name));
}

function globToRegExp(p: string): RegExp {
  return new RegExp('^' + p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
}

/** Checks a presented key against the known_hosts file. */
export function checkHostKey(file: string, host: string, port: number, key: Buffer): HostKeyVerdict {
  if (!existsSync(file)) return { kind: 'unknown' };
  const name = knownHostsName(host, port);
  const type = keyType(key);
  let changed: number | null = null;
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    if (parts[0].startsWith('@')) {
      if (parts[0] === '@revoked' && nameMatches(parts[1], name) && Buffer.from(parts[3] ?? '', 'base64').equals(key)) changed = i + 1;
      return; // @cert-authority entries are not used here
    }
    const [hosts, ktype, b64] = parts;
    if (!hosts || !ktype || !b64 || !nameMatches(hosts, name)) return;
    const known = Buffer.from(b64, 'base64');
    if (known.equals(key)) { if (changed === null) changed = -1; return; }
    if (ktype === type && changed === null) changed = i + 1;
  });
  if (changed === -1) return { kind: 'known' };
  if (changed !== null) return { kind: 'changed', line: changed };
  return { kind: 'unknown' };
}

/** Records an accepted key (plain host name, as `ssh -o HashKnownHosts=no` would). */
export function addHostKey(file: string, host: string, port: number, key: Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${knownHostsName(host, port)} ${keyType(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}
