// Splits a byte stream into text lines across chunk boundaries (UTF-8 safe). `\n`, `\r\n` and a
// lone `\r` (tqdm redraws its bar with `\r`) all end a line.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private pendingCR = false;

  /** The lines completed by this chunk. */
  push(chunk: Buffer | string): string[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.pendingCR) {
      this.pendingCR = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    if (text === '') return [];
    const all = this.partial + text;
    const parts = all.includes('\r') ? all.split(/\r\n|\r|\n/) : all.split('\n');
    this.partial = parts.pop() ?? '';
    // A chunk ending in \r may be the first half of \r\n: don't count the \n as another line.
    if (text.endsWith('\r')) this.pendingCR = true;
    return parts;
  }

  /** The unterminated last line, if any (at end of stream). */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest ? [rest] : [];
  }

  /** The line being written, not yet terminated. */
  get current(): string {
    return this.partial;
  }
}
