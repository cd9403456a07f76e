// End to end over a real sshd on loopback to the real Slurm: host key checks, auth and reach
// errors, Slurm success and failure, and a connection killed mid-stream.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Trainer } from '../../src/core/training/trainer';
import { SshTransport, type SshHost, type UnknownHostKey } from '../../src/core/training/sshTransport';
import { SSHD_DIR, SSHD_PORT, use, waitFor } from './infra';
import { makeWorkspace, trainSpec, type Workspace } from './workspace';

let releaseSlurm: () => Promise<void>;
let releaseSshd: () => Promise<void>;
before(async () => {
  releaseSlurm = await use('slurm');
  releaseSshd = await use('sshd');
});
after(async () => {
  await releaseSshd();
  await releaseSlurm();
});

const tmp = () => mkdtempSync(join(tmpdir(), 'modelops-ssh-'));
const HOST_PUB = () => readFileSync(join(SSHD_DIR, 'host_ed25519_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');

function knownHosts(): string {
  const f = join(tmp(), 'known_hosts');
  writeFileSync(f, `[127.0.0.1]:${SSHD_PORT} ${HOST_PUB()}\n`);
  return f;
}

function host(extra: Partial<SshHost> = {}): SshHost {
  return { name: 'cluster', host: '127.0.0.1', port: SSHD_PORT, user: 'root', identityFile: join(SSHD_DIR, 'client_key'), ...extra };
}

/** The workspace, and a copy of it standing in for the repository's checkout on the cluster. */
function cluster(ws: Workspace): string {
  const dir = join(tmp(), 'checkout');
  cpSync(ws.root, dir, { recursive: true });
  rmSync(join(dir, '.modelops'), { recursive: true, force: true });
  return dir;
}

test('an unknown host key is asked about with its SHA256 fingerprint; refused by default; recorded once accepted', async () => {
  const kh = join(tmp(), 'known_hosts');
  const expected = execFileSync('ssh-keygen', ['-lf', join(SSHD_DIR, 'host_ed25519_key.pub')], { encoding: 'utf8' }).split(' ')[1];
  const refused = new SshTransport(host(), { knownHostsFile: kh });
  await assert.rejects(refused.exec('true'), new RegExp(`host key of \\[127\\.0\\.0\\.1\\]:${SSHD_PORT} \\(ssh-ed25519 ${expected.replace(/[+/]/g, '\\$&')}\\) is not in .* and was not accepted`));
  refused.dispose();
  const asked: UnknownHostKey[] = [];
  const accepting = new SshTransport(host(), { knownHostsFile: kh, confirmUnknownHost: async (k) => { asked.push(k); return true; } });
  assert.equal((await accepting.exec('echo ok')).stdout, 'ok\n');
  accepting.dispose();
  assert.deepEqual(asked, [{ host: '127.0.0.1', port: SSHD_PORT, keyType: 'ssh-ed25519', fingerprint: expected }]);
  assert.equal(readFileSync(kh, 'utf8'), `[127.0.0.1]:${SSHD_PORT} ${HOST_PUB()}\n`);
  const again = new SshTransport(host(), { knownHostsFile: kh, confirmUnknownHost: async (k) => { asked.push(k); return true; } });
  assert.equal((await again.exec('echo ok')).code, 0);
  again.dispose();
  assert.equal(asked.length, 1, 'asked again about a recorded key');
});

test('a changed host key is refused with a clear error, without asking', async () => {
  const dir = tmp();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
  const other = readFileSync(join(dir, 'other.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const kh = join(dir, 'known_hosts');
  writeFileSync(kh, `# an old entry\n[127.0.0.1]:${SSHD_PORT} ${other}\n`);
  let asked = 0;
  const t = new SshTransport(host(), { knownHostsFile: kh, confirmUnknownHost: async () => { asked++; return true; } });
  await assert.rejects(t.exec('true'), /the host key of \[127\.0\.0\.1\]:\d+ has CHANGED \(now ssh-ed25519 SHA256:[\w+/]+\); it differs from .*known_hosts:2\. Refusing to connect/);
  t.dispose();
  assert.equal(asked, 0);
});

test('clear errors for a refused key and an unreachable host', async () => {
  const dir = tmp();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'stranger')]);
  const t = new SshTransport(host({ identityFile: join(dir, 'stranger') }), { knownHostsFile: knownHosts() });
  await assert.rejects(t.exec('true'), /^Error: authentication failed for root@127\.0\.0\.1:\d+ \(methods tried: publickey .*stranger\)$/);
  t.dispose();
  const u = new SshTransport(host({ port: 1 }), { knownHostsFile: knownHosts() });
  await assert.rejects(u.exec('true'), /^Error: cannot reach 127\.0\.0\.1:1 \(ECONNREFUSED\)$/);
  u.dispose();
});

