import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './tempDirs';
import { schemaProblems } from '../../../src/core/importers/checkImported';
import { importHuggingFaceFolder } from '../../../src/core/importers/huggingfaceFolder';
import { fieldsFromCardData, firstParagraph, parseModelCard } from '../../../src/core/importers/modelCard';
import { ImportError } from '../../../src/core/importers/types';
import { runCli } from './cli';
import { tinyGpt2Tensors, writeSafetensors } from './safetensorsFile';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/importers');

/** A copy of a fixture folder in a temp dir, so tests can add weights and break files. */
function copyFixture(name: string, into = tempDir('modelops-hf-')): string {
  const dir = join(into, name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

test('a Hugging Face folder: config.json, model card front matter and safetensors header', async () => {
  const dir = copyFixture('hf-tiny-gpt2');
  const parameters = writeSafetensors(join(dir, 'model.safetensors'), tinyGpt2Tensors());
  assert.equal(parameters, 8 * 4 + 16 * 4 + 2 * (4 + 4) + (48 + 12) + (16 + 4) + (64 + 16) + (64 + 4) + (4 + 4)); // wte, wpe, 2 ln, attn, proj, fc, mlp proj, ln_f
  const b = await importHuggingFaceFolder(dir);
  assert.deepEqual(b.model, {
    model_name: 'modelops-tests/tiny-gpt2',
    model_architecture: 'GPT2LMHeadModel',
    model_type: 'gpt2',
    hyperparameters: { torch_dtype: 'float32', n_embd: 4, n_layer: 1, n_head: 2, n_positions: 16, n_ctx: 16, vocab_size: 8 },
    model_dependencies: { libraries: ['transformers', 'transformers==4.44.2'] },
    model_license: 'mit',
    training_dataset: { name: 'openwebtext' },
    'x-training_datasets': ['openwebtext', 'wikitext'],
    base_model: 'openai-community/gpt2',
    tags: ['text-generation', 'gpt2', 'tiny', 'language:en'],
    model_description: 'A one-layer GPT-2 with a vocabulary of eight tokens, small enough to ship inside a test suite. It exists to exercise tooling, not to generate text.',
    hf_id: 'modelops-tests/tiny-gpt2',
    parameters: 348,
  });
  assert.equal(b.results.length, 3);
  const [arc, hellaswag, wikitext] = b.results;
  assert.deepEqual(arc, {
    model: { name: 'modelops-tests/tiny-gpt2' },
    dataset: { name: 'ai2_arc:ARC-Challenge' },
    metrics: { acc_norm: 21.84 },
    source: 'open-llm-leaderboard',
    split: 'test',
    task: 'text-generation',
    n_shot: 25,
    details: {
      dataset_display_name: 'AI2 Reasoning Challenge (25-Shot)',
      metric_names: { acc_norm: 'normalized accuracy' },
      source_name: 'Open LLM Leaderboard',
      source_url: 'https://huggingface.co/spaces/HuggingFaceH4/open_llm_leaderboard?query=modelops-tests/tiny-gpt2',
      task_name: 'Text Generation',
    },
  });
  assert.equal(hellaswag.dataset.name, 'hellaswag');
  assert.equal(hellaswag.n_shot, 10);
  assert.deepEqual(wikitext.dataset, { name: 'wikitext:wikitext-103-raw-v1', version: 'b08601e04326c79dfdd32d625aee71d232d685c3' });
  assert.equal(wikitext.source, 'huggingface-model-index');
  assert.equal(wikitext.n_shot, undefined);
  assert.deepEqual(wikitext.metrics, { perplexity: 912.5 });
  assert.equal(b.warnings.length, 1, b.warnings.join('\n')); // the two datasets
});

test('a sharded Llama folder in the hub cache layout: index + shards, hub id and revision from the path', async () => {
  const root = tempDir('modelops-hf-');
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const dir = join(root, 'hub', 'models--modelops-tests--tiny-llama', 'snapshots', sha);
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(join(FIXTURES, 'hf-tiny-llama'), dir, { recursive: true });
  const h = 4, v = 16, inter = 8, kv = 2; // hidden, vocab, intermediate, kv heads × head dim
  const layer = (i: number) => [
    { name: `model.layers.${i}.self_attn.q_proj.weight`, dtype: 'BF16' as const, shape: [h, h] },
    { name: `model.layers.${i}.self_attn.k_proj.weight`, dtype: 'BF16' as const, shape: [kv, h] },
    { name: `model.layers.${i}.self_attn.v_proj.weight`, dtype: 'BF16' as const, shape: [kv, h] },
    { name: `model.layers.${i}.self_attn.o_proj.weight`, dtype: 'BF16' as const, shape: [h, h] },
    { name: `model.layers.${i}.mlp.gate_proj.weight`, dtype: 'BF16' as const, shape: [inter, h] },
    { name: `model.layers.${i}.mlp.up_proj.weight`, dtype: 'BF16' as const, shape: [inter, h] },
    { name: `model.layers.${i}.mlp.down_proj.weight`, dtype: 'BF16' as const, shape: [h, inter] },
    { name: `model.layers.${i}.input_layernorm.weight`, dtype: 'BF16' as const, shape: [h] },
    { name: `model.layers.${i}.post_attention_layernorm.weight`, dtype: 'BF16' as const, shape: [h] },
  ];
  const shard1 = [{ name: 'model.embed_tokens.weight', dtype: 'BF16' as const, shape: [v, h] }, ...layer(0)];
  const shard2 = [...layer(1), { name: 'model.norm.weight', dtype: 'BF16' as const, shape: [h] }, { name: 'lm_head.weight', dtype: 'BF16' as const, shape: [v, h] }];
  const n1 = writeSafetensors(join(dir, 'model-00001-of-00002.safetensors'), shard1);
  const n2 = writeSafetensors(join(dir, 'model-00002-of-00002.safetensors'), shard2);
  const weightMap = Object.fromEntries([...shard1.map((t) => [t.name, 'model-00001-of-00002.safetensors']), ...shard2.map((t) => [t.name, 'model-00002-of-00002.safetensors'])]);
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: (n1 + n2) * 2 }, weight_map: weightMap }, null, 2));
  const b = await importHuggingFaceFolder(dir);
  assert.equal(b.model!.parameters, n1 + n2);
  assert.equal(n1 + n2, 64 + 2 * (16 + 8 + 8 + 16 + 32 + 32 + 32 + 4 + 4) + 4 + 64);
  assert.equal(b.model!.model_name, 'modelops-tests/tiny-llama');
  assert.equal(b.model!.hf_id, 'modelops-tests/tiny-llama');
  assert.equal(b.model!['x-hf_revision'], sha);
  assert.equal(b.model!.model_architecture, 'LlamaForCausalLM');
  assert.deepEqual(b.model!.hyperparameters, {
    hidden_size: 4, num_hidden_layers: 2, num_attention_heads: 2, num_key_value_heads: 1, intermediate_size: 8, vocab_size: 16,
    max_position_embeddings: 32, hidden_act: 'silu', rope_theta: 10000, rms_norm_eps: 1e-5, tie_word_embeddings: false, torch_dtype: 'bfloat16',
  });
  assert.deepEqual(b.results, []);
  assert.deepEqual(b.warnings, []);
});

