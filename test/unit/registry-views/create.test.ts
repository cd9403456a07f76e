// The pure parts of the create, delete, import and artifact commands.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { configTemplate, fileTemplate, newDatasetMetadata, newModelMetadata, newResultsMetadata } from '../../../src/core/metadata/templates';
import type { RegistryResult } from '../../../src/core/protocol';
import { artifactRefs, formatBytes, removableArtifact, statArtifacts } from '../../../src/core/registryViews/artifacts';
import { createMetadataFile, defaultFolder, deleteConfirmation, nameProblem, newFileName, parseMetrics, referencePath, referenceTo, schemaErrors } from '../../../src/core/registryViews/create';
import { importSummary, readModelScores } from '../../../src/core/registryViews/imports';
import { CORPUS, EXAMPLES, registryOf } from './registry';

describe('create, delete, import and artifacts on a copy of examples/', () => {
  let root: string;
  let reg: RegistryResult;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'modelops-views-create-'));
    for (const dir of ['models', 'datasets', 'results', 'artifacts']) {
      mkdirSync(join(root, dir));
      for (const n of readdirSync(join(EXAMPLES, dir))) writeFileSync(join(root, dir, n), readFileSync(join(EXAMPLES, dir, n)));
    }
    reg = await registryOf(root);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const file = (name: string) => [...reg.models, ...reg.datasets, ...reg.results].find((f) => f.name === name)!;

  test('every template validates against its built-in schema', () => {
    assert.deepEqual(schemaErrors('model', JSON.stringify(newModelMetadata({ name: 'm' }))), []);
    assert.deepEqual(schemaErrors('model', JSON.stringify(newModelMetadata({ name: 'm', version: '2', architecture: 'MLP', trainingDate: '2024-01-02', trainingDataset: { name: 'd', version: '1', metadata_reference: '../d.dataset.json' } }))), []);
    assert.deepEqual(schemaErrors('dataset', JSON.stringify(newDatasetMetadata({ name: 'd', taxonomy: ['web/news'], derivedFrom: [{ name: 'p', version: '1', metadata_reference: 'p.dataset.json' }] }))), []);
    assert.deepEqual(schemaErrors('results', JSON.stringify(newResultsMetadata({ model: { name: 'm' }, dataset: { name: 'd' }, metrics: { accuracy: 0.5 }, split: 'test' }))), []);
    for (const kind of ['model', 'dataset', 'results'] as const) assert.deepEqual(schemaErrors(kind, fileTemplate(kind)), [], kind);
    assert.ok(schemaErrors('model', '{"model_version": 3}').length > 0, 'the check can fail');
    assert.deepEqual(JSON.parse(configTemplate()).registries.map((r: { kind: string }) => r.kind), ['model', 'dataset', 'results']);
  });

  test('new files go where the registry keeps that kind, named from the answers', () => {
    assert.equal(defaultFolder('model', reg, root), join(root, 'models'));
    assert.equal(defaultFolder('dataset', reg, root), join(root, 'datasets'));
    const empty: RegistryResult = { roots: [], models: [], datasets: [], results: [] };
    assert.equal(defaultFolder('results', empty, root), join(root, 'results'));
    assert.equal(newFileName('model', 'org/My Model'), 'org__My_Model.model.json');
    assert.equal(newFileName('results', 'bert', 'news topics'), 'bert.news_topics.results.json');
    assert.equal(nameProblem(''), 'Give a name.');
    assert.equal(nameProblem(' x'), 'No spaces at the start or end.');
    assert.equal(nameProblem('a\u0007'), 'No control characters.');
    assert.equal(nameProblem('fine-name'), undefined);
  });

  test('New Model Spec with a training dataset: a valid file whose reference resolves, never overwritten', async () => {
    const path = join(defaultFolder('model', reg, root), newFileName('model', 'fresh-model'));
    const data = newModelMetadata({ name: 'fresh-model', version: '0.1.0', trainingDataset: referenceTo(path, file('iris-train')) });
    assert.equal(data.training_dataset?.metadata_reference, '../datasets/iris-train.dataset.json');
    const first = await createMetadataFile(path, 'model', data);
    assert.equal(first.status, 'created');
    const text = readFileSync(path, 'utf8');
    const again = await createMetadataFile(path, 'model', newModelMetadata({ name: 'other' }));
    assert.equal(again.status, 'exists');
    assert.equal(readFileSync(path, 'utf8'), text, 'the existing file is untouched');
    const bad = await createMetadataFile(join(root, 'models', 'bad.model.json'), 'model', { model_name: 5 });
    assert.equal(bad.status, 'invalid');
    assert.ok(!readdirSync(join(root, 'models')).includes('bad.model.json'), 'an invalid file is not written');
    assert.ok(!readdirSync(join(root, 'models')).some((n) => n.endsWith('.tmp')), 'no temp file left');
    // The server agrees: the new model resolves its dataset and has no problems.
    const after = await registryOf(root);
    const fresh = after.models.find((m) => m.name === 'fresh-model')!;
    assert.equal(fresh.errors, 0);
    assert.equal(fresh.references[0].targetUri, file('iris-train').uri);
  });

  test('New Results: references to the model and dataset from the results folder; metrics parsed', () => {
    const path = join(root, 'results', newFileName('results', 'iris-logreg', 'iris-test'));
    const model = referenceTo(path, file('iris-logreg'));
    assert.deepEqual(model, { name: 'iris-logreg', version: '1.0', metadata_reference: '../models/iris-logreg.model.json' });
    assert.deepEqual(parseMetrics('accuracy=0.93, f1_score=0.91'), { metrics: { accuracy: 0.93, f1_score: 0.91 } });
    assert.match(parseMetrics('').error!, /at least one metric/);
    assert.match(parseMetrics('accuracy').error!, /not name=value/);
    assert.match(parseMetrics('accuracy=high').error!, /not a number/);
    assert.equal(referencePath('/a/b/c.json', '/a/b/d.json'), './d.json');
  });

  test('Delete asks with what would break', () => {
    const ask = deleteConfirmation(file('news-topics'), reg);
    assert.equal(ask.message, 'Delete the dataset "news-topics 1.0"?');
    assert.match(ask.detail, /^datasets\/news-topics\.dataset\.json will be moved to the trash\./);
    for (const rel of ['models/news-topic-bert.model.json', 'models/news-topic-distil.model.json', 'results/news-topic-bert.news-topics.results.json']) assert.ok(ask.detail.includes(`  ${rel}`), rel);
    const lone = deleteConfirmation(reg.results.find((r) => r.rel === 'results/news-gpt-small.arc-easy.results.json')!, reg);
    assert.equal(lone.message, 'Delete the results file "results/news-gpt-small.arc-easy.results.json"?');
    assert.doesNotMatch(lone.detail, /refer/);
  });

  test('artifacts: listed from the model file with size and existence; removal only inside the workspace', async () => {
    const logreg = reg.models.find((m) => m.name === 'iris-logreg')!;
    const refs = artifactRefs(logreg);
    assert.deepEqual(refs.map((r) => [r.role, r.path]), [['onnx', join(root, 'artifacts', 'iris-logreg.onnx')]]);
    const [info] = await statArtifacts(logreg);
    assert.equal(info.exists, true);
    assert.equal(info.size, readFileSync(join(root, 'artifacts', 'iris-logreg.onnx')).length);
    const ghost = { ...logreg, data: { artifacts: { onnx: 'gone.onnx', checkpoint: '../artifacts', files: [{ path: '../artifacts/iris-tiny.onnx', description: 'tiny' }, { path: 42 }] } } };
    const infos = await statArtifacts(ghost);
    assert.deepEqual(infos.map((i) => [i.role, i.exists, i.directory]), [['onnx', false, false], ['checkpoint', true, true], ['files/0', true, false]], 'a path that is not a string is skipped');
    const folderSize = readdirSync(join(root, 'artifacts')).reduce((n, f) => n + readFileSync(join(root, 'artifacts', f)).length, 0);
    assert.equal(infos[1].size, folderSize);
    const modelFile = URI.parse(logreg.uri).fsPath;
    assert.deepEqual(removableArtifact(join(root, 'artifacts', 'iris-logreg.onnx'), [root], modelFile), { ok: true });
    assert.equal(removableArtifact('/etc/passwd', [root], modelFile).ok, false);
    assert.equal(removableArtifact(root, [root], modelFile).ok, false);
    assert.equal(removableArtifact(join(root, 'models'), [root], modelFile).ok, false);
    assert.equal(formatBytes(299), '299 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GB');
  });
});