test('an encrypted identity file: its passphrase is asked once, checked, and kept for reconnects', async () => {
  const dir = tmp();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', join(dir, 'locked')]);
  const pub = readFileSync(join(dir, 'locked.pub'), 'utf8');
  const authorized = join(SSHD_DIR, 'authorized_keys');
  appendFileSync(authorized, pub);
  try {
    const kh = knownHosts();
    const asked: string[] = [];
    const t = new SshTransport(host({ identityFile: join(dir, 'locked') }), { knownHostsFile: kh, askPassphrase: async (f) => { asked.push(f); return 'correct horse'; } });
    assert.equal((await t.exec('echo in')).stdout, 'in\n');
    t.disconnect();
    assert.equal((await t.exec('echo again')).stdout, 'again\n');
    t.dispose();
    assert.deepEqual(asked, [join(dir, 'locked')]);
    const none = new SshTransport(host({ identityFile: join(dir, 'locked') }), { knownHostsFile: kh });
    await assert.rejects(none.exec('true'), /the identity file .*locked is encrypted and no passphrase was given/);
    const wrong = new SshTransport(host({ identityFile: join(dir, 'locked') }), { knownHostsFile: kh, askPassphrase: async () => 'wrong' });
    await assert.rejects(wrong.exec('true'), /wrong passphrase for .*locked/);
  } finally {
    writeFileSync(authorized, readFileSync(authorized, 'utf8').replace(pub, ''));
  }
});

test('Slurm over SSH (an ~/.ssh/config alias): success, the local log byte-identical to the cluster\'s', async () => {
  const ws = makeWorkspace();
  const remoteDir = cluster(ws);
  const cfg = join(tmp(), 'config');
  writeFileSync(cfg, `Host other\n  Port 1\nHost login\n  HostName 127.0.0.1\n  Port ${SSHD_PORT}\n  User root\n  IdentityFile ${join(SSHD_DIR, 'client_key')}\n`);
  const file = ws.model('m.json', trainSpec('ssh-ok', '--epochs 3 --steps 2 --delay 0.05', { target: 'slurm', host: 'login' }));
  const t = new Trainer({
    workspaceRoot: ws.root, hosts: [{ name: 'login', host: 'login', remoteDir }], sshConfigFile: cfg,
    ssh: { knownHostsFile: knownHosts() }, pollIntervalMs: 300,
  });
  const started = await t.start(file);
  assert.equal(started.error, null);
  const job = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.equal(job.host, 'login');
  assert.equal(job.remote_log_path, join(remoteDir, '.modelops', 'jobs', `${job.job_id}.log`));
  assert.equal(job.snapshot.working_directory, join(remoteDir, 'models'));
  const remote = readFileSync(job.remote_log_path!);
  assert.ok(remote.length > 100);
  assert.ok(readFileSync(job.log_path).equals(remote), 'local copy differs from the cluster log');
  assert.equal(job.metrics.loss.length, 3);
});

test('Slurm over SSH: failure with the state and the log tail', async () => {
  const ws = makeWorkspace();
  const remoteDir = cluster(ws);
  const file = ws.model('m.json', trainSpec('ssh-bad', '--epochs 3 --steps 1 --delay 0 --fail-at 2', { target: 'slurm', host: 'cluster' }));
  const t = new Trainer({ workspaceRoot: ws.root, hosts: [host({ remoteDir })], ssh: { knownHostsFile: knownHosts() }, pollIntervalMs: 300 });
  const job = await t.wait((await t.start(file)).job_id);
  await t.dispose();
  assert.equal(job.status, 'failed');
  assert.equal(job.exit_code, 3);
  assert.match(job.error ?? '', /^Slurm state FAILED, reason NonZeroExitCode, exit code 3; last lines of the log:\n[\s\S]*error: diverged at epoch 2/);
});

