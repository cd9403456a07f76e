// The registry views on the research group's corpus: their own schemas and layout through a
// config, hub-style model files (id, config.architectures, training_stages), datasets without
// names or taxonomy, their raw score files, and some of those scores imported as results.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RegistryResult } from '../../../src/core/protocol';
import { lineageLayout } from '../../../src/core/registryViews/lineage';
import { statusSummary } from '../../../src/core/registryViews/status';
import { RegistryTree, type ViewNode } from '../../../src/core/registryViews/tree';
import { corpusCount, corpusWorkspace, labels, registryOf } from './registry';

const SCORES = ['results_01-ai__Yi-34B.json', 'results_EleutherAI__gpt-neo-125M.json', 'results_EleutherAI__pythia-160m.json'];

describe('registry views on the corpus', () => {
  let ws: { root: string; dispose(): void };
  let reg: RegistryResult;
  before(async () => {
    ws = await corpusWorkspace(SCORES);
    reg = await registryOf(join(ws.root, 'metadata'));
  });
  after(() => ws?.dispose());

  const find = (nodes: ViewNode[], label: string) => {
    const n = nodes.find((x) => x.label === label);
    assert.ok(n, `"${label}" among: ${labels(nodes).slice(0, 40).join(', ')}`);
    return n;
  };

  test('every corpus file is in the registry, without errors under its own schemas', () => {
    assert.equal(reg.models.length, corpusCount('model_metadata'));
    assert.equal(reg.datasets.length, corpusCount('dataset_metadata'));
    const imported = reg.results.filter((r) => r.rel.startsWith('imported/'));
    assert.equal(reg.results.length - imported.length, corpusCount('model_scores'));
    assert.ok(imported.length > 100, `${imported.length} imported results`);
    assert.equal(statusSummary(reg).filesWithErrors, 0);
  });

  test('Models: hub-style files are named by id and grouped by config.architectures', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('models');
    const llama = find(roots, 'LlamaForCausalLM');
    assert.ok(Number(llama.description) >= 10, `LlamaForCausalLM has ${llama.description} models`);
    const models = await tree.children(llama);
    const yi = find(models, '01-ai/Yi-34B');
    assert.equal(yi.contextValue, 'modelops.model');
    // Every model sits in exactly one group.
    const all = (await Promise.all(roots.map((g) => tree.children(g)))).flat();
    assert.equal(all.length, reg.models.length);
    assert.equal(new Set(all.map((n) => n.uri)).size, reg.models.length);
  });

  test('by training dataset: training_stages[].data is matched to the dataset files', async () => {
    const tree = new RegistryTree(reg, { modelGrouping: 'trainingDataset' });
    const pile = find(tree.roots('models'), 'the_pile');
    const models = await tree.children(pile);
    assert.ok(models.length >= 16, `${models.length} models trained on the_pile`);
    assert.ok(labels(models).includes('EleutherAI/pythia-160m'));
    const pythia = find(models, 'EleutherAI/pythia-160m');
    const kids = await tree.children(pythia);
    const data = kids.find((k) => k.type === 'dataset');
    assert.equal(data?.label, 'the_pile');
    assert.match(data!.description!, /^training/);
    const results = find(kids, 'Results');
    assert.ok(Number(results.description) > 50, `${results.description} imported results for pythia-160m`);
  });

  test('Datasets: no taxonomy in this corpus, so a flat list by file name; the_pile lists the models trained on it', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('datasets');
    assert.equal(roots.length, reg.datasets.length);
    assert.ok(roots.every((r) => r.type === 'dataset'));
    const pile = find(roots, 'the_pile');
    const kids = await tree.children(pile);
    assert.ok(kids.filter((k) => k.type === 'model').length >= 16);
    assert.ok(kids.every((k) => k.type !== 'model' || k.description?.startsWith('training')));
  });

  test('Results: imported scores by task, then model; raw score files under their model with no dataset', async () => {
    const tree = new RegistryTree(reg);
    const roots = tree.roots('results');
    const hellaswag = roots.find((r) => r.label.startsWith('hellaswag'));
    assert.ok(hellaswag, labels(roots).slice(0, 20).join(', '));
    const models = await tree.children(hellaswag);
    const yi = find(models, '01-ai/Yi-34B');
    assert.match(yi.description!, /^acc(_norm)? 0\.\d+$/);
    // Raw model_scores files name no dataset: one group holds them, each under its model.
    const raw = find(roots, 'No dataset named');
    assert.equal(raw.description, `${corpusCount('model_scores')} results`);
    const rawModels = await tree.children(raw);
    assert.ok(rawModels.some((m) => m.label === '01-ai/Yi-34B' && m.uri), 'the raw Yi-34B scores resolve to its model file');
  });

  test('the lineage picture of the corpus stays bounded', () => {
    const layout = lineageLayout(reg, { withoutResults: true });
    assert.ok(layout.nodes.length <= reg.models.length + reg.datasets.length);
    assert.ok(layout.edges.length >= 16);
    const cut = lineageLayout(reg, { maxNodes: 50 });
    assert.equal(cut.nodes.length, 50);
    assert.ok(cut.truncated && cut.truncated.total > 50);
  });
});