test('malformed folders: clear, located errors', async () => {
  const empty = tempDir('modelops-hf-');
  await assert.rejects(importHuggingFaceFolder(empty), /not a Hugging Face model folder \(no config.json, README.md or \*.safetensors\)/);
  await assert.rejects(importHuggingFaceFolder(join(empty, 'nope')), /nope: not a folder/);

  const badConfig = copyFixture('hf-tiny-gpt2');
  writeFileSync(join(badConfig, 'config.json'), '{\n  "architectures": ["GPT2LMHeadModel"]\n  "model_type": "gpt2"\n}\n');
  await assert.rejects(importHuggingFaceFolder(badConfig), (e: Error) => e instanceof ImportError && /config\.json:3:3: not valid JSON \(CommaExpected\)/.test(e.message));

  const badCard = copyFixture('hf-tiny-gpt2');
  writeFileSync(join(badCard, 'README.md'), '---\nlicense: mit\ntags: [a, b\ndatasets:\n- x\n---\n# card\n');
  await assert.rejects(importHuggingFaceFolder(badCard), /README\.md:\d+: the model card's YAML front matter is not valid/);

  const badWeights = copyFixture('hf-tiny-gpt2');
  writeFileSync(join(badWeights, 'model.safetensors'), Buffer.from([200, 0, 0, 0, 0, 0, 0, 0, 123]));
  await assert.rejects(importHuggingFaceFolder(badWeights), /model\.safetensors: truncated or not a safetensors file: the header length says 200 bytes, but only 1 bytes follow it/);
});

test('modelops import hf-folder: writes a valid model file and results that point at it; keeps existing files', async () => {
  const dir = copyFixture('hf-tiny-gpt2');
  writeSafetensors(join(dir, 'model.safetensors'), tinyGpt2Tensors());
  const out = tempDir('modelops-out-');
  const r = await runCli(['import', 'hf-folder', dir, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /import: 4 files written to .* \(1 model, 3 results\)/);
  const modelFile = join(out, 'modelops-tests__tiny-gpt2.model.json');
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  assert.equal(model.parameters, 348);
  assert.deepEqual(schemaProblems({ kind: 'model', path: modelFile, data: model }), []);
  const resultFiles = readdirSync(join(out, 'modelops-tests__tiny-gpt2')).sort();
  assert.deepEqual(resultFiles, ['ai2_arc_ARC-Challenge-25shot.results.json', 'hellaswag-10shot.results.json', 'wikitext_wikitext-103-raw-v1.results.json']);
  for (const f of resultFiles) {
    const path = join(out, 'modelops-tests__tiny-gpt2', f);
    const data = JSON.parse(readFileSync(path, 'utf8'));
    assert.deepEqual(schemaProblems({ kind: 'results', path, data }), [], f);
    assert.equal(data.model.metadata_reference, '../modelops-tests__tiny-gpt2.model.json');
    assert.equal(resolve(dirname(path), data.model.metadata_reference), modelFile);
  }
  // Again: nothing is overwritten without --force.
  writeFileSync(modelFile, '{"model_name": "edited by hand"}\n');
  const again = await runCli(['import', 'hf-folder', dir, '--out', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 files written .*; 4 kept because they exist \(--force to overwrite\)/);
  assert.equal(readFileSync(modelFile, 'utf8'), '{"model_name": "edited by hand"}\n');
  const forced = await runCli(['import', 'hf-folder', dir, '--out', out, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(JSON.parse(readFileSync(modelFile, 'utf8')).model_name, 'modelops-tests/tiny-gpt2');
  assert.deepEqual(readdirSync(out).filter((n) => n.endsWith('.tmp')), [], 'no temp files left behind');
  // Bad input: exit 2, a clear message, nothing written.
  writeFileSync(join(dir, 'config.json'), '{ "architectures": [ }');
  const out2 = join(out, 'second');
  const bad = await runCli(['import', 'hf-folder', dir, '--out', out2]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^modelops import: .*config\.json:1:\d+: not valid JSON/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(existsSync(out2), false);
});

test('model cards: front matter edge cases, the description paragraph', () => {
  assert.deepEqual(parseModelCard('---\n---\n# empty', 'R.md'), { data: {}, body: '# empty' });
  assert.deepEqual(parseModelCard('# no front matter\n---\n', 'R.md').data, {});
  assert.deepEqual(parseModelCard('\uFEFF---\r\nlicense: other\r\nlicense_name: llama3\r\n---\r\nbody', 'R.md'), { data: { license: 'other', license_name: 'llama3' }, body: 'body' });
  assert.throws(() => parseModelCard('---\n- a\n- b\n---\n', 'R.md'), /R\.md: the model card's front matter is not a YAML mapping/);
  const template = '# Model Card for Model ID\n\n<!-- Provide a quick summary of what the model is/does. -->\n\n\n\n## Model Details\n\n### Model Description\n\n<!-- Provide a longer summary of what this model is. -->\n\nThis is the model card of a 🤗 transformers model that has been pushed on the Hub. This model card has been automatically generated.\n\n- **Developed by:** [More Information Needed]\n\n[More Information Needed]\n';
  assert.equal(firstParagraph(template), undefined);
  assert.equal(firstParagraph('![badge](x.svg)\n\nA **small** model\nfor tests.\n\nMore.'), 'A **small** model for tests.');
  const warnings: string[] = [];
  assert.deepEqual(fieldsFromCardData({ license: 'other', license_name: 'llama3', base_model: ['a/b', 'c/d'], language: 'fr' }, warnings), {
    model_license: 'llama3', base_model: 'a/b', tags: ['language:fr'],
  });
  assert.deepEqual(warnings, ['the card lists 2 base models; base_model is the first (a/b)']);
});
