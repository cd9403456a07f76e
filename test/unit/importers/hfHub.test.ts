// The hub cannot exist here: a local HTTP server on 127.0.0.1 speaks its API (GET /api/models/{id},
// GET /{id}/resolve/main/config.json), serving the corpus's saved hub answers.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { tempDir } from './tempDirs';
import type { AddressInfo } from 'node:net';
import { schemaProblems } from '../../../src/core/importers/checkImported';
import { importFromHub } from '../../../src/core/importers/hfHub';
import { runCli } from './cli';

// The corpus sits next to the repository (../shared/corpus), as in the other corpus tests.
const CORPUS = resolve(import.meta.dirname, '../../../../shared/corpus/llm-pretraining-behaviours/model_metadata');
const skip = !existsSync(CORPUS) && 'corpus not present';
const TOKEN = 'hf_TestTokenThatMustNeverBeWritten123';
const corpus = (name: string) => JSON.parse(readFileSync(join(CORPUS, name), 'utf8'));
const llamaConfig = readFileSync(resolve(import.meta.dirname, '../../fixtures/importers/hf-tiny-llama/config.json'), 'utf8');

/** The corpus file (huggingface_hub's ModelInfo, snake_case) in the HTTP API's own camelCase. */
function wireFormat(info: any): any {
  const { created_at, last_modified, card_data, model_index, transformers_info, ...rest } = info;
  return {
    _id: '65be9f09c0b3d7e4a1f2c3d4', ...rest, modelId: info.id, createdAt: created_at, lastModified: last_modified,
    cardData: { ...card_data, license: 'apache-2.0', language: ['en'], 'model-index': model_index },
    'model-index': model_index, transformersInfo: transformers_info, downloads: 1234, likes: 5,
    siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'config.json' }, { rfilename: 'model.safetensors' }],
  };
}

let server: Server;
let endpoint: string;
const seen: { url: string; authorization?: string }[] = [];

