#!/usr/bin/env node
// Installs code-server (a real VS Code workbench served to a browser) from the npm registry,
// offline apart from the registry, once, into a cache folder outside the repository.
// A plain `npm install code-server` fails here: its post-install downloads ripgrep and argon2
// binaries. So every install script is skipped and the native modules are built from source
// against Debian's Node headers (Debian packages: scripts/apt-packages.txt).
//
// Usage: node scripts/install-code-server.mjs        prints the entry point's path
// Cache: $MODELOPS_CACHE (default ~/.cache/modelops)/code-server-<version>; a stamp file marks
// a finished install, so the second run returns at once.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { acquireDirLock } from './dir-lock.mjs';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  return process.env.MODELOPS_CACHE || join(homedir(), '.cache', 'modelops');
}

/** Where code-server lives once installed, and the files that prove it. */
export function codeServerPaths(root = cacheRoot()) {
  const dir = join(root, `code-server-${CODE_SERVER_VERSION}`);
  const pkg = join(dir, 'node_modules', 'code-server');
  return { dir, pkg, entry: join(pkg, 'out', 'node', 'entry.js'), stamp: join(dir, '.installed') };
}

/** Native modules code-server loads; each is required in a child Node after the build. */
const NATIVE_CHECKS = [
  ['argon2', 'node_modules/argon2'],
  ['node-pty', 'node_modules/code-server/lib/vscode/node_modules/node-pty'],
  ['@vscode/spdlog', 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog'],
  ['native-watchdog', 'node_modules/code-server/lib/vscode/node_modules/native-watchdog'],
  ['kerberos', 'node_modules/code-server/lib/vscode/node_modules/kerberos'],
  ['@parcel/watcher', 'node_modules/code-server/lib/vscode/node_modules/@parcel/watcher'],
];

function log(msg) {
  process.stderr.write(`[install-code-server] ${msg}\n`);
}

/** Runs a command; throws with its output tail unless `allowFail`. */
function run(cmd, args, cwd, env, { allowFail = false } = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  log(`${cmd} ${args.join(' ')}  (in ${cwd}) -> exit ${r.status} in ${secs}s`);
  if (r.error) throw new Error(`cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0 && !allowFail) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}) in ${cwd}:\n${tail}`);
  }
  return r;
}

/** Why this machine cannot build code-server, or undefined if it can. */
export function missingPrerequisites() {
  const missing = [];
  if (!existsSync('/usr/include/node/node.h')) missing.push("Node headers (/usr/include/node: Debian's nodejs)");
  for (const tool of ['make', 'g++', 'python3', 'pkg-config', 'rg']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
  }
  for (const h of ['/usr/include/krb5.h', '/usr/include/X11/XKBlib.h', '/usr/include/X11/extensions/XKBfile.h']) {
    if (!existsSync(h)) missing.push(h);
  }
  if (Number(process.versions.node.split('.')[0]) !== 20) missing.push(`Node 20 (this is ${process.version})`);
  return missing.length ? `cannot build code-server: missing ${missing.join(', ')} (see scripts/apt-packages.txt)` : undefined;
}

function isInstalled(p) {
  if (!existsSync(p.stamp) || !existsSync(p.entry)) return false;
  try {
    return JSON.parse(readFileSync(p.stamp, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function build(dir) {
  const vscodeDir = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  // Build native modules against the installed Node's headers rather than downloading them.
  const env = { ...process.env, npm_config_nodedir: '/usr', npm_config_yes: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'modelops-code-server', private: true }) + '\n');

  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], dir, env);
  run('npm', ['install', '--ignore-scripts', '--omit=dev'], vscodeDir, env);
  run('npm', ['install', '--ignore-scripts', '--omit=dev'], join(vscodeDir, 'extensions'), env);

  // @vscode/ripgrep's own post-install downloads rg; Debian's is the same program.
  const rg = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  mkdirSync(dirname(rg), { recursive: true });
  copyFileSync('/usr/bin/rg', rg);

  // Builds kerberos, spdlog, native-watchdog, node-pty, ... . node-pty's post-install then
  // fails (it runs `npx node-gyp` for a compile_commands.json) after pty.node is built:
  // harmless, and the require checks below prove every module loads.
  run('npm', ['rebuild'], vscodeDir, env, { allowFail: true });

  // What code-server's own postinstall.sh does besides installing.
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  symlinkSync('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlinkSync('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  // argon2 is loaded at start even with --auth none; build it instead of downloading it.
  run(join(dir, 'node_modules', '.bin', 'node-pre-gyp'), ['install', '--build-from-source'], join(dir, 'node_modules', 'argon2'), env);

  for (const [name, rel] of NATIVE_CHECKS) {
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(join(dir, rel))})`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} does not load after the build:\n${r.stderr.trim().split('\n').slice(-8).join('\n')}`);
  }
  log(`all ${NATIVE_CHECKS.length} native modules load`);
}

/**
 * Installs code-server unless already installed; returns its paths.
 * Builds in a sibling temp folder and renames it into place, so an interrupted install never
 * looks finished; a lock makes a concurrent caller wait for the first install.
 */
export function installCodeServer({ root = cacheRoot() } = {}) {
  const p = codeServerPaths(root);
  if (isInstalled(p)) return p;
  const why = missingPrerequisites();
  if (why) throw new Error(why);
  mkdirSync(root, { recursive: true });
  const release = acquireDirLock(`${p.dir}.lock`);
  const t0 = Date.now();
  const staging = `${p.dir}.tmp-${process.pid}`;
  try {
    if (isInstalled(p)) return p; // another process installed it while we waited
    rmSync(staging, { recursive: true, force: true });
    log(`installing code-server ${CODE_SERVER_VERSION} into ${p.dir}`);
    build(staging);
    writeFileSync(join(staging, '.installed'), JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version, at: new Date().toISOString() }) + '\n');
    rmSync(p.dir, { recursive: true, force: true });
    renameSync(staging, p.dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
  log(`done in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  return p;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const p = installCodeServer();
    process.stdout.write(`${p.entry}\n`);
  } catch (e) {
    process.stderr.write(`install-code-server: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
}
