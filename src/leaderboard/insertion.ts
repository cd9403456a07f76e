// How a markdown table goes in at a cursor: in a markdown file, a notebook markdown cell or a
// Python docstring alike. The table starts on its own line after a blank one (else markdown reads
// it as paragraph text), text after the cursor moves below it, and inside an indented docstring
// every line keeps the cursor line's indentation. Pure (no 'vscode').

export interface CursorContext {
  /** The cursor line's text before the cursor (or before the selection's start). */
  before: string;
  /** The line's text after the cursor (or after the selection's end). */
  after: string;
  /** The document's line ending. */
  eol: '\n' | '\r\n';
  /** The previous line's text; undefined on the first line. */
  previousLine?: string;
}

export function insertionText(table: string, c: CursorContext): string {
  const indent = /^[ \t]*/.exec(c.before)![0];
  const body = table.replace(/\r\n/g, '\n').split('\n').join(c.eol + indent);
  let head = '';
  if (c.before.trim() !== '') head = c.eol + c.eol + indent; // end the line, leave a blank one
  else if (c.previousLine !== undefined && c.previousLine.trim() !== '') head = c.eol + indent; // this empty line is the blank one
  const tail = c.after.trim() === '' ? c.eol : c.eol + c.eol + indent;
  return head + body + tail;
}
