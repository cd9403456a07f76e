// A bounded buffer of log lines for a panel: keeps the last `maxLines` lines (old ones leave the
// view, never the log file) plus the line still being written. Pure; the UI renders from it.
import { LineSplitter } from './logLines';

export class LineBuffer {
  private ring: string[];
  private start = 0;
  private size = 0;
  private splitter = new LineSplitter();
  /** Lines that left the view because the buffer was full. */
  dropped = 0;
  /** Total complete lines ever added. */
  total = 0;

  constructor(readonly maxLines = 10_000) {
    if (!(maxLines >= 1)) throw new Error('LineBuffer needs room for at least one line');
    this.ring = new Array<string>(maxLines);
  }

  /** Adds a chunk of log output; returns the complete lines it added. */
  push(chunk: Buffer | string): string[] {
    const lines = this.splitter.push(chunk);
    for (const l of lines) this.add(l);
    return lines;
  }

  /** Ends the stream: an unterminated last line becomes a line. */
  end(): void {
    for (const l of this.splitter.flush()) this.add(l);
  }

  private add(line: string): void {
    this.total++;
    if (this.size < this.maxLines) {
      this.ring[(this.start + this.size) % this.maxLines] = line;
      this.size++;
    } else {
      this.ring[this.start] = line;
      this.start = (this.start + 1) % this.maxLines;
      this.dropped++;
    }
  }

  get length(): number {
    return this.size;
  }

  /** The kept lines, oldest first, and the partial line being written (if any). */
  lines(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(this.start + i) % this.maxLines]);
    const cur = this.splitter.current;
    if (cur) out.push(cur);
    return out;
  }

  /** The last kept complete line. */
  last(): string | undefined {
    return this.size ? this.ring[(this.start + this.size - 1) % this.maxLines] : undefined;
  }
}
