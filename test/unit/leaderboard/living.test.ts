import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributesToQuery, buildRows, findBlocks, refreshBlocks } from '../../../src/core/leaderboard';
import { parseAttributes } from '../../../src/core/leaderboard/living';
import { models, results, ROOT } from './sample';
import { assertGolden, FIXTURES } from './golden';

const data = buildRows({ models, results, root: ROOT });

test('a README with stale blocks is refreshed in place; the rest of the text is untouched', () => {
  const before = readFileSync(join(FIXTURES, 'readme.before.md'), 'utf8');
  const { text, blocks } = refreshBlocks(before, data);
  assert.deepEqual(blocks.map((b) => [b.line, b.changed, b.error]), [[5, true, undefined], [9, true, undefined], [21, false, 'line 21: unknown column \'nope\'']]);
  assertGolden('readme.after.md', text);
  assert.ok(text.includes('```markdown\n<!-- modelops:leaderboard dataset="in a fence" -->\n<!-- /modelops:leaderboard -->\n```'), 'fenced example untouched');
  const again = refreshBlocks(text, data);
  assert.equal(again.text, text, 'refreshing twice changes nothing');
  assert.ok(again.blocks.every((b) => !b.changed));
});

test('CRLF files keep CRLF', () => {
  const text = '# T\r\n<!-- modelops:leaderboard dataset="CIFAR-10" columns="model,accuracy" -->\r\n<!-- /modelops:leaderboard -->\r\n';
  const out = refreshBlocks(text, data).text;
  assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
  assert.match(out, /\| Model +\| Accuracy \|\r\n/);
});

test('attributes become a Query', () => {
  assert.deepEqual(attributesToQuery(parseAttributes(' dataset="X Y" sort="f1_score:desc, model" columns=\'rank,model\' filter="accuracy>0.9; model~llama; accuracy<1" rank=loss:asc per-dataset=false digits=2 limit=10 ')), {
    dataset: 'X Y', sort: [{ column: 'f1_score', direction: 'desc' }, { column: 'model', direction: 'asc' }], columns: ['rank', 'model'],
    filters: { accuracy: '>0.9 & <1', model: 'llama' }, rankBy: 'loss', rankDirection: 'asc', rankPerDataset: false, digits: 2, limit: 10,
  });
  assert.throws(() => parseAttributes('colour="red"'), /unknown attribute 'colour'/);
  assert.throws(() => parseAttributes('dataset="x" junk'), /cannot read attributes at 'junk'/);
  assert.throws(() => attributesToQuery({ digits: 'two' }), /digits must be a whole number/);
});

test('an unclosed block is reported and nothing is changed', () => {
  const text = 'a\n<!-- modelops:leaderboard -->\n| old |\n<!-- modelops:leaderboard dataset="CIFAR-10" -->\nx\n<!-- /modelops:leaderboard -->\n';
  const blocks = findBlocks(text);
  assert.equal(blocks[0]!.error, 'line 2: no <!-- /modelops:leaderboard --> closes this block');
  const out = refreshBlocks(text, data);
  assert.ok(out.text.startsWith('a\n<!-- modelops:leaderboard -->\n| old |\n<!-- modelops:leaderboard dataset="CIFAR-10" -->\n| Rank'));
  assert.deepEqual(out.blocks.map((b) => b.changed), [false, true]);
});
