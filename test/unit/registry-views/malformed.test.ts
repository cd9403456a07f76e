// Malformed input: files that do not parse, wrong types everywhere, lineage cycles, hostile text.
// The views list every file (by name, else by file name), never throw, and show text as text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RegistryFile, RegistryResult } from '../../../src/core/protocol';
import { lineageLayout } from '../../../src/core/registryViews/lineage';
import { isFromLineage } from '../../../src/core/registryViews/lineageMessages';
import { escapeMarkdown } from '../../../src/core/registryViews/tooltips';
import { RegistryTree, type ViewNode } from '../../../src/core/registryViews/tree';
import { makeRegistry, type Registry } from '../../server/registryFixture';
import { descend, labels, registryOf } from './registry';

const file = (rel: string, kind: RegistryFile['kind'], data: unknown, extra: Partial<RegistryFile> = {}): RegistryFile => ({
  uri: `file:///r/${rel}`, rel, kind, data, errors: 0, warnings: 0, references: [], referencedBy: [], ...extra,
});

describe('malformed files through the real server', () => {
  let r: Registry;
  let reg: RegistryResult;
  before(async () => {
    r = makeRegistry({ broken: true });
    reg = await registryOf(r.root);
  });
  after(() => r?.dispose());

  test('every file is listed, broken ones by their name or file name, with their problem counts', async () => {
    const flat = new RegistryTree(reg, { modelGrouping: 'flat' });
    const models = flat.roots('models');
    assert.deepEqual(labels(models), ['a', 'b', 'c', 'd', 'e', 'iris-classifier']);
    const errorsOf = (label: string) => models.find((m) => m.label === label)!.problems?.errors ?? 0;
    for (const broken of ['a', 'b', 'c', 'd', 'e']) assert.ok(errorsOf(broken) + (models.find((m) => m.label === broken)!.problems?.warnings ?? 0) > 0, broken);
    assert.equal(errorsOf('iris-classifier'), 0);
    const tree = new RegistryTree(reg);
    // noname.dataset.json has no name: listed by its file name; taxo's unknown path is a group of its own.
    const all = await descend(tree, tree.roots('datasets'), 3);
    assert.ok(all.some((n) => n.type === 'dataset' && n.label === 'noname'), labels(all).join(', '));
    const newz = all.find((n) => n.label === 'newz');
    assert.equal(newz?.icon, 'question');
    assert.match(newz!.tooltip!, /not in the taxonomy/);
    // A dangling reference shows as missing, not as an error of the view.
    const d = models.find((m) => m.label === 'd')!;
    const kids = await flat.children(d);
    assert.deepEqual(kids.map((k) => [k.type, k.label]), [['missing', 'news']]);
  });
});