/** The per-connection sshd processes under our listener (not the listener itself). */
function connectionProcesses(): number[] {
  const listener = Number(readFileSync(join(SSHD_DIR, 'sshd.pid'), 'utf8'));
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const m = /^(\d+) \((.*)\) \S+ (\d+)/.exec(stat)!;
      return { pid: Number(m[1]), comm: m[2], ppid: Number(m[3]) };
    } catch { return null; }
  }).filter((p): p is { pid: number; comm: string; ppid: number } => p !== null);
  const out: number[] = [];
  const walk = (parent: number) => {
    for (const p of procs) if (p.ppid === parent && p.comm === 'sshd') { out.push(p.pid); walk(p.pid); }
  };
  walk(listener);
  return out;
}

test('an SSH connection killed mid-stream: reconnect, and the log is byte-identical with no line lost or doubled', async () => {
  const ws = makeWorkspace();
  const remoteDir = cluster(ws);
  const lines = 6000;
  const writer = `python3 -c 'import sys,time\nfor i in range(1, ${lines + 1}):\n  print("line %06d " % i + "x" * 60, flush=(i % 50 == 0))\n  if i % 50 == 0: time.sleep(0.05)'`;
  const file = ws.model('m.json', { model_name: 'ssh-kill', training: { command: writer, target: 'slurm', host: 'cluster' } });
  const warnings: string[] = [];
  const t = new Trainer({
    workspaceRoot: ws.root, hosts: [host({ remoteDir })], ssh: { knownHostsFile: knownHosts(), keepaliveIntervalMs: 1000 }, pollIntervalMs: 300,
    events: { onWarning: (_j, m) => warnings.push(m) },
  });
  const started = await t.start(file);
  await waitFor('some of the log to arrive', () => { try { return readFileSync(started.log_path).length > 20_000; } catch { return false; } });
  const killed = connectionProcesses();
  assert.ok(killed.length >= 1, 'no sshd process serves our connection');
  for (const pid of killed) process.kill(pid, 'SIGKILL');
  const sizeAtKill = readFileSync(started.log_path).length;
  const job = await t.wait(started.job_id);
  await t.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.ok(warnings.some((w) => /log stream: .*continuing from byte \d+/.test(w)), `no reconnect reported: ${warnings.join(' | ')}`);
  const local = readFileSync(job.log_path);
  const remote = readFileSync(job.remote_log_path!);
  assert.ok(sizeAtKill < remote.length, 'the job ended before the kill');
  assert.ok(local.equals(remote), `local ${local.length} bytes, cluster ${remote.length}`);
  const got = local.toString('utf8').trimEnd().split('\n').map((l) => Number(l.slice(5, 11)));
  assert.deepEqual(got, Array.from({ length: lines }, (_, i) => i + 1));
});

test('reattach over SSH after a simulated reload: the log continues from the local copy\'s last byte', async () => {
  const ws = makeWorkspace();
  const remoteDir = cluster(ws);
  const file = ws.model('m.json', trainSpec('ssh-reload', '--epochs 10 --steps 1 --delay 0.3', { target: 'slurm', host: 'cluster' }));
  const options = { workspaceRoot: ws.root, hosts: [host({ remoteDir })], ssh: { knownHostsFile: knownHosts() }, pollIntervalMs: 300 };
  const t1 = new Trainer(options);
  const started = await t1.start(file);
  await waitFor('two epochs', () => (t1.get(started.job_id)!.metrics.loss?.length ?? 0) >= 2);
  await t1.dispose();
  const t2 = new Trainer(options);
  await t2.reattach();
  const job = await t2.wait(started.job_id);
  await t2.dispose();
  assert.equal(job.status, 'completed', job.error ?? '');
  assert.ok(readFileSync(job.log_path).equals(readFileSync(job.remote_log_path!)), 'local copy differs from the cluster log');
  assert.deepEqual(job.metrics.loss.map(([x]) => x), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});
