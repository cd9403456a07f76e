#!/usr/bin/env node
// Builds the production bundles and packs a platform-specific VSIX with @vscode/vsce.
// Usage: node scripts/package.mjs [--target linux-x64] [--out FILE] [--no-build]
// Prints the VSIX path on stdout (last line) and its size on stderr.
//
// What goes in is the allowlist in .vscodeignore. vsce runs in its default dependency mode so
// that it looks into node_modules at all (with --no-dependencies it never does); the allowlist
// then keeps only onnxruntime-node (native, must stay a real module) and onnxruntime-common.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** VS Code's target names for the platforms onnxruntime-node ships binaries for. */
const TARGETS = {
  'linux-x64': 'linux/x64',
  'linux-arm64': 'linux/arm64',
  'darwin-arm64': 'darwin/arm64',
  'win32-x64': 'win32/x64',
  'win32-arm64': 'win32/arm64',
};

export function defaultTarget() {
  return `${process.platform}-${process.arch}`;
}

export function defaultVsixPath(target = defaultTarget()) {
  const { name, version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return join(repoRoot, 'out', `${name}-${version}-${target}.vsix`);
}

function log(msg) {
  process.stderr.write(`[package] ${msg}\n`);
}

function run(cmd, args, env = process.env) {
  // Tool output goes to stderr, so stdout carries only the VSIX path.
  const r = spawnSync(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', process.stderr, 'inherit'] });
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Packs the VSIX; returns its path and size in bytes. */
export function packageVsix({ target = defaultTarget(), out = defaultVsixPath(target), build = true } = {}) {
  const platformDir = TARGETS[target];
  if (!platformDir) throw new Error(`unknown target ${target}; one of ${Object.keys(TARGETS).join(', ')}`);
  if (build) run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--production']);
  const main = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).main;
  if (main && !existsSync(join(repoRoot, main))) throw new Error(`package.json main ${main} does not exist: nothing to package`);

  // The allowlist names linux/x64; other targets get the same list with their own binaries.
  const tmp = mkdtempSync(join(tmpdir(), 'modelops-vsce-'));
  try {
    const ignore = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').replaceAll('bin/napi-v6/linux/x64/', `bin/napi-v6/${platformDir}/`);
    const ignoreFile = join(tmp, 'vscodeignore');
    writeFileSync(ignoreFile, ignore);
    mkdirSync(dirname(out), { recursive: true });
    rmSync(out, { force: true });
    const args = ['package', '--target', target, '--out', out, '--ignoreFile', ignoreFile, '--allow-missing-repository'];
    if (!existsSync(join(repoRoot, 'LICENSE'))) args.push('--skip-license');
    run(join(repoRoot, 'node_modules', '.bin', 'vsce'), args);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const bytes = statSync(out).size;
  log(`${out}: ${(bytes / 1024 / 1024).toFixed(1)} MiB (${bytes} bytes), target ${target}`);
  return { path: out, bytes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const opt = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  try {
    const r = packageVsix({ target: opt('--target') ?? defaultTarget(), out: opt('--out') && resolve(opt('--out')), build: !argv.includes('--no-build') });
    process.stdout.write(`${r.path}\n`);
  } catch (e) {
    process.stderr.write(`package: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
