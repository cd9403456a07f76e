// End to end over a real sshd on loopback to the real Slurm: host key checks, key and password auth, reach
// errors, Slurm success and failure, and a connection killed mid-stream.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Trainer } from '../../src/core/training/trainer';
import { storedPasswordHooks } from '../../src/core/training/sshPasswords';
import { SshTransport, type SshHost, type SshLogin, type UnknownHostKey } from '../../src/core/training/sshTransport';
import { CLI_ARGS, SSHD_DIR, SSHD_PORT, use, waitFor } from './infra';
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

// Password login: scripts/sshd/start.sh makes modelops-pw (password in the sshd dir); root stays key-only.
const PW_USER = 'modelops-pw';
const PASSWORD = () => readFileSync(join(SSHD_DIR, 'password'), 'utf8').trim();
const pwHost = (extra: Partial<SshHost> = {}): SshHost => ({ name: 'pw', host: '127.0.0.1', port: SSHD_PORT, user: PW_USER, ...extra });
const REFUSED = new RegExp(`^Error: authentication failed for ${PW_USER}@127\\.0\\.0\\.1:${SSHD_PORT}: the password was refused \\(methods tried: password\\)$`);

test('password login: asked once per transport (kept for reconnects), after a key the server refused', async () => {
  const kh = knownHosts();
  const asked: [SshLogin, boolean][] = [];
  const dir = tmp();
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'stranger')]);
  const t = new SshTransport(pwHost({ identityFile: join(dir, 'stranger') }), { knownHostsFile: kh, askPassword: async (l, r) => { asked.push([l, r]); return PASSWORD(); } });
  assert.equal((await t.exec('id -un')).stdout, `${PW_USER}\n`);
  t.disconnect();
  assert.equal((await t.exec('echo again')).stdout, 'again\n');
  t.dispose();
  assert.deepEqual(asked, [[{ name: 'pw', host: '127.0.0.1', port: SSHD_PORT, user: PW_USER }, false]]);
  // root is key-only: with a refused key the password hook is never asked
  const root = new SshTransport(host({ identityFile: join(dir, 'stranger') }), { knownHostsFile: kh, askPassword: async () => { throw new Error('asked for root'); } });
  await assert.rejects(root.exec('true'), /^Error: authentication failed for root@127\.0\.0\.1:\d+ \(methods tried: publickey .*stranger\)$/);
  root.dispose();
});

test('password login: a wrong password is a clear error, asked again at most once per connect; a right second answer works', async () => {
  const kh = knownHosts();
  const asked: boolean[] = [];
  const rejected: string[] = [];
  const wrong = new SshTransport(pwHost(), {
    knownHostsFile: kh,
    askPassword: async (_l, r) => { asked.push(r); return 'not-the-password'; },
    passwordRejected: (l) => { rejected.push(l.user); },
  });
  await assert.rejects(wrong.exec('true'), REFUSED);
  wrong.dispose();
  assert.deepEqual(asked, [false, true]);
  assert.deepEqual(rejected, [PW_USER, PW_USER]);
  const answers = ['not-the-password', PASSWORD()];
  const second = new SshTransport(pwHost(), { knownHostsFile: kh, askPassword: async () => answers.shift() });
  assert.equal((await second.exec('id -un')).stdout, `${PW_USER}\n`);
  second.dispose();
  assert.deepEqual(answers, []);
  const cancelled = new SshTransport(pwHost(), { knownHostsFile: kh, askPassword: async () => undefined });
  await assert.rejects(cancelled.exec('true'), new RegExp(`^Error: authentication failed for ${PW_USER}@127\\.0\\.0\\.1:${SSHD_PORT}: no password was given \\(methods tried: none the server accepts\\)$`));
  cancelled.dispose();
});

test('password login with a secret store: asked once per login, reused by the next transport, forgotten when refused', async () => {
  const kh = knownHosts();
  const store = new Map<string, string>();
  const secrets = { get: async (k: string) => store.get(k), store: async (k: string, v: string) => { store.set(k, v); }, delete: async (k: string) => { store.delete(k); } };
  const prompts: boolean[] = [];
  let answer = PASSWORD();
  const options = () => ({ knownHostsFile: kh, ...storedPasswordHooks(secrets, async (_l, r) => { prompts.push(r); return answer; }) });
  const key = `modelops.ssh.password:${PW_USER}@127.0.0.1:${SSHD_PORT}`;
  const a = new SshTransport(pwHost(), options());
  assert.equal((await a.exec('echo a')).stdout, 'a\n');
  a.dispose();
  assert.deepEqual([...store], [[key, PASSWORD()]]);
  const b = new SshTransport(pwHost(), options());
  assert.equal((await b.exec('echo b')).stdout, 'b\n');
  b.dispose();
  assert.deepEqual(prompts, [false], 'asked again although the password was stored');
  store.set(key, 'changed-on-the-server');
  answer = 'still-wrong';
  const c = new SshTransport(pwHost(), options());
  await assert.rejects(c.exec('true'), REFUSED);
  c.dispose();
  assert.deepEqual(prompts, [false, true]);
  assert.equal(store.has(key), false, 'a refused password stayed in the store');
});

test('modelops train over SSH with MODELOPS_SSH_PASSWORD: the job runs as the password user; the password is in no record or log', async () => {
  const ws = makeWorkspace();
  const remoteDir = cluster(ws);
  execFileSync('chmod', ['755', join(remoteDir, '..')]);
  execFileSync('chown', ['-R', `${PW_USER}:${PW_USER}`, remoteDir]);
  const cfg = join(tmp(), 'config');
  writeFileSync(cfg, `Host pwlogin\n  HostName 127.0.0.1\n  Port ${SSHD_PORT}\n  User ${PW_USER}\n  IdentityFile /nonexistent/key\n`);
  const file = ws.model('m.json', trainSpec('ssh-pw', '--epochs 2 --steps 1 --delay 0', { target: 'slurm', host: 'pwlogin' }));
  const run = (password: string) => {
    const p = spawnSync(process.execPath, [...CLI_ARGS, 'train', file, '--host', 'pwlogin', '--remote-dir', remoteDir, '--ssh-config', cfg, '--known-hosts', knownHosts(), '--poll', '0.3'], {
      cwd: ws.root, encoding: 'utf8', env: { ...process.env, MODELOPS_SSH_PASSWORD: password, SSH_AUTH_SOCK: '' }, timeout: 120_000,
    });
    return { code: p.status, out: p.stdout + p.stderr };
  };
  const ok = run(PASSWORD());
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /job \S+ completed/);
  const bad = run('not-the-password');
  assert.notEqual(bad.code, 0, bad.out);
  assert.match(bad.out, new RegExp(`authentication failed for ${PW_USER}@127\\.0\\.0\\.1:${SSHD_PORT}: the password was refused`));
  const jobsDir = join(ws.root, '.modelops', 'jobs');
  const files = readdirSync(jobsDir);
  assert.ok(files.some((f) => f.endsWith('.json')) && files.some((f) => f.endsWith('.log')), files.join(' '));
  const owner = execFileSync('stat', ['-c', '%U', join(remoteDir, '.modelops', 'jobs')], { encoding: 'utf8' }).trim();
  assert.equal(owner, PW_USER);
  for (const f of files) assert.ok(!readFileSync(join(jobsDir, f), 'utf8').includes(PASSWORD()), `the password is in ${f}`);
  assert.ok(!ok.out.includes(PASSWORD()) && !bad.out.includes('not-the-password'), 'a password was printed');
});
