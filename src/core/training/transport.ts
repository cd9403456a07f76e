// Where Slurm commands run: this machine's shell or a login node over SSH. The Slurm runner uses
// only this interface, so both share everything but the transport.
import { spawn } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Transport {
  /** For messages: "this machine", "ssh root@host:22". */
  readonly description: string;
  readonly remote: boolean;
  /** Runs a shell command line (every value in it already quoted). */
  exec(command: string, stdin?: string): Promise<ExecResult>;
  /**
   * Runs a command and hands its stdout to `onData` as it arrives, until it exits or `signal` aborts.
   * `lost` is true when the connection dropped under it.
   */
  stream(command: string, onData: (chunk: Buffer) => void, signal: AbortSignal): Promise<{ code: number | null; lost: boolean }>;
  dispose(): void;
}

/** This machine's /bin/sh. */
export class LocalShell implements Transport {
  readonly description = 'this machine';
  readonly remote = false;

  exec(command: string, stdin?: string): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
      child.stdin.on('error', () => { /* the command need not read its input */ });
      child.stdin.end(stdin ?? '');
    });
  }

  stream(command: string, onData: (chunk: Buffer) => void, signal: AbortSignal): Promise<{ code: number | null; lost: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], { stdio: ['ignore', 'pipe', 'ignore'], detached: true });
      const stop = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } };
      signal.addEventListener('abort', stop, { once: true });
      child.stdout.on('data', (b: Buffer) => { if (!signal.aborted) onData(b); });
      child.on('error', reject);
      child.on('close', (code) => { signal.removeEventListener('abort', stop); resolve({ code, lost: false }); });
    });
  }

  dispose(): void {}
}
