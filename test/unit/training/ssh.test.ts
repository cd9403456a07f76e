import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addHostKey, checkHostKey, fingerprint, keyType } from '../../../src/core/training/knownHosts';
import { parseSshConfig } from '../../../src/core/training/sshConfig';
import { resolveSshHost } from '../../../src/core/training/sshTransport';

function keyPair(dir: string, name: string): { blob: Buffer; line: string } {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, name)]);
  const line = readFileSync(join(dir, `${name}.pub`), 'utf8').trim();
  return { blob: Buffer.from(line.split(' ')[1], 'base64'), line: line.split(' ').slice(0, 2).join(' ') };
}

test('fingerprint and key type match ssh-keygen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kh-'));
  const k = keyPair(dir, 'a');
  assert.equal(fingerprint(k.blob), execFileSync('ssh-keygen', ['-lf', join(dir, 'a.pub')], { encoding: 'utf8' }).split(' ')[1]);
  assert.equal(keyType(k.blob), 'ssh-ed25519');
});

test('known_hosts: known, unknown, changed; plain, [host]:port, hashed and pattern entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kh-'));
  const a = keyPair(dir, 'a');
  const b = keyPair(dir, 'b');
  const file = join(dir, 'known_hosts');
  assert.deepEqual(checkHostKey(file, 'h', 22, a.blob), { kind: 'unknown' }); // no file yet
  const salt = randomBytes(20);
  const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[hashed.example]:2200').digest('base64')}`;
  writeFileSync(file, [`# comment`, `h,alias ${a.line}`, `[h]:2222 ${b.line}`, `${hashed} ${a.line}`, `*.corp ${b.line}`, ''].join('\n'));
  assert.deepEqual(checkHostKey(file, 'h', 22, a.blob), { kind: 'known' });
  assert.deepEqual(checkHostKey(file, 'alias', 22, a.blob), { kind: 'known' });
  assert.deepEqual(checkHostKey(file, 'h', 2222, b.blob), { kind: 'known' });
  assert.deepEqual(checkHostKey(file, 'h', 2222, a.blob), { kind: 'changed', line: 3 });
  assert.deepEqual(checkHostKey(file, 'h', 22, b.blob), { kind: 'changed', line: 2 });
  assert.deepEqual(checkHostKey(file, 'hashed.example', 2200, a.blob), { kind: 'known' });
  assert.deepEqual(checkHostKey(file, 'hashed.example', 2200, b.blob), { kind: 'changed', line: 4 });
  assert.deepEqual(checkHostKey(file, 'x.corp', 22, b.blob), { kind: 'known' });
  assert.deepEqual(checkHostKey(file, 'other', 22, a.blob), { kind: 'unknown' });
  addHostKey(file, 'new', 2022, a.blob);
  assert.deepEqual(checkHostKey(file, 'new', 2022, a.blob), { kind: 'known' });
  assert.ok(readFileSync(file, 'utf8').endsWith(`[new]:2022 ${a.line}\n`));
});

test('ssh config: Host patterns, first value wins, negation, ~ expansion', () => {
  const cfg = `
# global
User everyone
Host login cluster-*
  HostName login.example.org
  Port 2200
  IdentityFile ~/.ssh/id_cluster
Host !cluster-b cluster-?
  User alice
Host *
  User bob
  Port 22
  IdentityFile ~/.ssh/id_ed25519
`;
  assert.deepEqual(parseSshConfig(cfg, 'login'), { hostName: 'login.example.org', port: 2200, user: 'everyone', identityFiles: [join(homedir(), '.ssh/id_cluster'), join(homedir(), '.ssh/id_ed25519')] });
  assert.equal(parseSshConfig(cfg.replace('User everyone', ''), 'cluster-a')!.user, 'alice');
  assert.equal(parseSshConfig(cfg.replace('User everyone', ''), 'cluster-b')!.user, 'bob');
  assert.equal(parseSshConfig(cfg, 'elsewhere'), undefined, 'only wildcard matches: not an alias');
});

test('resolveSshHost: settings first, ~/.ssh/config filling the gaps; unknown names refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sshcfg-'));
  const cfg = join(dir, 'config');
  writeFileSync(cfg, 'Host hpc\n  HostName hpc.example.org\n  User carol\n  Port 2201\n');
  assert.deepEqual(resolveSshHost('hpc', [], cfg), { name: 'hpc', host: 'hpc.example.org', port: 2201, user: 'carol', identityFile: undefined, remoteDir: undefined });
  assert.deepEqual(resolveSshHost('mine', [{ name: 'mine', host: 'hpc', user: 'dave', remoteDir: '/scratch/repo' }], cfg), { name: 'mine', host: 'hpc.example.org', port: 2201, user: 'dave', identityFile: undefined, remoteDir: '/scratch/repo' });
  assert.throws(() => resolveSshHost('nowhere', [], cfg), /unknown SSH host "nowhere"/);
});
