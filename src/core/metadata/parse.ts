import { findNodeAtOffset, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from './diagnostics';
import { locateNodes } from './locate';
import { nodeAtPointer, pointerOfNode } from './pointer';

export interface ParsedDocument {
  /**
   * The tolerant tree; present even when the text has syntax errors (jsonc-parser recovers).
   * For strict JSON it is built on first access.
   */
  readonly root: Node | undefined;
  /**
   * The nodes at JSON Pointers, each with a parent property node holding its key; for strict JSON
   * found in one scan without building the whole tree (see locate.ts). Absent: use `root`.
   */
  nodesAt?(pointers: Iterable<string>): Map<string, Node | undefined>;
  /** The value the tree denotes (for duplicate keys, the last one wins, as in JSON.parse). */
  value: unknown;
  syntaxErrors: number;
  diagnostics: Diagnostic[];
}

// Keyed by printParseErrorCode's names: the enum itself is a const enum that isolated modules cannot read.
const messages: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: "Missing ':' after the property name",
  CommaExpected: "Missing comma: add ',' after the previous value",
  CloseBraceExpected: "Missing '}'",
  CloseBracketExpected: "Missing ']'",
  EndOfFileExpected: 'Unexpected content after the end of the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string: control characters must be escaped',
};

/** Where the previous token ends: the spot a missing comma belongs. */
function endOfPreviousToken(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

function syntaxDiagnostic(text: string, e: ParseError): Diagnostic {
  const base = { severity: 'error' as const, code: 'syntax', offset: e.offset, length: Math.max(e.length, 1), pointer: '' };
  if (text.trim() === '') return { ...base, offset: 0, length: 0, message: 'Empty file: expected a JSON object' };
  const code = printParseErrorCode(e.error);
  const prev = endOfPreviousToken(text, e.offset);
  if (code === 'CommaExpected') {
    return { ...base, message: messages[code], fix: { kind: 'insert', offset: prev, text: ',', title: "Insert the missing ','" } };
  }
  const closing = text[e.offset] === '}' || text[e.offset] === ']';
  if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && closing && text[prev - 1] === ',') {
    return {
      ...base, offset: prev - 1, length: 1, message: 'Trailing comma is not allowed in JSON',
      fix: { kind: 'replace', offset: prev - 1, length: 1, text: '', title: 'Remove the trailing comma' },
    };
  }
  return { ...base, message: messages[code] ?? 'Syntax error' };
}

/** Warns on repeated keys in an object: the earlier value is silently lost by every JSON reader. */
function duplicateKeys(root: Node | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (!key) continue;
        if (seen.has(key.value)) {
          out.push({
            severity: 'warning', code: 'duplicate-key', offset: key.offset, length: key.length, pointer: pointerOfNode(key),
            message: `Duplicate key "${key.value}": only the last value is kept`,
          });
        }
        seen.add(key.value);
      }
    }
    for (const c of node.children ?? []) stack.push(c);
  }
  return out;
}

/** Metadata never nests this deep; past it the recursive parser and validator would overflow the stack. */
export const MAX_DEPTH = 512;

/** Python's json writes and reads these; JSON itself has no such numbers. Same-length stand-ins keep offsets. */
const NON_STANDARD: Record<string, { standIn: string; value: number }> = {
  NaN: { standIn: '0e0', value: NaN },
  Infinity: { standIn: '1e999999', value: Infinity },
  '-Infinity': { standIn: '-1e999999', value: -Infinity },
};

interface Scan { deepAt: number; specials: { offset: number; token: string }[] }

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether a NaN/Infinity token stands at `i` as a word of its own. */
function special(text: string, i: number, token: string): boolean {
  return text.startsWith(token, i) && !isWordChar(text.charCodeAt(i + token.length)) && !isWordChar(text.charCodeAt(i - 1));
}

