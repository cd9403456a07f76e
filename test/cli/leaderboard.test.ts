import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { modelops, REPO } from '../support/cli';
import { copyInto, workspace, write } from '../support/tmp';

const USERS = join(REPO, '..', 'shared', 'user-examples');

/** A registry shaped like the users' files: model cards with their own metrics, and results files. */
function registry(): string {
  const root = workspace();
  const model = (name: string, version: string, date: string, metrics: Record<string, number>) => write(root, `models/${name}.model.json`, {
    model_name: name, model_version: version, model_training_date: date,
    test_dataset: { name: 'iris-test', version: '1.0', metadata_reference: '../datasets/iris-test.dataset.json' },
    model_performance_metrics: metrics,
  });
  model('logreg', '1.0', '2024-03-01', { accuracy: 0.93, precision: 0.94, recall: 0.93, f1_score: 0.935 });
  model('tiny|mlp', '0.2', '2024-04-02', { accuracy: 0.9, precision: 0.91, recall: 0.9, f1_score: 0.9 });
  write(root, 'results/logreg.iris-test.results.json', {
    model: { name: 'logreg', version: '1.0' }, dataset: { name: 'iris-test', version: '1.0' },
    metrics: { accuracy: 0.96, precision: 0.96, recall: 0.95, f1_score: 0.955, loss: 0.12 }, source: 'onnx-eval',
  });
  write(root, 'results/mlp.news.results.json', { model: { name: 'tiny|mlp', version: '0.2' }, dataset: { name: 'news', version: '2' }, metrics: { loss: 0.8 } });
  return root;
}

test('markdown by default; --dataset, --sort, --filter, --columns, --digits shape the table', () => {
  const root = registry();
  const r = modelops(['leaderboard', '--dataset', 'iris-test', '--columns', 'rank,dataset,model,training_date,accuracy,precision,recall,f1_score', '--digits', '2'], root);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, [
    '| Rank | Dataset   | Model     | Training Date | Accuracy | Precision | Recall | F1 Score |',
    '| ---: | :-------- | :-------- | :------------ | -------: | --------: | -----: | -------: |',
    '|    1 | iris-test | logreg    | 2024-03-01    |     0.96 |      0.96 |   0.95 |     0.95 |',
    '|    2 | iris-test | tiny\\|mlp | 2024-04-02    |     0.90 |      0.91 |   0.90 |     0.90 |',
    '',
  ].join('\n'));
  const sorted = modelops(['leaderboard', '--sort', 'loss:asc', '--filter', 'loss<1', '--columns', 'model,dataset,loss,source'], root);
  assert.deepEqual(sorted.stdout.trim().split('\n').slice(2).map((l) => l.replace(/ +/g, ' ')), [
    '| logreg | iris-test | 0.120 | onnx-eval |',
    '| tiny\\|mlp | news | 0.800 | results/mlp.news.results.json |',
  ]);
});

test('csv and json formats', () => {
  const root = registry();
  const csv = modelops(['leaderboard', '--format', 'csv', '--columns', 'model,f1_score', '--sort', 'f1_score:desc'], root);
  assert.equal(csv.stdout, 'Model,F1 Score\nlogreg,0.955\ntiny|mlp,0.9\ntiny|mlp,\n');
  const json = JSON.parse(modelops(['leaderboard', '--format', 'json', '--dataset', 'news'], root).stdout);
  assert.deepEqual(json.rows, [{ rank: 1, dataset: 'news', model: 'tiny|mlp', version: '0.2', training_date: '2024-04-02', accuracy: null, precision: null, recall: null, f1_score: null, loss: 0.8, source: 'results/mlp.news.results.json' }]);
});

