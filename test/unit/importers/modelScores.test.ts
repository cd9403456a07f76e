import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './tempDirs';
import { schemaProblems } from '../../../src/core/importers/checkImported';
import { importModelScores } from '../../../src/core/importers/modelScores';
import { runCli } from './cli';

// The corpus sits next to the repository (../shared/corpus), as in the other corpus tests.
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/llm-pretraining-behaviours/model_scores');
const skip = !existsSync(CORPUS) && 'corpus not present';
const SHOT = /^(\d+|x)-shot$/;

/** The corpus files as Python reads them (bare NaN allowed), independently of the importer. */
function pythonJson(path: string): any {
  return JSON.parse(readFileSync(path, 'utf8').replace(/:\s*NaN\b/g, ': "NaN"'));
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

test('all 187 corpus score files import: counts, exact values, schema-valid files', { skip }, async () => {
  const work = tempDir('modelops-scores-');
  const input = join(work, 'model_scores');
  cpSync(CORPUS, input, { recursive: true });
  const names = readdirSync(input).filter((n) => n.endsWith('.json')).sort();
  assert.equal(names.length, 187);

  // Expected, from the source JSON: every (task, shot) block, and those with a numeric metric.
  let blocks = 0;
  let numeric = 0;
  for (const n of names) {
    for (const entry of Object.values<any>(pythonJson(join(input, n)).results.harness)) {
      const shots = Object.keys(entry).filter((k) => SHOT.test(k));
      for (const block of shots.length ? shots.map((k) => entry[k]) : [entry]) {
        blocks++;
        if (Object.entries<any>(block).some(([k, v]) => k !== 'timestamp' && !k.endsWith('_stderr') && v !== 'NaN' && v !== null && Number.isFinite(Number(v)))) numeric++;
      }
    }
  }
  assert.equal(blocks, 12901);
  assert.equal(numeric, 12879);

  // The core, file by file: no file fails.
  const bundles = names.map((n) => importModelScores(readFileSync(join(input, n), 'utf8'), join(input, n)));
  assert.equal(bundles.reduce((a, b) => a + b.results.length, 0), numeric);
  assert.equal(bundles.filter((b) => b.results.length === 0).length, 25); // files with "harness": {}

  // The CLI over the folder.
  const out = join(work, 'registry');
  const r = await runCli(['import', 'model-scores', input, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  const m = /import: (\d+) files written .* \(0 model, (\d+) results\); (\d+) duplicate results skipped/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const [written, duplicates] = [Number(m[1]), Number(m[3])];
  assert.equal(written + duplicates, numeric);
  // Repeats are the score files the group keeps twice under two spellings (org_name / org__name, M / m).
  assert.equal(duplicates, 105);
  const files = walk(out);
  assert.equal(files.length, written);
  assert.ok(files.every((f) => f.endsWith('.results.json')));
  const lower = new Set(files.map((f) => f.toLowerCase()));
  assert.equal(lower.size, files.length, 'no two files differ only in case');

  // Exact values against the source.
  const yi = pythonJson(join(input, 'results_01-ai__Yi-34B.json')).results.harness;
  const arc = JSON.parse(readFileSync(join(out, '01-ai__Yi-34B', 'arc_challenge-25shot.results.json'), 'utf8'));
  assert.deepEqual(arc.model, { name: '01-ai/Yi-34B' });
  assert.deepEqual(arc.dataset, { name: 'arc:challenge' });
  assert.equal(arc.task, 'arc:challenge');
  assert.equal(arc.n_shot, 25);
  assert.deepEqual(arc.metrics, { acc: yi['arc:challenge']['25-shot'].acc, acc_norm: yi['arc:challenge']['25-shot'].acc_norm });
  assert.equal(arc.details.stderr.acc, yi['arc:challenge']['25-shot'].acc_stderr);
  assert.equal(arc.details.timestamp, yi['arc:challenge']['25-shot'].timestamp);
  assert.equal(arc.evaluated_at, yi['arc:challenge']['25-shot'].timestamp.replace(/T(\d\d)-(\d\d)-(\d\d)/, 'T$1:$2:$3') + 'Z');
  assert.equal(arc.source, 'lm-evaluation-harness');
  const hs = JSON.parse(readFileSync(join(out, '01-ai__Yi-34B', 'hellaswag.results.json'), 'utf8'));
  assert.equal(hs.metrics.acc, yi.hellaswag.acc);
  assert.equal(hs.n_shot, undefined);

  // "x-shot" blocks with numbers written as strings.
  const p410 = pythonJson(join(input, 'results_EleutherAI_pythia-410M.json')).results.harness;
  const anli = JSON.parse(readFileSync(join(out, 'EleutherAI__pythia-410M', 'anli.results.json'), 'utf8'));
  assert.equal(anli.metrics.acc, Number(p410.anli['x-shot'].acc));
  assert.equal(anli.details.shot, 'x-shot');
  assert.equal(anli.evaluated_at, '2024-04-09T12:15:59.735231Z');

  // Python's NaN: kept as "NaN" in details, never as a metric.
  const jallabi = pythonJson(join(input, 'results_AbacusResearch__jaLLAbi.json')).results.harness;
  const nanTasks = Object.entries<any>(jallabi).filter(([, v]) => Object.values(v).includes('NaN') && Object.entries(v).some(([k, x]) => k !== 'timestamp' && !k.endsWith('_stderr') && typeof x === 'number'));
  if (nanTasks.length) {
    const [task] = nanTasks[0];
    const f = readdirSync(join(out, 'AbacusResearch__jaLLAbi')).find((n) => n.startsWith(`${task}.`) || n.startsWith(`${task}-`))!;
    const data = JSON.parse(readFileSync(join(out, 'AbacusResearch__jaLLAbi', f), 'utf8'));
    assert.ok(Object.values(data.details.non_numeric ?? {}).includes('NaN'), f);
  }
  const lambada = JSON.parse(readFileSync(join(out, 'AbacusResearch__jaLLAbi', readdirSync(join(out, 'AbacusResearch__jaLLAbi')).find((n) => n.startsWith('lambada_standard'))!), 'utf8'));
  assert.equal(lambada.details.non_numeric.perplexity, 'NaN');
  assert.equal(lambada.metrics.acc, jallabi.lambada_standard.acc);

  // Every written file passes the results schema.
  const invalid = files.filter((f) => schemaProblems({ kind: 'results', path: f, data: JSON.parse(readFileSync(f, 'utf8')) }).length);
  assert.deepEqual(invalid.map((f) => relative(out, f)), []);

  // Again: everything is kept.
  const again = await runCli(['import', 'model-scores', input, '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, new RegExp(`0 files written .*; ${written} kept because they exist`));
});

test('model-scores: one bad file among good ones stops the import before anything is written', { skip }, async () => {
  const work = tempDir('modelops-scores-');
  const input = join(work, 'in');
  cpSync(join(CORPUS, 'results_01-ai__Yi-9B.json'), join(input, 'results_01-ai__Yi-9B.json'));
  writeFileSync(join(input, 'results_broken.json'), '{\n  "model_name": "x",\n  "results": {"harness": {"arc": {"acc": 0.5,}}}\n}\n');
  writeFileSync(join(input, 'results_wrong.json'), '{"model_name": "y", "last_updated": null}');
  const out = join(work, 'out');
  const r = await runCli(['import', 'model-scores', input, '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /2 files could not be imported; nothing written/);
  assert.match(r.stderr, /results_broken\.json:3:\d+: not valid JSON/);
  assert.match(r.stderr, /results_wrong\.json: not a model_scores file \(no "results" object\)/);
  assert.equal(existsSync(out), false);
  assert.throws(() => importModelScores('{"results": {}}', 'f.json'), /f\.json: not a model_scores file \(no "model_name" string\)/);
  assert.throws(() => importModelScores('{"model_name": "m", "results": {"harness": {"t": 3}}}', 'f.json'), /f\.json: results\.harness\.t is not an object/);
});

test('hf-info then model-scores: results point at the model files, in the model file\'s spelling', { skip }, async () => {
  const work = tempDir('modelops-link-');
  const infos = join(work, 'model_metadata');
  const scores = join(work, 'model_scores');
  for (const n of ['EleutherAI_gpt-neo-125M.json', '01-ai_Yi-34B.json']) cpSync(join(CORPUS, '..', 'model_metadata', n), join(infos, n));
  for (const n of ['results_EleutherAI__gpt-neo-125M.json', 'results_01-ai__Yi-34B.json', 'results_01-ai__Yi-9B.json']) cpSync(join(CORPUS, n), join(scores, n));
  const out = join(work, 'registry');
  const a = await runCli(['import', 'hf-info', infos, '--out', out]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /2 files written .* \(2 model, 0 results\)/);
  const b = await runCli(['import', 'model-scores', scores, '--out', out]);
  assert.equal(b.code, 0, b.stderr);
  // The hub id is "EleutherAI/gpt-neo-125m"; the score file says "…-125M": one model, one folder.
  const neo = JSON.parse(readFileSync(join(out, 'EleutherAI__gpt-neo-125m', 'hellaswag.results.json'), 'utf8'));
  assert.deepEqual(neo.model, { name: 'EleutherAI/gpt-neo-125m', metadata_reference: '../EleutherAI__gpt-neo-125m.model.json' });
  const model = JSON.parse(readFileSync(join(out, 'EleutherAI__gpt-neo-125m.model.json'), 'utf8'));
  assert.equal(model.model_name, neo.model.name);
  assert.equal(model.parameters, pythonJson(join(CORPUS, '..', 'model_metadata', 'EleutherAI_gpt-neo-125M.json')).safetensors.total);
  // Every Yi-34B result points at its model; Yi-9B has no model file and no reference.
  const yi34 = walk(join(out, '01-ai__Yi-34B')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
  assert.equal(yi34.length, Object.keys(pythonJson(join(CORPUS, 'results_01-ai__Yi-34B.json')).results.harness).length);
  assert.ok(yi34.every((r) => r.model.metadata_reference === '../01-ai__Yi-34B.model.json'));
  const yi9 = walk(join(out, '01-ai__Yi-9B')).map((f) => JSON.parse(readFileSync(f, 'utf8')));
  assert.ok(yi9.length > 0 && yi9.every((r) => r.model.metadata_reference === undefined));
  assert.equal(existsSync(join(out, 'EleutherAI__gpt-neo-125M')), false);
});
