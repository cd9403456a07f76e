// Follows a job's log from a byte offset. Local: reads the file as it grows. Remote: streams
// `tail -c +N -F` over the transport into the local copy and, when the stream drops, reconnects
// and continues from the last byte written, so no byte is lost or doubled.
import { closeSync, createWriteStream, openSync, readSync, statSync, type WriteStream } from 'node:fs';
import { quote } from './shell';
import type { Transport } from './transport';

export interface LogFollower {
  /** Bytes of the log handled so far. */
  readonly offset: number;
  /** Reads what is left and stops. */
  stop(): Promise<void>;
}

const BLOCK = 1 << 20;

/** Reads a local file from `offset` every `intervalMs`, handing new bytes to `onData`. */
export class FileFollower implements LogFollower {
  private timer: NodeJS.Timeout;
  private _offset: number;
  private stopped = false;

  constructor(private readonly path: string, offset: number, private readonly onData: (b: Buffer) => void, intervalMs = 250) {
    this._offset = offset;
    this.timer = setInterval(() => this.drain(), intervalMs);
  }

  get offset(): number {
    return this._offset;
  }

  private drain(): void {
    let fd: number;
    try {
      if (statSync(this.path).size <= this._offset) return;
      fd = openSync(this.path, 'r');
    } catch {
      return; // not created yet
    }
    try {
      const buf = Buffer.allocUnsafe(BLOCK);
      for (;;) {
        const n = readSync(fd, buf, 0, BLOCK, this._offset);
        if (n <= 0) break;
        this._offset += n;
        this.onData(Buffer.from(buf.subarray(0, n)));
      }
    } finally {
      closeSync(fd);
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.drain();
  }
}

export interface RemoteFollowerOptions {
  /** Called with a reason each time the stream dropped and is being reopened. */
  onReconnect?: (reason: string) => void;
  /** Delay between reconnect attempts (ms); grows to 10 s. */
  retryMs?: number;
}

/** Copies a remote log into a local file, from the local file's current length on. */
export class RemoteFollower implements LogFollower {
  private _offset: number;
  private out: WriteStream;
  private abort = new AbortController();
  private loop: Promise<void>;
  private stopped = false;

  constructor(
    private readonly transport: Transport,
    private readonly remotePath: string,
    localPath: string,
    private readonly onData: (b: Buffer) => void,
    private readonly options: RemoteFollowerOptions = {},
  ) {
    let size = 0;
    try { size = statSync(localPath).size; } catch { /* new */ }
    this._offset = size;
    this.out = createWriteStream(localPath, { flags: 'a' });
    this.loop = this.run();
  }

  get offset(): number {
    return this._offset;
  }

  private take(b: Buffer): void {
    this._offset += b.length;
    this.out.write(b);
    this.onData(b);
  }

  private async run(): Promise<void> {
    let delay = this.options.retryMs ?? 500;
    while (!this.abort.signal.aborted) {
      const p = quote(this.remotePath);
      // Wait for the file (a pending job has none yet), then follow it from the next byte we lack.
      const cmd = `while [ ! -e ${p} ]; do sleep 1; done; exec tail -c +${this._offset + 1} -F ${p}`;
      try {
        const r = await this.transport.stream(cmd, (b) => this.take(b), this.abort.signal);
        if (this.abort.signal.aborted) break;
        this.options.onReconnect?.(r.lost ? 'connection lost' : `tail ended (exit ${r.code})`);
        delay = this.options.retryMs ?? 500;
      } catch (e) {
        if (this.abort.signal.aborted) break;
        if ((e as { permanent?: boolean }).permanent) { this.options.onReconnect?.(`giving up: ${(e as Error).message}`); break; }
        this.options.onReconnect?.((e as Error).message);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  /** Stops following and fetches the rest of the file (retrying through drops for up to `deadlineMs`). */
  async stop(deadlineMs = 120_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    await this.loop;
    const end = Date.now() + deadlineMs;
    let delay = this.options.retryMs ?? 500;
    for (;;) {
      try {
        const ac = new AbortController();
        const r = await this.transport.stream(`tail -c +${this._offset + 1} ${quote(this.remotePath)}`, (b) => this.take(b), ac.signal);
        if (!r.lost) break;
      } catch (e) {
        if ((e as { permanent?: boolean }).permanent || Date.now() > end) break;
      }
      if (Date.now() > end) break;
      this.options.onReconnect?.('reconnecting to fetch the end of the log');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 10_000);
    }
    await new Promise<void>((r) => this.out.end(r));
  }
}
