import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { buildRows, toMarkdown } from '../../../src/core/leaderboard';
import { WorkspaceIndex } from '../../../src/core/registry/workspaceIndex';
import { datasetChoices, metricChoices, paletteQuery } from '../../../src/leaderboard/paletteQuery';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

test('palette: datasets, their metrics, and a table of only the columns with values (examples/)', async () => {
  const index = await WorkspaceIndex.load(EXAMPLES);
  const data = buildRows({ models: index.models(), results: index.results(), root: index.root });
  const datasets = datasetChoices(data);
  assert.equal(datasets[0]!.value, '');
  assert.ok(datasets.some((d) => d.value === 'news-topics' && d.description === '3 results'), JSON.stringify(datasets));

  const metrics = metricChoices(data, 'news-topics');
  assert.deepEqual(metrics.map((m) => m.value), ['', 'accuracy', 'precision', 'recall', 'f1_score']);
  assert.match(metricChoices(data, 'code-corpus').find((m) => m.value === 'loss')!.description!, /^lower is better/);

  const q = paletteQuery(data, 'news-topics', 'f1_score', 2);
  assert.deepEqual(q.columns, ['rank', 'dataset', 'split', 'model', 'version', 'training_date', 'accuracy', 'precision', 'recall', 'f1_score', 'source']);
  const md = toMarkdown(data, q).split('\n');
  assert.match(md[0]!, /^\| Rank \| Dataset +\| Split \| Model +\| Version \| Training Date \| Accuracy \| Precision \| Recall \| F1 Score \| Source \|$/);
  assert.deepEqual(md.slice(2).map((l) => l.split('|')[4]!.trim()), ['news-topic-bert', 'news-topic-distil', 'news-topic-tfidf']);
  assert.match(md[2]!, /^\|    1 \| news-topics .*\| +0\.94 \| manual \|$/);
});