before(async () => {
  if (skip) return;
  const pythia = corpus('EleutherAI_pythia-1b.json');
  const flying = wireFormat(corpus('kevin009_flyingllama-v2.json'));
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const notFound = () => send(404, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' });
    switch (req.url) {
      case '/api/models/EleutherAI/pythia-1b': return send(200, pythia);
      case '/api/models/kevin009/flyingllama-v2': return send(200, flying);
      case '/kevin009/flyingllama-v2/resolve/main/config.json': return send(200, llamaConfig);
      case '/api/models/private-org/secret-model':
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, { error: 'Invalid credentials in Authorization header' });
        return send(200, { ...flying, id: 'private-org/secret-model', modelId: 'private-org/secret-model', author: 'private-org', private: true });
      case '/api/models/gated-org/gated-model':
        return send(403, { error: 'Access to model gated-org/gated-model is restricted.' }, { 'x-error-code': 'GatedRepo' });
      case '/api/models/kevin009/flyingllama-v2/revision/v1.0': return send(200, { ...flying, sha: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
      case '/kevin009/flyingllama-v2/resolve/v1.0/config.json': return send(200, { ...JSON.parse(llamaConfig), hidden_size: 8 });
      case '/api/models/gguf-org/only-gguf': return send(200, { ...flying, id: 'gguf-org/only-gguf', siblings: [{ rfilename: 'README.md' }, { rfilename: 'model-q4_k_m.gguf' }] });
      case '/api/models/portal/html': return send(200, '<html>sign in to the wifi</html>', { 'content-type': 'text/html' });
      default: return notFound();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

test('a corpus hub answer (huggingface_hub snake_case) → model metadata; config.json 404 is a warning', { skip }, async () => {
  const b = await importFromHub('EleutherAI/pythia-1b', { endpoint });
  const src = corpus('EleutherAI_pythia-1b.json');
  assert.equal(b.model!.model_name, 'EleutherAI/pythia-1b');
  assert.equal(b.model!.hf_id, 'EleutherAI/pythia-1b');
  assert.equal(b.model!.parameters, src.safetensors.total);
  assert.equal(b.model!.parameters, 1078891008);
  assert.equal(b.model!.model_architecture, 'GPTNeoXForCausalLM');
  assert.equal(b.model!.model_type, 'gpt_neox');
  assert.equal(b.model!.model_license, 'apache-2.0');
  assert.deepEqual(b.model!.training_dataset, { name: 'the_pile' });
  assert.deepEqual(b.model!.model_authors, ['EleutherAI']);
  assert.deepEqual(b.model!.model_citations, [{ url: 'https://arxiv.org/abs/2304.01373' }, { url: 'https://arxiv.org/abs/2101.00027' }, { url: 'https://arxiv.org/abs/2201.07311' }]);
  assert.ok(b.model!.tags!.includes('gpt_neox') && !b.model!.tags!.some((t) => t.startsWith('region:') || t.startsWith('license:')));
  assert.equal(b.model!['x-hf_revision'], src.sha);
  assert.deepEqual(b.results, []);
  assert.deepEqual(b.warnings, ['config.json not available (404): no hyperparameters']);
  assert.deepEqual(schemaProblems({ kind: 'model', path: 'm.model.json', data: b.model! }), []);
  const asked = seen.filter((s) => s.url.includes('pythia-1b')).map((s) => s.url);
  assert.deepEqual(asked, ['/api/models/EleutherAI/pythia-1b', '/EleutherAI/pythia-1b/resolve/main/config.json']);
});

test('the API wire format (camelCase, cardData with model-index) + config.json → model and results', { skip }, async () => {
  const b = await importFromHub('kevin009/flyingllama-v2', { endpoint });
  assert.equal(b.model!.parameters, 461685760);
  assert.equal(b.model!.model_license, 'apache-2.0');
  assert.deepEqual(b.model!.tags, ['language:en', 'transformers', 'safetensors', 'llama', 'text-generation', 'en', 'model-index', 'autotrain_compatible', 'endpoints_compatible', 'text-generation-inference']);
  assert.equal(b.model!.hyperparameters!.hidden_size, 4); // from the served config.json
  assert.deepEqual(b.model!.model_dependencies, { libraries: ['transformers'] });
  assert.equal(b.results.length, 6);
  assert.deepEqual(b.results.map((r) => [r.dataset.name, r.n_shot, Object.entries(r.metrics)[0]]), [
    ['ai2_arc:ARC-Challenge', 25, ['acc_norm', 24.74]],
    ['hellaswag', 10, ['acc_norm', 38.44]],
    ['cais/mmlu:all', 5, ['acc', 26.37]],
    ['truthful_qa:multiple_choice', 0, ['mc2', 41.3]],
    ['winogrande:winogrande_xl', 5, ['acc', 50.28]],
    ['gsm8k:main', 5, ['acc', 0]],
  ]);
  assert.ok(b.results.every((r) => r.source === 'open-llm-leaderboard' && r.model.name === 'kevin009/flyingllama-v2'));
});

test('--revision: the revision route of the API and config.json at that revision', { skip }, async () => {
  const b = await importFromHub('kevin009/flyingllama-v2', { endpoint, revision: 'v1.0' });
  assert.equal(b.model!['x-hf_revision'], 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
  assert.equal(b.model!.hyperparameters!.hidden_size, 8);
});

test('siblings without config.json: no request for it, a warning', { skip }, async () => {
  const b = await importFromHub('gguf-org/only-gguf', { endpoint });
  assert.deepEqual(b.warnings, ['gguf-org/only-gguf has no config.json: no hyperparameters']);
  assert.equal(seen.filter((s) => s.url.startsWith('/gguf-org/')).length, 0);
});

test('HF_TOKEN goes in the Authorization header, and only there; 401/403/404 and non-JSON are clear errors', { skip }, async () => {
  await assert.rejects(importFromHub('private-org/secret-model', { endpoint }), new RegExp(`the hub at ${endpoint} refused 'private-org/secret-model' \\(401\\): .*set HF_TOKEN`));
  await assert.rejects(importFromHub('private-org/secret-model', { endpoint, token: 'hf_wrong' }), /refused HF_TOKEN for 'private-org\/secret-model' \(401\)/);
  const ok = await importFromHub('private-org/secret-model', { endpoint, token: TOKEN });
  assert.equal(ok.model!.model_name, 'private-org/secret-model');
  const auth = seen.filter((s) => s.url === '/api/models/private-org/secret-model').map((s) => s.authorization);
  assert.deepEqual(auth, [undefined, 'Bearer hf_wrong', `Bearer ${TOKEN}`]);
  await assert.rejects(importFromHub('nobody/nothing', { endpoint }), new RegExp(`model 'nobody/nothing' not found on the hub at ${endpoint} \\(404\\)`));
  await assert.rejects(importFromHub('gated-org/gated-model', { endpoint }), /'gated-org\/gated-model' is gated on the hub .*\(403\): accept its terms/);
  await assert.rejects(importFromHub('portal/html', { endpoint }), /the hub's answer is not JSON \(text\/html\)/);
  await assert.rejects(importFromHub('../../etc/passwd', { endpoint }), /is not a hub model id/);
  await assert.rejects(importFromHub('a/b', { endpoint: 'ftp://example.org' }), /HF_ENDPOINT 'ftp:\/\/example.org' is not an http\(s\) URL/);
});

test('offline: a closed port gives the clear "cannot reach" error', async () => {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
  await assert.rejects(importFromHub('EleutherAI/pythia-1b', { endpoint: `http://127.0.0.1:${port}` }), (e: Error) => {
    assert.equal(e.message, `cannot reach the Hugging Face hub at http://127.0.0.1:${port}: ECONNREFUSED; set HF_ENDPOINT or import a local folder`);
    return true;
  });
  const r = await runCli(['import', 'hf-hub', 'EleutherAI/pythia-1b', '--out', tempDir('modelops-hub-')], {
    env: { ...process.env, HF_ENDPOINT: `http://127.0.0.1:${port}`, HF_TOKEN: TOKEN },
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^modelops import: cannot reach the Hugging Face hub at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED; set HF_ENDPOINT or import a local folder\n$/);
  assert.ok(!r.stderr.includes(TOKEN) && !r.stdout.includes(TOKEN));
});

test('modelops import hf-hub with HF_ENDPOINT and HF_TOKEN: files written, the token nowhere in them', { skip }, async () => {
  const out = tempDir('modelops-hub-');
  const before = seen.length;
  const r = await runCli(['import', 'hf-hub', 'private-org/secret-model', '--out', out], { env: { ...process.env, HF_ENDPOINT: endpoint, HF_TOKEN: TOKEN } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /7 files written .* \(1 model, 6 results\)/);
  assert.ok(seen.slice(before).every((s) => s.authorization === `Bearer ${TOKEN}`));
  assert.ok(!r.stdout.includes(TOKEN) && !r.stderr.includes(TOKEN));
  const files = [join(out, 'private-org__secret-model.model.json'), ...readdirSync(join(out, 'private-org__secret-model')).map((n) => join(out, 'private-org__secret-model', n))];
  assert.equal(files.length, 7);
  for (const f of files) assert.ok(!readFileSync(f, 'utf8').includes(TOKEN), f);
  const gsm8k = JSON.parse(readFileSync(join(out, 'private-org__secret-model', 'gsm8k_main-5shot.results.json'), 'utf8'));
  assert.equal(gsm8k.model.metadata_reference, '../private-org__secret-model.model.json');
});