/** Where the string whose opening quote is at `i` ends (past its closing quote), or -1 if it does not. */
function endOfString(text: string, i: number): number {
  for (let q = text.indexOf('"', i + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    // Closed by the first quote after an even run of backslashes.
    let b = q - 1;
    while (text.charCodeAt(b) === 92) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
  }
  return -1;
}

/** One pass outside strings: where nesting first exceeds MAX_DEPTH, and where NaN/Infinity stand. */
function scan(text: string): Scan {
  const specials: Scan['specials'] = [];
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    if (c === 34 /* " */) {
      const end = endOfString(text, i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return { deepAt: i, specials };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 78 /* N */ && special(text, i, 'NaN')) { specials.push({ offset: i, token: 'NaN' }); i += 2; }
    else if (c === 73 /* I */ && special(text, i, 'Infinity')) { specials.push({ offset: i, token: 'Infinity' }); i += 7; }
    else if (c === 45 /* - */ && text.charCodeAt(i + 1) === 73 && special(text, i, '-Infinity')) { specials.push({ offset: i, token: '-Infinity' }); i += 8; }
  }
  return { deepAt: -1, specials };
}

/**
 * How many property keys text that JSON.parse accepted has. Outside strings such text has no
 * quotes, so its unescaped quotes alternate open/close, and a key is a string followed by ':'.
 */
function keysOfStrictJson(text: string): number {
  let keys = 0;
  for (let q = text.indexOf('"'); q >= 0; q = text.indexOf('"', q)) {
    const end = endOfString(text, q);
    if (end < 0) break;
    let d = text.charCodeAt(end);
    let j = end;
    while (d === 32 || d === 10 || d === 13 || d === 9) d = text.charCodeAt(++j);
    if (d === 58 /* : */) keys++;
    q = j;
  }
  return keys;
}

/** The number of keys in all objects of a parsed value; -1 when it nests deeper than MAX_DEPTH. */
function countKeys(v: unknown, depth = 1): number {
  if (v === null || typeof v !== 'object') return 0;
  if (depth > MAX_DEPTH) return -1;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const k = countKeys(v[i], depth + 1);
      if (k < 0) return -1;
      n += k;
    }
    return n;
  }
  for (const key in v) {
    const k = countKeys((v as Record<string, unknown>)[key], depth + 1);
    if (k < 0) return -1;
    n += 1 + k;
  }
  return n;
}

const TREE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function parseDocument(input: string): ParsedDocument {
  // A BOM is not part of JSON; blank it out so offsets still match the text.
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  // The fast path: strict JSON (native JSON.parse is an order of magnitude faster than building the
  // tolerant tree) with no repeated keys (JSON.parse keeps one of each, so fewer keys than the text
  // has) and within MAX_DEPTH. It needs no tree until someone asks for an offset.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value !== undefined) {
    const keys = countKeys(value);
    if (keys >= 0 && keys === keysOfStrictJson(text)) {
      let tree: Node | undefined | null = null;
      return {
        value, syntaxErrors: 0, diagnostics: [],
        get root() { return tree === null ? (tree = parseTree(text, [], TREE_OPTIONS)) : tree; },
        // Once the tree is built, it answers; before, one scan finds them all.
        nodesAt: (pointers) => (tree ? new Map([...pointers].map((p) => [p, nodeAtPointer(tree!, p)])) : locateNodes(text, pointers)),
      };
    }
  }
  const { deepAt: deep, specials } = scan(text);
  if (deep >= 0) {
    const message = `Nesting deeper than ${MAX_DEPTH} levels: this file is not checked further`;
    return { root: undefined, value: undefined, syntaxErrors: 1, diagnostics: [{ severity: 'error', code: 'too-deep', offset: deep, length: 1, pointer: '', message }] };
  }
  let parsed = text;
  for (const s of specials) parsed = parsed.slice(0, s.offset) + NON_STANDARD[s.token].standIn + parsed.slice(s.offset + s.token.length);
  const errors: ParseError[] = [];
  const root = parseTree(parsed, errors, TREE_OPTIONS);
  const diagnostics = errors.map((e) => syntaxDiagnostic(text, e));
  for (const d of diagnostics) {
    const node = root && findNodeAtOffset(root, d.offset);
    if (node) d.pointer = pointerOfNode(node);
  }
  diagnostics.push(...duplicateKeys(root));
  for (const s of specials) {
    const node = root && findNodeAtOffset(root, s.offset);
    if (node?.type === 'number') (node as { value: unknown }).value = NON_STANDARD[s.token].value;
    diagnostics.push({
      severity: 'warning', code: 'non-standard-number', offset: s.offset, length: s.token.length, pointer: node ? pointerOfNode(node) : '',
      message: `${s.token} is not valid JSON: Python's json module reads it, but JSON.parse and most other tools reject the file`,
    });
  }
  return { root, value: root ? getNodeValue(root) : undefined, syntaxErrors: errors.length, diagnostics };
}
