// Training logs: how fast a job's output reaches the log file and the panel buffer, with what
// latency, in how much memory; each against a baseline measured in the same run on the same bytes.
//  - local job (LocalRunner: pipe → log file + metrics + LineBuffer) vs `cat FILE > OUT`
//  - Slurm on this machine (FileFollower reading the growing log) vs `cat FILE > OUT`
//  - Slurm over SSH (RemoteFollower: `tail -c +N -F` over ssh2 into the local copy) vs `cat` over the same ssh2 connection
//  - write-to-panel latency of timestamped lines (steady, and inside a 100 MB burst) vs a bare pipe reader
// Run alone: node --import tsx bench/logs.ts [MB]   (default 120)
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { LineBuffer } from '../src/core/training/lineBuffer';
import { FileFollower, RemoteFollower } from '../src/core/training/logFollower';
import { SshTransport } from '../src/core/training/sshTransport';
import { SSHD_DIR, use } from '../test/integration/infra';
import { Trainer } from '../src/core/training/trainer';
import { percentile, stats, type Figure } from './harness';

const now = () => performance.timeOrigin + performance.now();
const MB = 1024 * 1024;

/** A log like a chatty trainer's: mostly text, a metric line every 50 lines. */
function makeLog(path: string, mb: number): number {
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    lines.push(i % 50 === 0 ? `step=${i} loss=${(1 / (i + 1)).toFixed(5)} lr=0.001` : `[rank0] batch ${i} ok ${'#'.repeat(40)} data loader queue=${i % 7}`);
  }
  const block = Buffer.from(lines.join('\n') + '\n');
  // written block by block, so the figures below do not start from a 100 MB heap
  const fd = openSync(path, 'w');
  let size = 0;
  while (size < mb * MB) { writeSync(fd, block); size += block.length; }
  closeSync(fd);
  return size;
}

function timeCat(src: string, dst: string): number {
  rmSync(dst, { force: true });
  const t0 = now();
  execFileSync('/bin/sh', ['-c', `cat '${src}' > '${dst}'`]);
  return now() - t0;
}

function workspace(spec: unknown): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'modelops-bench-logs-'));
  const file = join(root, 'model.json');
  writeFileSync(file, JSON.stringify(spec));
  return { root, file };
}

/** Peak RSS growth while `fn` runs. */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: (peak - base) / MB };
  } finally {
    clearInterval(t);
  }
}

async function localJob(src: string, bytes: number): Promise<{ ms: number; peakMb: number; dropped: number }> {
  const ws = workspace({ model_name: 'bench', training: { command: `cat '${src}'` } });
  const panel = new LineBuffer(10_000);
  const t = new Trainer({ workspaceRoot: ws.root, events: { onLog: (_j, b) => { panel.push(b); } } });
  const { value, peakMb } = await withPeakRss(async () => {
    const t0 = now();
    const job = await t.wait((await t.start(ws.file)).job_id);
    const ms = now() - t0;
    if (job.status !== 'completed' || statSync(job.log_path).size !== bytes) throw new Error(`bench job ${job.status}: ${job.error}`);
    return ms;
  });
  await t.dispose();
  rmSync(ws.root, { recursive: true, force: true });
  return { ms: value, peakMb, dropped: panel.dropped };
}

async function fileFollow(src: string, bytes: number): Promise<number> {
  const panel = new LineBuffer(10_000);
  const t0 = now();
  let got = 0;
  await new Promise<void>((done) => {
    const f = new FileFollower(src, 0, (b) => { panel.push(b); got += b.length; if (got >= bytes) { void f.stop().then(done); } }, 5);
  });
  return now() - t0;
}

async function sshFollow(transport: SshTransport, src: string, bytes: number): Promise<{ ours: number; base: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'modelops-bench-ssh-'));
  const panel = new LineBuffer(10_000);
  let t0 = now();
  let got = 0;
  await new Promise<void>((done) => {
    const f = new RemoteFollower(transport, src, join(dir, 'copy.log'), (b) => { panel.push(b); got += b.length; if (got >= bytes) void f.stop().then(done); });
  });
  const ours = now() - t0;
  if (statSync(join(dir, 'copy.log')).size !== bytes) throw new Error('ssh copy is incomplete');
  // Baseline: the same bytes by a plain `cat` on the same connection, straight into a file.
  const out = createWriteStream(join(dir, 'cat.log'));
  t0 = now();
  await transport.stream(`cat '${src}'`, (b) => out.write(b), new AbortController().signal);
  await new Promise<void>((r) => out.end(r));
  const base = now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return { ours, base };
}

/** Python writing timestamped lines ("T <epoch ms>"): steady at ~1000/s, or inside a burst of bulk text. */
function latencyScript(burstMb: number): string {
  return `python3 -c '
import sys, time
w = sys.stdout.buffer.write
bulk = (b"x" * 99 + b"\\n") * 10000
if ${burstMb} == 0:
    for i in range(3000):
        w(b"T %.3f\\n" % (time.time() * 1000)); sys.stdout.flush(); time.sleep(0.001)
else:
    for i in range(${burstMb}):
        w(bulk); w(b"T %.3f\\n" % (time.time() * 1000)); sys.stdout.flush()
'`;
}

function lineLatencies(lines: string[], at: number, into: number[]): void {
  for (const l of lines) if (l.startsWith('T ')) into.push(at - Number(l.slice(2)));
}