test('bad options: exit 2 with a clear message', () => {
  const root = registry();
  for (const [args, message] of [
    [['--columns', 'model,nope'], "unknown column 'nope'"],
    [['--filter', 'accuracy>high'], "'high' is not a number"],
    [['--filter', 'nonsense'], 'is not a filter'],
    [['--format', 'xml'], "unknown format 'xml'"],
    [['--digits', '11'], '--digits takes a whole number from 0 to 10'],
    [['--check'], '--check goes with --update'],
    [['--update'], '--update needs one or more markdown files'],
    [['--update', 'README.md', '--sort', 'model'], '--sort does not go with --update'],
  ] as const) {
    const r = modelops(['leaderboard', ...args], root);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(r.stderr.includes(message), `${args.join(' ')}: ${r.stderr}`);
    assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  }
});

test('--update refreshes blocks in place; --check exits 1 when stale and 0 when current', () => {
  const root = registry();
  const readme = write(root, 'README.md', [
    '# Iris', '', '<!-- modelops:leaderboard dataset="iris-test" columns="rank,model,f1_score" -->', '| stale |',
    '<!-- /modelops:leaderboard -->', '', 'Text after.', '',
  ].join('\n'));
  writeFileSync(join(root, 'modelops.config.json'), '{}\n');
  const check = modelops(['leaderboard', '--update', 'README.md', '--check'], root);
  assert.equal(check.code, 1);
  assert.equal(check.stdout, 'README.md:3: leaderboard table is out of date\n');
  assert.match(check.stderr, /1 leaderboard table is out of date; run: modelops leaderboard --update README.md/);
  assert.match(readFileSync(readme, 'utf8'), /\| stale \|/, '--check writes nothing');
  const mode = statSync(readme).mode;
  const upd = modelops(['leaderboard', '--update', 'README.md'], root);
  assert.equal(upd.code, 0, upd.stderr);
  assert.equal(upd.stdout, 'README.md:3: updated\n');
  assert.equal(readFileSync(readme, 'utf8'), [
    '# Iris', '', '<!-- modelops:leaderboard dataset="iris-test" columns="rank,model,f1_score" -->',
    '| Rank | Model     | F1 Score |', '| ---: | :-------- | -------: |', '|    1 | logreg    |    0.955 |', '|    2 | tiny\\|mlp |    0.900 |',
    '<!-- /modelops:leaderboard -->', '', 'Text after.', '',
  ].join('\n'));
  assert.equal(statSync(readme).mode, mode);
  assert.equal(modelops(['leaderboard', '--update', 'README.md', '--check'], root).code, 0);
  // Results change: the table is stale again.
  write(root, 'results/mlp.iris-test.results.json', { model: { name: 'tiny|mlp', version: '0.2' }, dataset: { name: 'iris-test', version: '1.0' }, metrics: { f1_score: 0.97 } });
  assert.equal(modelops(['leaderboard', '--update', 'README.md', '--check'], root).code, 1);
});

test('a broken block is reported with its line and exit 2; a missing file is an I/O error', () => {
  const root = registry();
  write(root, 'doc.md', 'x\n<!-- modelops:leaderboard colour="red" -->\n<!-- /modelops:leaderboard -->\n');
  const r = modelops(['leaderboard', '--update', 'doc.md'], root);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^doc\.md:2: unknown attribute 'colour'/m);
  const missing = modelops(['leaderboard', '--update', 'nope.md'], root);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.md: no such file/);
});

test("the users' example model card gives a row in their table shape", () => {
  const root = workspace();
  copyInto(root, join(USERS, 'model_metadata.json'), 'model_metadata/model_metadata.json');
  const r = modelops(['leaderboard', '--columns', 'Rank,Dataset,Model,Training Date,Accuracy,Precision,Recall,F1 Score'], root);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => l.replace(/ +/g, ' '));
  assert.equal(lines.length, 3);
  assert.equal(lines[0], '| Rank | Dataset | Model | Training Date | Accuracy | Precision | Recall | F1 Score |');
  assert.equal(lines[2], '| 1 | Example Test Dataset | Example Model | 2023-04-27 | 0.950 | 0.960 | 0.940 | 0.950 |');
});
