// The registry views on examples/: labels, grouping, children, lineage both ways, decorations.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { before, describe, test } from 'node:test';
import type { RegistryResult } from '../../../src/core/protocol';
import { lineageLayout } from '../../../src/core/registryViews/lineage';
import { problemDecoration, statusSummary } from '../../../src/core/registryViews/status';
import { RegistryTree, type ViewNode } from '../../../src/core/registryViews/tree';
import { descend, EXAMPLES, labels, registryOf } from './registry';

const json = (rel: string) => parse(readFileSync(join(EXAMPLES, rel), 'utf8'));
const inFolder = (dir: string) => readdirSync(join(EXAMPLES, dir)).map((n) => `${dir}/${n}`);
// examples/ has the users' own two files too (user-examples/, one of them with a syntax error).
const MODEL_FILES = [...inFolder('models'), ...inFolder('user-examples/model_metadata')];
const DATASET_FILES = [...inFolder('datasets'), ...inFolder('user-examples/dataset_metadata')];
const exampleModels = MODEL_FILES.map(json);

describe('registry views on examples/', () => {
  let reg: RegistryResult;
  before(async () => {
    reg = await registryOf(EXAMPLES);
  });

  const find = (nodes: ViewNode[], label: string) => {
    const n = nodes.find((x) => x.label === label);
    assert.ok(n, `"${label}" among: ${labels(nodes).join(', ')}`);
    return n;
  };

  test('the server sees every example file', () => {
    assert.deepEqual(reg.models.map((f) => f.rel).sort(), MODEL_FILES.sort());
    assert.deepEqual(reg.datasets.map((f) => f.rel).sort(), DATASET_FILES.sort());
    assert.equal(reg.results.length, readdirSync(join(EXAMPLES, 'results')).length);
  });

  test('Models by architecture: one group per architecture, each model once, version and date in the description', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('models');
    const archs = [...new Set(exampleModels.map((m) => m.model_architecture as string))].sort();
    assert.deepEqual([...labels(roots)].sort(), archs);
    assert.ok(roots.every((g) => g.type === 'group' && g.expandable));
    const logreg = find(roots, 'Multinomial logistic regression (softmax)');
    assert.equal(logreg.description, '2');
    const members = await tree.children(logreg);
    assert.deepEqual(labels(members), ['broken-reference', 'iris-logreg']);
    const all = (await Promise.all(roots.map((g) => tree.children(g)))).flat();
    assert.deepEqual(labels(all).sort(), exampleModels.map((m) => m.model_name).sort());
    const bert = find(all, 'news-topic-bert');
    assert.equal(bert.description, 'v1.2.0 · 2024-05-06');
    assert.equal(bert.contextValue, 'modelops.model');
    assert.equal(bert.icon, 'symbol-class');
    assert.ok(bert.uri?.endsWith('/models/news-topic-bert.model.json'));
  });

  test('a model\'s children: its train/validation/test datasets with roles, its results, its artifacts with sizes', async () => {
    const tree = new RegistryTree(reg, { modelGrouping: 'flat' });
    const bert = find(tree.roots('models'), 'news-topic-bert');
    const kids = await tree.children(bert);
    assert.deepEqual(kids.map((k) => [k.type, k.label, k.description]), [
      ['dataset', 'news-topics', 'training · v1.0 · 2024-04-20'],
      ['dataset', 'news-topics', 'validation · v1.0 · 2024-04-20'],
      ['dataset', 'news-topics', 'test · v1.0 · 2024-04-20'],
      ['group', 'Results', '1'],
    ]);
    assert.equal(new Set(kids.map((k) => k.id)).size, kids.length, 'ids are unique');
    const results = await tree.children(kids[3]);
    assert.equal(results.length, 1);
    assert.equal(results[0].label, 'news-topic-bert on news-topics (topic classification · test)');
    assert.match(results[0].description!, /^f1_score 0\.9413 · 2024-05-07$/);

    const logreg = find(tree.roots('models'), 'iris-logreg');
    const artifacts = find(await tree.children(logreg), 'Artifacts');
    const [onnx] = await tree.children(artifacts);
    assert.equal(onnx.label, 'iris-logreg.onnx');
    const size = readFileSync(join(EXAMPLES, 'artifacts', 'iris-logreg.onnx')).length;
    assert.equal(onnx.description, `${size} B · onnx`);
    assert.equal(onnx.contextValue, 'modelops.artifact');
    assert.equal(onnx.ownerUri, logreg.uri);
  });

  test('the broken example: a red mark on the model, the missing dataset shown as missing', async () => {
    const tree = new RegistryTree(reg, { modelGrouping: 'flat' });
    const broken = find(tree.roots('models'), 'broken-reference');
    assert.ok(broken.problems && broken.problems.errors > 0, JSON.stringify(broken.problems));
    assert.equal(broken.contextValue, 'modelops.model.problems');
    const deco = problemDecoration(broken.problems);
    assert.equal(deco?.color, 'list.errorForeground');
    assert.equal(deco?.badge, String(broken.problems.errors));
    assert.match(broken.tooltip!, /\$\(warning\) \d+ errors?: see the Problems panel/);
    const kids = await tree.children(broken);
    const missing = kids.find((k) => k.type === 'missing');
    assert.ok(missing, labels(kids).join(', '));
    assert.equal(missing.label, 'iris-train');
    assert.equal(missing.description, 'training · v2.0 · not in the registry');
    // Healthy models carry no mark; the architecture group sums its members' problems.
    assert.equal(find(tree.roots('models'), 'iris-logreg').problems, undefined);
    const byArch = new RegistryTree(reg).roots('models');
    assert.equal(find(byArch, 'Multinomial logistic regression (softmax)').problems?.errors, broken.problems.errors);
    assert.equal(problemDecoration(undefined), undefined);
  });

  test('Models by training dataset and flat', async () => {
    const byData = new RegistryTree(reg, { modelGrouping: 'trainingDataset' }).roots('models');
    assert.deepEqual(labels(byData), ['code-corpus 1.0', 'Example Training Dataset 1.0', 'iris-train 1.0', 'iris-train 2.0', 'news-topics 1.0', 'pretraining-mix 1.0']);
    const tree = new RegistryTree(reg, { modelGrouping: 'trainingDataset' });
    assert.deepEqual(labels(await tree.children(find(tree.roots('models'), 'news-topics 1.0'))), ['news-topic-bert', 'news-topic-distil', 'news-topic-tfidf']);
    const flat = new RegistryTree(reg, { modelGrouping: 'flat' }).roots('models');
    assert.deepEqual(labels(flat), exampleModels.map((m) => m.model_name as string).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  test('Datasets by taxonomy, in the taxonomy\'s order, with its descriptions; a dataset under each of its paths', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('datasets');
    assert.deepEqual(labels(roots), ['web', 'reference', 'code', 'specific_datasets', 'Unclassified']);
    // The users' example dataset has no taxonomy (and a syntax error): it is listed, by its name.
    assert.deepEqual(labels(await tree.children(find(roots, 'Unclassified'))), [json('user-examples/dataset_metadata/dataset_metadata.json').name]);
    assert.ok(roots.slice(0, 4).every((r) => r.expanded));
    const web = find(roots, 'web');
    assert.match(web.tooltip!, /Text crawled from the web/);
    const news = find(await tree.children(web), 'news');
    assert.deepEqual(labels(await tree.children(news)), ['news-articles', 'news-topics', 'pretraining-mix']);
    const code = await tree.children(find(roots, 'code'));
    assert.deepEqual(labels(code), ['source_code', 'documentation']);
    const specific = await tree.children(find(roots, 'specific_datasets'));
    assert.deepEqual(labels(specific), ['botany', 'science_qa']);
    assert.equal(find(specific, 'botany').description, '4');
    // pretraining-mix sits under four paths; every tree id stays unique.
    const everything = await descend(tree, roots, 3);
    const placed = everything.filter((n) => n.type === 'dataset' && /^datasets\/taxonomy:[^#]*\/file:[^#]*pretraining-mix\.dataset\.json$/.test(n.id));
    assert.deepEqual(placed.map((n) => n.id.split('/file:')[0]).sort(), ['code/documentation', 'code/source_code', 'reference/encyclopedic', 'web/news'].map((p) => `datasets/taxonomy:${p}`));
    assert.equal(new Set(everything.map((n) => n.id)).size, everything.length);
  });

  test('lineage is walkable both ways: parents, derived datasets, models, results', async () => {
    const tree = new RegistryTree(reg);
    const botany = find(await tree.children(find(tree.roots('datasets'), 'specific_datasets')), 'botany');
    const iris = find(await tree.children(botany), 'iris');
    const irisKids = await tree.children(iris);
    assert.deepEqual(irisKids.map((k) => [k.label, k.description]), [['iris-clean', `derived · v1.0${irisClean(reg)}`]]);
    const clean = irisKids[0];
    const cleanKids = await tree.children(clean);
    assert.deepEqual(cleanKids.map((k) => `${k.type}:${k.label}:${k.description?.split(' · ')[0]}`), ['dataset:iris:parent', 'dataset:iris-test:derived', 'dataset:iris-train:derived']);
    // Walking back up to iris: it is already above, so it does not expand again.
    assert.equal(cleanKids[0].expandable, false);
    const train = cleanKids[2];
    const trainKids = await tree.children(train);
    assert.deepEqual(trainKids.map((k) => `${k.type}:${k.label}:${k.description?.split(' · ')[0]}`), ['dataset:iris-clean:parent', 'model:iris-logreg:training', 'model:iris-tiny:training']);
    // And from the model down to its results.
    const news = find(await tree.children(find(tree.roots('datasets'), 'web')), 'news');
    const topics = find(await tree.children(news), 'news-topics');
    const topicKids = await tree.children(topics);
    assert.deepEqual(topicKids.map((k) => `${k.type}:${k.label}`), [
      'dataset:news-articles', 'model:news-topic-bert', 'model:news-topic-distil', 'model:news-topic-tfidf', 'group:Results',
    ]);
    assert.equal(find(topicKids, 'news-topic-bert').description, 'training, validation, test · v1.2.0 · 2024-05-06');
  });

  test('Results by dataset, then model, with the primary metric', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('results');
    assert.deepEqual(labels(roots), ['arc-easy', 'code-corpus', 'news-articles', 'news-topics']);
    const topics = find(roots, 'news-topics');
    assert.equal(topics.description, 'v1.0 · 3 results');
    const models = await tree.children(topics);
    assert.deepEqual(labels(models), ['news-topic-bert', 'news-topic-distil', 'news-topic-tfidf']);
    const bertResult = json('results/news-topic-bert.news-topics.results.json');
    assert.equal(models[0].description, `v1.2.0 · f1_score ${bertResult.metrics.f1_score}`);
    const [leaf] = await tree.children(models[0]);
    assert.equal(leaf.type, 'results');
    assert.equal(leaf.label, 'topic classification · test');
    assert.equal(leaf.contextValue, 'modelops.results');
  });

  test('Filter: by name, version, file or architecture, case-insensitive', () => {
    assert.deepEqual(labels(new RegistryTree(reg, { filter: 'BERT', modelGrouping: 'flat' }).roots('models')), ['news-topic-bert', 'news-topic-distil']);
    assert.deepEqual(labels(new RegistryTree(reg, { filter: 'decoder', modelGrouping: 'flat' }).roots('models')), ['code-completer', 'news-gpt-small']);
    assert.deepEqual(labels(new RegistryTree(reg, { filter: 'iris' }).roots('datasets')), ['specific_datasets']);
    assert.deepEqual(labels(new RegistryTree(reg, { filter: 'nothing-like-this' }).roots('results')), []);
  });

  test('tooltips: description, authors, license, metrics', () => {
    const bert = new RegistryTree(reg, { modelGrouping: 'flat' }).roots('models').find((n) => n.label === 'news-topic-bert')!;
    const tip = bert.tooltip!;
    assert.match(tip, /^### news\\-topic\\-bert 1\\\.2\\\.0/);
    assert.match(tip, /Classifies news articles into four topics\\\./);
    assert.match(tip, /\*\*Authors:\*\* A\\\. Rivera, M\\\. Chen/);
    assert.match(tip, /\*\*License:\*\* Apache\\-2\\\.0/);
    assert.match(tip, /\| f1\\_score \| 0\.941 \|/);
  });

  test('lineage picture: datasets, then derived datasets, then models, then results, left to right', () => {
    const layout = lineageLayout(reg);
    const at = (label: string, kind = 'dataset') => {
      const n = layout.nodes.find((x) => x.label === label && x.kind === kind);
      assert.ok(n, `${kind} ${label} in the picture`);
      return n;
    };
    assert.ok(at('iris').layer < at('iris-clean').layer && at('iris-clean').layer < at('iris-train').layer);
    const maxDataset = Math.max(...layout.nodes.filter((n) => n.kind === 'dataset').map((n) => n.layer));
    const models = layout.nodes.filter((n) => n.kind === 'model');
    const results = layout.nodes.filter((n) => n.kind === 'results');
    assert.ok(models.every((m) => m.layer > maxDataset));
    assert.ok(results.every((r) => r.layer > Math.max(...models.map((m) => m.layer))));
    assert.equal(results.length, reg.results.length);
    const edge = (a: string, b: string) => layout.edges.some((e) => e.from === a && e.to === b);
    assert.ok(edge(at('news-articles').uri, at('news-topics').uri));
    assert.ok(edge(at('news-topics').uri, at('news-topic-bert', 'model').uri));
    assert.equal(layout.edges.find((e) => e.to === at('news-topic-bert', 'model').uri)?.label, 'training, validation, test');
    // No two nodes overlap; the picture holds them all.
    const boxes = layout.nodes.map((n) => `${n.x},${n.y}`);
    assert.equal(new Set(boxes).size, boxes.length);
    assert.ok(layout.nodes.every((n) => n.x + n.width <= layout.width && n.y + n.height <= layout.height));
  });

  test('lineage of one dataset: its ancestors and descendants only', () => {
    const clean = reg.datasets.find((d) => d.name === 'iris-clean')!;
    const layout = lineageLayout(reg, { focus: clean.uri });
    const of = (kind: string) => layout.nodes.filter((n) => n.kind === kind).map((n) => n.label).sort();
    assert.deepEqual(of('dataset'), ['iris', 'iris-clean', 'iris-test', 'iris-train']);
    // broken-reference tests on iris-test, so it is downstream too; news models are not.
    assert.deepEqual(of('model'), ['broken-reference', 'iris-logreg', 'iris-tiny']);
    assert.equal(layout.nodes.find((n) => n.uri === clean.uri)?.focus, true);
  });

  test('status bar: counts of models, datasets and files with errors', () => {
    const s = statusSummary(reg);
    const withErrors = [...reg.models, ...reg.datasets, ...reg.results].filter((f) => f.errors > 0).length;
    assert.ok(withErrors >= 1);
    assert.equal(s.text, `$(symbol-class) ${reg.models.length} $(database) ${reg.datasets.length} $(error) ${withErrors}`);
    assert.match(s.tooltip, new RegExp(`${withErrors} files? with errors`));
  });

  test('reveal: each file\'s shallowest node in its view, and the chain of parents up to a root', async () => {
    for (const grouping of ['architecture', 'trainingDataset', 'flat'] as const) {
      const tree = new RegistryTree(reg, { modelGrouping: grouping });
      for (const m of reg.models) {
        const node = await tree.find('models', m.uri);
        assert.ok(node && node.type === 'model' && node.uri === m.uri, `${m.rel} found (${grouping})`);
        const parent = tree.parent(node);
        if (grouping === 'flat') assert.equal(parent, undefined, 'a root');
        else assert.ok(parent && parent.type === 'group' && tree.roots('models').some((r) => r.id === parent.id), `${m.rel} under a top-level group (${grouping})`);
      }
    }
    const tree = new RegistryTree(reg);
    for (const [view, files] of [['datasets', reg.datasets], ['results', reg.results]] as const) {
      for (const f of files) {
        const node = await tree.find(view, f.uri);
        assert.ok(node && node.uri === f.uri && node.type !== 'group', `${f.rel} found in ${view}`);
        const chain: string[] = [];
        for (let p = tree.parent(node); p; p = tree.parent(p)) chain.push(p.id);
        const top = chain.length ? chain[chain.length - 1] : node.id;
        assert.ok(tree.roots(view).some((r) => r.id === top), `${f.rel}: its chain ends at a root of ${view}`);
      }
    }
    // A model file is not looked for in another kind's view, and a filtered-out file is not found.
    assert.equal(await tree.find('datasets', reg.models[0].uri), undefined);
    assert.equal(await new RegistryTree(reg, { filter: 'no such text' }).find('models', reg.models[0].uri), undefined);
  });
});

function irisClean(reg: RegistryResult): string {
  const f = reg.datasets.find((d) => d.name === 'iris-clean')!;
  const date = (f.data as { collection_date?: string }).collection_date;
  return date ? ` · ${date}` : '';
}
