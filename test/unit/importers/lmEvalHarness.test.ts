import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './tempDirs';
import { schemaProblems } from '../../../src/core/importers/checkImported';
import { importLmEvalResults } from '../../../src/core/importers/lmEvalHarness';
import { runCli } from './cli';

const DIR = resolve(import.meta.dirname, '../../fixtures/importers/lm-eval');
const V04 = join(DIR, 'results_2024-05-21T16-20-13.330692.json');
const read = (p: string) => readFileSync(p, 'utf8');

test('lm-eval v0.4 results: one results object per task, "<metric>,<filter>" keys, stderr in details', () => {
  const source = JSON.parse(read(V04));
  const b = importLmEvalResults(read(V04), V04);
  assert.deepEqual(b.results.map((r) => r.task), ['arc_easy', 'gsm8k', 'lambada_openai', 'wikitext']);
  assert.deepEqual(b.warnings, []);
  const [arc, gsm8k, lambada, wikitext] = b.results;
  assert.deepEqual(arc, {
    model: { name: 'EleutherAI/pythia-160m', version: 'step143000' },
    dataset: { name: 'arc_easy', version: '1' },
    metrics: { acc: source.results.arc_easy['acc,none'], acc_norm: source.results.arc_easy['acc_norm,none'] },
    source: 'lm-evaluation-harness',
    task: 'arc_easy',
    split: 'test',
    n_shot: 0,
    samples_evaluated: 2376,
    evaluated_at: '2024-05-21T16:20:13.330Z',
    details: {
      stderr: { acc: 0.010179856486006902, acc_norm: 0.010074093589739182 },
      dataset_path: 'allenai/ai2_arc',
      dataset_name: 'ARC-Easy',
      run: { model_backend: 'hf', git_hash: '42dc244', transformers_version: '4.41.0', model_sha: '50f5173d932e8e61f858120bcb800b97af589f46', model_dtype: 'torch.float16', total_evaluation_time_seconds: 201.33304696199997 },
    },
  });
  assert.deepEqual(gsm8k.metrics, { 'exact_match,strict-match': 0.002274450341167551, 'exact_match,flexible-extract': 0.01592115238817286 });
  assert.deepEqual(gsm8k.details!.stderr, { 'exact_match,strict-match': 0.0013121578148674233, 'exact_match,flexible-extract': 0.0034478192723889946 });
  assert.equal(gsm8k.n_shot, 5);
  assert.equal(gsm8k.dataset.version, '3');
  assert.equal(lambada.metrics.perplexity, 38.28219862478526);
  assert.equal(lambada.split, 'test');
  assert.deepEqual(wikitext.details!.stderr, { word_perplexity: 'N/A', byte_perplexity: 'N/A', bits_per_byte: 'N/A' });
  for (const r of b.results) assert.deepEqual(schemaProblems({ kind: 'results', path: 'x.results.json', data: r }), [], r.task);
});

test('lm-eval v0.3 results (no filters, no date): the model from model_args', () => {
  const file = join(DIR, 'results_v0.3.json');
  const b = importLmEvalResults(read(file), file);
  assert.equal(b.results.length, 2);
  assert.deepEqual(b.results[0].model, { name: 'gpt2' });
  assert.deepEqual(b.results[0].metrics, { acc: 0.2892850029874527, acc_norm: 0.31159131647082255 });
  assert.deepEqual(b.results[0].dataset, { name: 'hellaswag', version: '0' });
  assert.equal(b.results[0].evaluated_at, undefined);
  assert.equal(b.results[0].n_shot, undefined);
});

test('malformed lm-eval files: clear errors', () => {
  assert.throws(() => importLmEvalResults('{"results": {"a": {"acc,none": 0.5}}', 'r.json'), /r\.json:1:37: not valid JSON \(CloseBraceExpected\)$/);
  assert.throws(() => importLmEvalResults('{"config": {}}', 'r.json'), /r\.json: not an lm-evaluation-harness results file/);
  assert.throws(() => importLmEvalResults('{"results": {"a": {"acc,none": 0.5}}, "config": {"model": "hf"}}', 'r.json'), /cannot tell which model was evaluated/);
  assert.throws(() => importLmEvalResults('{"results": {"a": {"alias": "a"}}, "model_name": "m"}', 'r.json'), /no task in "results" has a numeric metric/);
  assert.throws(() => importLmEvalResults('', 'r.json'), /r\.json: the file is empty/);
});