describe('malformed data objects', () => {
  const weird: RegistryResult = {
    roots: [],
    models: [
      file('models/none.model.json', 'model', undefined, { errors: 1 }),
      file('models/array.model.json', 'model', [1, 2, 3], { errors: 1 }),
      file('models/types.model.json', 'model', { model_name: 7, model_architecture: { x: 1 }, model_version: null, model_authors: 'one string', model_performance_metrics: { acc: 'high', f1: NaN, ok: 0.5 }, artifacts: 'nope', training_stages: 'x' }, { name: '7', errors: 3 }),
    ],
    datasets: [
      file('datasets/a.dataset.json', 'dataset', { name: 'a', taxonomy: 'web/news', derived_from: 'b' }, { name: 'a', references: [{ role: 'derived_from/0', targetKind: 'dataset', name: 'b', targetUri: 'file:///r/datasets/b.dataset.json' }] }),
      file('datasets/b.dataset.json', 'dataset', { name: 'b', taxonomy: [3, '', '/web/news/'] }, { name: 'b', references: [{ role: 'derived_from/0', targetKind: 'dataset', name: 'a', targetUri: 'file:///r/datasets/a.dataset.json' }] }),
    ],
    results: [
      file('results/empty.results.json', 'results', {}, { errors: 3 }),
      file('results/str.results.json', 'results', { model: 'm', dataset: ['d'], metrics: [] }, { errors: 3 }),
      file('results/ghost.results.json', 'results', { model: { name: 'ghost' }, dataset: { name: 'void' }, metrics: { acc: 1 } }, { references: [{ role: 'model', targetKind: 'model', name: 'ghost', targetUri: 'file:///r/models/gone.model.json' }] }),
    ],
  };

  test('models: labels fall back to file names, bad fields are ignored', async () => {
    const tree = new RegistryTree(weird, { modelGrouping: 'flat' });
    const roots = tree.roots('models');
    assert.deepEqual(labels(roots), ['7', 'array', 'none']);
    const types = roots[0];
    assert.equal(types.description, undefined);
    assert.equal(types.expandable, false);
    assert.match(types.tooltip!, /\| ok \| 0\.5 \|/);
    assert.doesNotMatch(types.tooltip!, /high|NaN/);
    assert.deepEqual(labels(new RegistryTree(weird).roots('models')), ['No architecture']);
    assert.deepEqual(labels(new RegistryTree(weird, { modelGrouping: 'trainingDataset' }).roots('models')), ['No training dataset']);
  });

  test('datasets: a lineage cycle is walkable but never loops; odd taxonomy entries are cleaned or skipped', async () => {
    const tree = new RegistryTree(weird);
    const roots = tree.roots('datasets');
    assert.deepEqual(labels(roots), ['web', 'Unclassified']);
    const nodes: ViewNode[] = await descend(tree, roots, 12);
    assert.ok(nodes.length < 40, `${nodes.length} nodes: a cycle is cut`);
    const bUnderWeb = nodes.find((n) => n.type === 'dataset' && n.label === 'b' && n.id.startsWith('datasets/taxonomy:web/news/'));
    assert.ok(bUnderWeb, 'b sits under web/news (its "/web/news/" cleaned)');
    const layout = lineageLayout(weird);
    assert.equal(layout.nodes.filter((n) => n.kind === 'dataset').length, 2);
  });

  test('results: missing subjects are grouped as such, missing metrics say so', async () => {
    const tree = new RegistryTree(weird);
    const roots = tree.roots('results');
    assert.deepEqual(labels(roots), ['No dataset named', 'void']);
    const leaves = (await Promise.all((await tree.children(roots[0])).map((g) => tree.children(g)))).flat();
    assert.deepEqual(leaves.map((l) => l.description), ['no metrics', 'no metrics']);
  });

  test('text from files is escaped in tooltips: no markup, no links, no HTML, no codicons', () => {
    const hostile = '**bold** [link](command:evil) <img src=x onerror=alert(1)> $(alert) `code` # head\n- item | pipe';
    const reg: RegistryResult = { roots: [], datasets: [], results: [], models: [file('m.model.json', 'model', { model_name: hostile, model_description: hostile, model_license: hostile, model_authors: [hostile] }, { name: hostile })] };
    const [node] = new RegistryTree(reg, { modelGrouping: 'flat' }).roots('models');
    const tip = node.tooltip!;
    assert.ok(!tip.includes('<img'), tip);
    assert.ok(!tip.includes('[link](command:evil)'));
    assert.ok(!tip.includes('**bold**'));
    assert.ok(!tip.includes('$(alert)'));
    assert.ok(tip.includes('\\*\\*bold\\*\\*'));
    assert.ok(tip.includes('&lt;img src=x onerror=alert\\(1\\)&gt;'));
    assert.equal(node.label, hostile, 'labels are plain text (VS Code renders them as text)');
    assert.equal(escapeMarkdown('a_b|c'), 'a\\_b\\|c');
  });
});

test('lineage webview messages: the runtime guard lets only the typed ones through', () => {
  assert.ok(isFromLineage({ type: 'ready' }));
  assert.ok(isFromLineage({ type: 'open', uri: 'file:///r/a.model.json' }));
  assert.ok(isFromLineage({ type: 'showAll' }));
  for (const bad of [null, 'open', {}, { type: 'open' }, { type: 'open', uri: 3 }, { type: 'focus', uri: 'x'.repeat(5000) }, { type: 'exec', uri: 'x' }]) {
    assert.equal(isFromLineage(bad), false, JSON.stringify(bad)?.slice(0, 40));
  }
});