describe('import glue', () => {
  test('model_scores: files and folders read into bundles; one bad file stops it all', async () => {
    const one = join(CORPUS, 'model_scores', 'results_EleutherAI__pythia-160m.json');
    const bundles = await readModelScores([one]);
    assert.equal(bundles.length, 1);
    assert.ok(bundles[0].results.length > 50);
    const dir = mkdtempSync(join(tmpdir(), 'modelops-views-scores-'));
    try {
      writeFileSync(join(dir, 'good.json'), readFileSync(one));
      writeFileSync(join(dir, 'bad.json'), '{ "model_name": "x", "results": 3 ');
      await assert.rejects(readModelScores([dir]), /1 file could not be imported; nothing written:\n.*bad\.json/);
      await assert.rejects(readModelScores([join(dir, 'nope')]), /no such file or folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the summary says what was written, kept and refused', () => {
    assert.equal(importSummary({ written: ['a', 'b', 'c'], skipped: [], duplicates: [], modelsWritten: 1, warnings: [] }), 'Imported 1 model and 2 results files.');
    assert.equal(
      importSummary({ written: [], skipped: [{ path: 'x', reason: 'exists' }, { path: 'y', reason: 'invalid', problems: ['/metrics: must be object'] }], duplicates: [{ path: 'z', sameAs: 'w' }], modelsWritten: 0, warnings: [] }),
      'Imported 0 models and 0 results files; 1 kept because it exists; 1 duplicate skipped; 1 not written: /metrics: must be object.',
    );
  });
});
