// What a job's log terminal writes next: chunks gathered between flushes, made safe for a terminal,
// and capped per flush so a fast writer cannot flood the window. Lines skipped here leave the
// view only, never the log file. Pure (no 'vscode'): the Pseudoterminal calls take() on a timer.
import { StringDecoder } from 'node:string_decoder';

// Escape sequences: CSI, OSC (to BEL or ST), other ESC forms (ESC c resets the terminal), a lone ESC.
const ESCAPES = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]*[0-~]|)/g;
const SGR = /^\x1b\[[0-9;]*m$/;
// C0 controls other than tab, newline, carriage return and backspace, and DEL.
const CONTROLS = /[\x00-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]/g;
const PARTIAL_ESCAPE = /\x1b(?:\[[0-9;?]*[ -/]*|\][^\x07\x1b]*)?$/;

/** Keeps colours (SGR) and drops every other escape sequence and control character: a log cannot
 *  retitle the terminal, move the cursor, or plant links. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(ESCAPES, (m) => (SGR.test(m) ? m : '')).replace(CONTROLS, '');
}

export class TerminalFeed {
  private decoder = new StringDecoder('utf8');
  private pending = '';
  /** Lines skipped in the view since the feed started. */
  skipped = 0;

  constructor(readonly maxCharsPerFlush = 64 * 1024) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    // Memory stays bounded even if flushes fall behind (a blocked extension host).
    if (this.pending.length > 8 * this.maxCharsPerFlush) this.trim(this.maxCharsPerFlush);
  }

  /** Lines dropped since the last flush. */
  private unreported = 0;

  /** Drops older whole lines so that at most `keep` characters remain. */
  private trim(keep: number): void {
    const text = this.pending;
    if (text.length <= keep) return;
    let cut = text.indexOf('\n', text.length - keep);
    if (cut < 0) cut = text.length - keep;
    const dropped = countLines(text, cut + 1);
    this.pending = text.slice(cut + 1);
    this.skipped += dropped;
    this.unreported += dropped;
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** The text to write now (CRLF line ends), or null when there is nothing. */
  take(): string | null {
    // Keep whole lines from the tail; the note says how many were skipped.
    this.trim(this.maxCharsPerFlush);
    let text = this.pending;
    this.pending = '';
    // An escape sequence cut by the chunk boundary waits for the rest.
    const partial = PARTIAL_ESCAPE.exec(text);
    if (partial && partial[0].length < 64) {
      this.pending = partial[0];
      text = text.slice(0, partial.index);
    }
    const dropped = this.unreported;
    this.unreported = 0;
    const note = dropped ? `\x1b[2m[… ${dropped} line${dropped === 1 ? '' : 's'} not shown here; Open Log File has them all]\x1b[0m\r\n` : '';
    if (!text && !note) return null;
    return note + sanitizeForTerminal(text).replace(/\r?\n/g, '\r\n');
  }
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