test('modelops import lm-eval --model-ref: results point at the existing model file', async () => {
  const out = tempDir('modelops-lm-');
  const models = join(out, 'models');
  const modelFile = join(models, 'pythia-160m.model.json');
  mkdirSync(models);
  writeFileSync(modelFile, JSON.stringify({ model_name: 'pythia-160m', model_version: 'step143000' }));
  const r = await runCli(['import', 'lm-eval', V04, '--model-ref', modelFile, '--out', join(out, 'results')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /4 files written .* \(0 model, 4 results\)/);
  const folder = join(out, 'results', 'pythia-160m');
  assert.deepEqual(readdirSync(folder).sort(), ['arc_easy-0shot.results.json', 'gsm8k-5shot.results.json', 'lambada_openai-0shot.results.json', 'wikitext-0shot.results.json']);
  const gsm8k = JSON.parse(read(join(folder, 'gsm8k-5shot.results.json')));
  assert.deepEqual(gsm8k.model, { name: 'pythia-160m', version: 'step143000', metadata_reference: '../../models/pythia-160m.model.json' });
  assert.equal(resolve(folder, gsm8k.model.metadata_reference), modelFile);

  // A truncated file: exit 2, the location, nothing written.
  const bad = join(out, 'bad.json');
  writeFileSync(bad, read(V04).slice(0, 400));
  const failed = await runCli(['import', 'lm-eval', bad, '--out', join(out, 'nothing')]);
  assert.equal(failed.code, 2);
  assert.match(failed.stderr, /bad\.json:\d+:\d+: not valid JSON/);
  assert.equal(existsSync(join(out, 'nothing')), false);
  // A value the schema rejects (a negative sample count): that file is not written, exit 1.
  const odd = join(out, 'odd.json');
  writeFileSync(odd, JSON.stringify({ results: { a: { 'acc,none': 0.5 }, b: { 'acc,none': 0.7 } }, 'n-samples': { a: { original: 5, effective: -5 } }, model_name: 'm' }));
  const half = await runCli(['import', 'lm-eval', odd, '--out', join(out, 'odd')]);
  assert.equal(half.code, 1, half.stderr);
  assert.match(half.stderr, /m\/a\.results\.json: not written, fails the schema:\n  \/samples_evaluated: .*>= 0/);
  assert.deepEqual(readdirSync(join(out, 'odd', 'm')), ['b.results.json']);
  // A --output_path folder: every results*.json under it (samples files ignored).
  const runs = join(out, 'runs');
  mkdirSync(join(runs, 'EleutherAI__pythia-160m'), { recursive: true });
  mkdirSync(join(runs, 'gpt2'));
  writeFileSync(join(runs, 'EleutherAI__pythia-160m', 'results_2024-05-21T16-20-13.330692.json'), read(V04));
  writeFileSync(join(runs, 'EleutherAI__pythia-160m', 'samples_arc_easy_2024-05-21T16-20-13.330692.jsonl'), '{"doc_id": 0}\n');
  writeFileSync(join(runs, 'gpt2', 'results.json'), read(join(DIR, 'results_v0.3.json')));
  const all = await runCli(['import', 'lm-eval', runs, '--out', join(out, 'from-dir')]);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, /6 files written .* \(0 model, 6 results\)/);
  assert.deepEqual(readdirSync(join(out, 'from-dir')).sort(), ['EleutherAI__pythia-160m', 'gpt2']);
  // Usage errors.
  const usage = await runCli(['import', 'lm-eval']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /import lm-eval takes exactly one argument/);
  const wrong = await runCli(['import', 'hf-hub', 'a/b', '--model-ref', modelFile]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--model-ref is for lm-eval/);
});
