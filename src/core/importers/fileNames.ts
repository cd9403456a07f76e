// File names from model and task names: readable, portable (Windows, macOS), bounded in length.
import { createHash } from 'node:crypto';

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX = 100;

/** "EleutherAI/pythia-1b" → "EleutherAI__pythia-1b"; anything outside [A-Za-z0-9._-] → "_". */
export function safeFileName(name: string): string {
  let s = name.trim().replaceAll('/', '__').replace(/[^A-Za-z0-9._-]/g, '_');
  s = s.replace(/^[.-]+/, '').replace(/[. ]+$/, '');
  if (!s) s = 'unnamed';
  if (RESERVED.test(s)) s = `_${s}`;
  if (s.length > MAX) s = `${s.slice(0, MAX - 9)}-${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  return s;
}
