// The packed VSIX, installed by code-server's own --install-extension: what it holds, and that its
// native onnxruntime-node runs a real ONNX model from the installed extension folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createProfile, installVsix, type Profile } from '../../scripts/code-server.mjs';
import { installCodeServer } from '../../scripts/install-code-server.mjs';
import { repoRoot } from '../../scripts/package.mjs';
import { e2eSkipReason, START_TIMEOUT, vsixUnderTest } from './harness';

function walk(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, root) : [relative(root, p)];
  });
}

describe('the VSIX', { skip: e2eSkipReason() }, () => {
  let root: string;
  let profile: Profile;
  let ext: string;
  let files: string[];
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'modelops-vsix-'));
    const { entry } = installCodeServer();
    const vsix = vsixUnderTest(root);
    profile = createProfile(join(root, 'profile'));
    installVsix(entry, profile, vsix);
    const dir = readdirSync(profile.extensionsDir).find((n) => n.startsWith('modelops.modelops-'));
    assert.ok(dir, `installed into ${profile.extensionsDir}: ${readdirSync(profile.extensionsDir).join(', ')}`);
    ext = join(profile.extensionsDir, dir);
    files = walk(ext);
  }, { timeout: START_TIMEOUT });
  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('holds the manifest, every bundle and every schema', () => {
    for (const f of ['package.json', 'dist/extension.js']) assert.ok(files.includes(f), `${f} is in the VSIX`);
    for (const b of readdirSync(join(repoRoot, 'dist')).filter((n) => n.endsWith('.js'))) assert.ok(files.includes(`dist/${b}`), `dist/${b} is in the VSIX`);
    for (const s of readdirSync(join(repoRoot, 'schemas'))) assert.ok(files.includes(`schemas/${s}`), `schemas/${s} is in the VSIX`);
  });

  test('holds no sources, tests, examples, source maps or other node_modules', () => {
    const stray = files.filter((f) =>
      /^(src|server|webview|test|scripts|examples|bench|bin|\.ci)\//.test(f) || /\.(ts|map)$/.test(f) || (f.startsWith('.') && f !== '.vsixmanifest'),
    );
    assert.deepEqual(stray, []);
    const modules = [...new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/')[1]))].sort();
    assert.deepEqual(modules, ['onnxruntime-common', 'onnxruntime-node']);
    const binaries = files.filter((f) => f.startsWith('node_modules/onnxruntime-node/bin/'));
    assert.ok(binaries.length > 0, 'onnxruntime-node binaries are in the VSIX');
    assert.deepEqual(binaries.filter((f) => !f.startsWith(`node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/`)), []);
  });

  test("the installed extension's onnxruntime-node runs the example iris model", () => {
    const script = `
      const ort = require(${JSON.stringify(join(ext, 'node_modules', 'onnxruntime-node'))});
      (async () => {
        const s = await ort.InferenceSession.create(${JSON.stringify(join(repoRoot, 'examples', 'artifacts', 'iris-logreg.onnx'))});
        const r = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', Float32Array.from([5.1, 3.5, 1.4, 0.2]), [1, 4]) });
        process.stdout.write(JSON.stringify(Array.from(r[s.outputNames[0]].data)));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    // Run from a folder outside the repository, so nothing resolves from the repo's node_modules.
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const probs = JSON.parse(r.stdout) as number[];
    assert.equal(probs.length, 3);
    assert.ok(Math.abs(probs.reduce((a, b) => a + b, 0) - 1) < 1e-4, `probabilities sum to 1: ${probs.join(', ')}`);
    assert.equal(probs.indexOf(Math.max(...probs)), 0, `a setosa flower (row 1 of iris.csv) is class 0: ${probs.join(', ')}`);
  });
});
