import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insertionText } from '../../../src/leaderboard/insertion';

const TABLE = '| Rank | Model |\n| ---: | :---- |\n|    1 | a     |';

/** Insert at `|` in the text (the cursor), as the editor would. */
function insertAt(text: string, eol: '\n' | '\r\n' = '\n'): string {
  const at = text.indexOf('¦');
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  const prevStart = lineStart === 0 ? -1 : text.lastIndexOf('\n', lineStart - 2) + 1;
  const previousLine = prevStart < 0 ? undefined : text.slice(prevStart, lineStart - 1).replace(/\r$/, '');
  const ins = insertionText(TABLE, { before: text.slice(lineStart, at), after: text.slice(at + 1, lineEnd).replace(/\r$/, ''), eol, previousLine });
  return text.slice(0, at) + ins + text.slice(at + 1);
}

test('markdown: an empty line after a blank one takes the table as is', () => {
  assert.equal(insertAt('# T\n\n¦\n## Next\n'), `# T\n\n${TABLE}\n\n## Next\n`);
});

test('markdown: right after a paragraph line, a blank line comes first', () => {
  assert.equal(insertAt('Intro\n¦\n'), `Intro\n\n${TABLE}\n\n`);
});

test('cursor at the end of a line of text: the table goes below, after a blank line', () => {
  assert.equal(insertAt('Results:¦\nmore'), `Results:\n\n${TABLE}\n\nmore`);
});

test('text after the cursor moves below the table', () => {
  assert.equal(insertAt('before ¦after'), `before \n\n${TABLE}\n\nafter`);
});

test('a Python docstring: every line keeps the indentation', () => {
  const py = 'def f():\n    """Scores.\n\n    ¦\n    """\n';
  assert.equal(insertAt(py), 'def f():\n    """Scores.\n\n    | Rank | Model |\n    | ---: | :---- |\n    |    1 | a     |\n\n    """\n');
});

test('a notebook markdown cell (one line, nothing else) and the first line of a file', () => {
  assert.equal(insertAt('¦'), `${TABLE}\n`);
});

test('CRLF documents get CRLF', () => {
  const out = insertAt('a\r\n\r\n¦\r\nb', '\r\n');
  assert.equal(out, `a\r\n\r\n${TABLE.replace(/\n/g, '\r\n')}\r\n\r\nb`);
});