async function latencyOurs(burstMb: number): Promise<number[]> {
  const ws = workspace({ model_name: 'latency', training: { command: latencyScript(burstMb) } });
  const panel = new LineBuffer(10_000);
  const lat: number[] = [];
  const t = new Trainer({ workspaceRoot: ws.root, events: { onLog: (_j, b) => lineLatencies(panel.push(b), now(), lat) } });
  const job = await t.wait((await t.start(ws.file)).job_id);
  await t.dispose();
  rmSync(ws.root, { recursive: true, force: true });
  if (job.status !== 'completed') throw new Error(`latency job ${job.status}: ${job.error}`);
  return lat;
}

function latencyBaseline(burstMb: number): Promise<number[]> {
  return new Promise((done) => {
    const lat: number[] = [];
    let rest = '';
    const p = spawn('/bin/sh', ['-c', latencyScript(burstMb)], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.setEncoding('latin1');
    p.stdout.on('data', (s: string) => {
      const parts = (rest + s).split('\n');
      rest = parts.pop()!;
      lineLatencies(parts, now(), lat);
    });
    p.on('close', () => done(lat));
  });
}

export async function run(mb = 200, runs = 3): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'modelops-bench-logs-'));
  const src = join(dir, 'train.log');
  const bytes = makeLog(src, mb);
  const size = `${(bytes / MB).toFixed(0)} MB`;
  const figures: Figure[] = [];

  const cat: number[] = [];
  const local: number[] = [];
  const follow: number[] = [];
  let peak = 0;
  let dropped = 0;
  for (let i = 0; i < runs; i++) {
    cat.push(timeCat(src, join(dir, 'out.log')));
    const r = await localJob(src, bytes);
    local.push(r.ms);
    peak = Math.max(peak, r.peakMb);
    dropped = r.dropped;
    follow.push(await fileFollow(src, bytes));
  }
  const mbps = (ms: number[]) => `${((bytes / MB) / (stats(ms).median / 1000)).toFixed(0)} MB/s`;
  figures.push({
    name: `Local job log, ${size} → log file + metrics + panel buffer`, unit: 'ms', ours: stats(local),
    baseline: { name: 'cat FILE > OUT', stats: stats(cat) }, target: '≥ 100 MB/s', met: bytes / MB / (stats(local).median / 1000) >= 100,
    notes: `ours ${mbps(local)}, cat ${mbps(cat)}; panel kept 10,000 lines, dropped ${dropped.toLocaleString('en')} from view (none from the log)`,
  });
  figures.push({
    name: `Peak memory growth while a job writes ${size}`, unit: 'MB', ours: { median: peak, min: peak, max: peak, runs },
    target: '< 150 MB (bounded, not proportional to the log)', met: peak < 150,
  });
  figures.push({
    name: `Slurm log on this machine, ${size} read by FileFollower → metrics-free panel buffer`, unit: 'ms', ours: stats(follow),
    baseline: { name: 'cat FILE > OUT', stats: stats(cat) }, target: '≥ 100 MB/s', met: bytes / MB / (stats(follow).median / 1000) >= 100,
    notes: `ours ${mbps(follow)}`,
  });

  // A real sshd on loopback, started (and stopped) as the integration tests do.
  const release = await use('sshd');
  try {
    const kh = join(dir, 'known_hosts');
    writeFileSync(kh, `[127.0.0.1]:2222 ${readFileSync(join(SSHD_DIR, 'host_ed25519_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
    const transport = new SshTransport({ name: 'bench', host: '127.0.0.1', port: 2222, user: 'root', identityFile: join(SSHD_DIR, 'client_key') }, { knownHostsFile: kh });
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await sshFollow(transport, src, bytes);
      ours.push(r.ours);
      base.push(r.base);
    }
    transport.dispose();
    figures.push({
      name: `Slurm log over SSH (loopback), ${size} by RemoteFollower → local copy + panel buffer`, unit: 'ms', ours: stats(ours),
      baseline: { name: '`cat` over the same ssh2 connection into a file', stats: stats(base) }, target: '≥ 25 MB/s', met: bytes / MB / (stats(ours).median / 1000) >= 25,
      notes: `ours ${mbps(ours)}, plain cat ${mbps(base)}`,
    });
  } finally {
    await release();
  }

  for (const burst of [0, 100]) {
    const ours = await latencyOurs(burst);
    const base = await latencyBaseline(burst);
    const label = burst ? `inside a ${burst} MB burst (a marker line every 1 MB)` : 'steady ~1,000 lines/s';
    for (const p of [50, 99]) {
      const o = percentile(ours, p);
      const b = percentile(base, p);
      figures.push({
        name: `Write-to-panel latency p${p}, ${label}`, unit: 'ms', ours: { median: o, min: Math.min(...ours), max: Math.max(...ours), runs: ours.length },
        baseline: { name: 'a bare pipe reader', stats: { median: b, min: Math.min(...base), max: Math.max(...base), runs: base.length } },
        target: burst ? '< 250 ms' : '< 20 ms', met: o < (burst ? 250 : 20),
      });
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (require.main === module) {
  const mb = Number(process.argv[2] ?? 120);
  import('./harness').then(async ({ describe }) => {
    for (const f of await run(mb)) console.log(describe(f) + (f.notes ? ` — ${f.notes}` : ''));
    process.exit(0);
  }).catch((e) => { console.error(e); process.exit(1); });
}
