import { findNodeAtOffset, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Diagnostic } from './diagnostics';
import { locateNode } from './locate';
import { nodeAtPointer, pointerOfNode } from './pointer';

export interface ParsedDocument {
  /**
   * The tolerant tree; present even when the text has syntax errors (jsonc-parser recovers).
   * For strict JSON it is built on first access.
   */
  readonly root: Node | undefined;
  /**
   * The node at a JSON Pointer, with a parent property node holding its key; for strict JSON found
   * without building the whole tree (see locate.ts). Absent: use `root`.
   */
  nodeAt?(pointer: string): Node | undefined;
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

interface Scan { deepAt: number; specials: { offset: number; token: string }[]; keys: number }

/**
 * One pass outside strings: where nesting first exceeds MAX_DEPTH, where NaN/Infinity stand, and how
 * many property keys the text has (a string followed by ':').
 */
function scan(text: string): Scan {
  const specials: Scan['specials'] = [];
  let depth = 0;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
      let j = i + 1;
      while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 9)) j++;
      if (text.charCodeAt(j) === 58 /* : */) keys++;
    } else if (c === 123 || c === 91) {
      if (++depth > MAX_DEPTH) return { deepAt: i, specials, keys };
    } else if (c === 125 || c === 93) depth--;
    else if (c === 78 /* N */ || c === 73 /* I */ || c === 45 /* - */) {
      const token = ['NaN', 'Infinity', '-Infinity'].find((t) => text.startsWith(t, i) && !/\w/.test(text[i + t.length] ?? ''));
      if (token && !/\w/.test(text[i - 1] ?? '')) {
        specials.push({ offset: i, token });
        i += token.length - 1;
      }
    }
  }
  return { deepAt: -1, specials, keys };
}

/** The number of keys in all objects of a parsed value. */
function countKeys(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countKeys(x), 0);
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  for (const k in v) n += 1 + countKeys((v as Record<string, unknown>)[k]);
  return n;
}

/** Targeted lookups before building the whole tree is cheaper. */
const LOCATE_LIMIT = 8;

const TREE_OPTIONS = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

export function parseDocument(input: string): ParsedDocument {
  // A BOM is not part of JSON; blank it out so offsets still match the text.
  const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
  const { deepAt: deep, specials, keys } = scan(text);
  if (deep >= 0) {
    const message = `Nesting deeper than ${MAX_DEPTH} levels: this file is not checked further`;
    return { root: undefined, value: undefined, syntaxErrors: 1, diagnostics: [{ severity: 'error', code: 'too-deep', offset: deep, length: 1, pointer: '', message }] };
  }
  // The fast path: strict JSON with no repeated keys needs no tree until someone asks for an offset.
  // Native JSON.parse is an order of magnitude faster than building the tolerant tree.
  if (!specials.length) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value !== undefined && countKeys(value) === keys) {
      let tree: Node | undefined | null = null;
      const located = new Map<string, Node | undefined>();
      return {
        value, syntaxErrors: 0, diagnostics: [],
        get root() { return tree === null ? (tree = parseTree(text, [], TREE_OPTIONS)) : tree; },
        nodeAt(pointer) {
          // A few problems: scan to each. Many, or one at the top: the whole tree pays off.
          if (tree !== null || pointer === '' || (located.size >= LOCATE_LIMIT && !located.has(pointer))) return nodeAtPointer(this.root, pointer);
          if (!located.has(pointer)) located.set(pointer, locateNode(text, pointer));
          return located.get(pointer);
        },
      };
    }
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
