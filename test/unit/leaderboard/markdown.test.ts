import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRows, escapeCell, toCsv, toMarkdown, applyQuery, tableToRecords } from '../../../src/core/leaderboard';
import { models, results, result, ROOT } from './sample';
import { assertGolden } from './golden';

const data = buildRows({ models, results, root: ROOT });
const USERS_COLUMNS = ['rank', 'dataset', 'model', 'training_date', 'accuracy', 'precision', 'recall', 'f1_score'];

test('the users\' example table shape: | Rank | Dataset | Model | Training Date | Accuracy | Precision | Recall | F1 Score |', () => {
  const md = toMarkdown(data, { columns: USERS_COLUMNS });
  assert.equal(md.split('\n')[0]!.replace(/ +/g, ' '), '| Rank | Dataset | Model | Training Date | Accuracy | Precision | Recall | F1 Score |');
  assert.match(md.split('\n')[1]!, /^\| -+: \| :-+ \| :-+ \| :-+ \| -+: \| -+: \| -+: \| -+: \|$/, 'numbers right, text left');
  assertGolden('users-example.md', md + '\n');
});

test('all columns, two digits, one dataset sorted by F1', () => {
  assertGolden('cifar-by-f1.md', toMarkdown(data, { dataset: 'CIFAR-10', sort: [{ column: 'f1_score', direction: 'desc' }], digits: 2 }) + '\n');
});

test('digits setting', () => {
  const cell = (digits: number) => toMarkdown(data, { columns: ['accuracy'], digits, limit: 1 }).split('\n')[2]!.replace(/ +/g, ' ');
  assert.equal(cell(0), '| 1 |');
  assert.equal(cell(4), '| 0.9400 |');
});

test('pipes, newlines and markup in names are escaped so the table never breaks', () => {
  const evil = buildRows({
    models: [],
    results: [
      result('a.json', ['a|b\nc', '1'], 'D', { acc: 0.5 }),
      result('b.json', ['<img src=x onerror=alert(1)>', '1'], 'D', { acc: 0.4 }),
      result('c.json', ['[x](javascript:alert(1)) `code` *em* _under_ snake_case \\|', '1'], 'D', { acc: 0.3 }),
    ],
  });
  const md = toMarkdown(evil, { columns: ['model', 'acc'] });
  const lines = md.split('\n');
  assert.equal(lines.length, 5);
  for (const line of lines) assert.equal(line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1, 3, line);
  assertGolden('escaping.md', md + '\n');
  assert.equal(escapeCell('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert(1)\\>');
  assert.equal(escapeCell('snake_case _x_'), 'snake_case \\_x\\_');
});

test('CSV has the shown columns, full precision, and neutralised formulas', () => {
  const weird = buildRows({ models: [], results: [result('a.json', ['=HYPERLINK("x")', '1'], 'D,"q"', { acc: 0.123456789 })] });
  assert.equal(toCsv(weird, { columns: ['dataset', 'model', 'acc'] }), 'Dataset,Model,Acc\n"D,""q""","\'=HYPERLINK(""x"")",0.123456789\n');
  assertGolden('users-example.csv', toCsv(data, { columns: USERS_COLUMNS }));
});

test('records keep raw values by column id', () => {
  const r = tableToRecords(applyQuery(data, { columns: ['rank', 'model', 'loss'], dataset: 'CIFAR-10', rankBy: 'loss' }));
  assert.deepEqual(r, [{ rank: 1, model: 'EfficientNet', loss: 0.21 }, { rank: 2, model: 'MobileNet', loss: 0.35 }, { rank: null, model: 'ResNet-50', loss: null }]);
});
