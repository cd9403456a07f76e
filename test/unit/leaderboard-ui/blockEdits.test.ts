import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRows, refreshBlocks } from '../../../src/core/leaderboard';
import { applyOffsetEdits, blockEdits, blockStarts } from '../../../src/leaderboard/blockEdits';
import { models, results, ROOT } from '../leaderboard/sample';

const data = buildRows({ models, results, root: ROOT });
const dataset = data.rows[0]!.dataset;
const open = `<!-- modelops:leaderboard dataset="${dataset}" columns="rank,model" -->`;
const CLOSE = '<!-- /modelops:leaderboard -->';

const doc = [
  '# Results', '', 'Some text the user is editing.', '',
  open, '| stale |', CLOSE, '',
  '```markdown', '<!-- modelops:leaderboard dataset="example" -->', CLOSE, '```', '',
  '<!-- modelops:leaderboard columns="nope" -->', CLOSE, '',
  `<!-- modelops:leaderboard dataset="${dataset}" columns="model" -->`, CLOSE, 'tail',
].join('\n');

test('edits touch only the stale blocks\' spans and give the CLI\'s text', () => {
  const { edits, blocks } = blockEdits(doc, data);
  assert.deepEqual(blocks.map((b) => [b.line, b.changed, !!b.error]), [[5, true, false], [14, false, true], [17, true, false]]);
  assert.equal(edits.length, 2);
  for (const e of edits) assert.ok(doc.slice(e.start, e.end).startsWith('<!-- modelops:leaderboard') && doc.slice(e.start, e.end).endsWith(CLOSE));
  assert.equal(applyOffsetEdits(doc, edits), refreshBlocks(doc, data).text, 'same result as modelops leaderboard --update');
  assert.match(blocks[1]!.error!, /^line 14: unknown column 'nope'/);
});

test('a fresh document needs no edits', () => {
  const fresh = refreshBlocks(doc, data).text;
  const { edits, blocks } = blockEdits(fresh, data);
  assert.deepEqual(edits, []);
  assert.deepEqual(blocks.filter((b) => !b.error).map((b) => b.changed), [false, false]);
});

test('one block by its start offset (the CodeLens): only that block changes', () => {
  const starts = blockStarts(doc);
  assert.deepEqual(starts.map((s) => s.line), [5, 14, 17]);
  const last = starts[2]!.start;
  const { edits, blocks } = blockEdits(doc, data, last);
  assert.equal(blocks.length, 1);
  assert.equal(edits.length, 1);
  const out = applyOffsetEdits(doc, edits);
  assert.ok(out.includes(`${open}\n| stale |\n${CLOSE}`), 'the first block is untouched');
  assert.ok(out.endsWith(`${CLOSE}\ntail`));
  assert.deepEqual(blockEdits(doc, data, last + 1).blocks, [], 'a moved block is not guessed at');
});

test('CRLF documents get CRLF tables', () => {
  const crlf = doc.replace(/\n/g, '\r\n');
  const out = applyOffsetEdits(crlf, blockEdits(crlf, data).edits);
  assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  assert.equal(out, refreshBlocks(crlf, data).text);
});

test('an unclosed block is reported with its line and left alone', () => {
  const text = `a\n${open}\n| x |\n`;
  const { edits, blocks } = blockEdits(text, data);
  assert.deepEqual(edits, []);
  assert.match(blocks[0]!.error!, /^line 2: no <!-- \/modelops:leaderboard --> closes/);
});
