// Runs an installed code-server with a fresh profile: used by `npm start` and the e2e harness.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** User settings of a fresh profile: no trust prompt, no welcome page, no telemetry, no updates. */
export const PROFILE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Makes a fresh profile (user data, extensions, code-server config) under `root`. */
export function createProfile(root, extraSettings = {}) {
  const profile = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    configFile: join(root, 'config.yaml'),
    logFile: join(root, 'code-server.log'),
  };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...PROFILE_SETTINGS, ...extraSettings }, null, 2) + '\n');
  // Our own config file, so code-server does not write one into ~/.config.
  writeFileSync(profile.configFile, 'auth: none\ncert: false\n');
  return profile;
}

function profileArgs(profile) {
  return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a VSIX into the profile with code-server's own `--install-extension`. */
export function installVsix(entry, profile, vsix) {
  const r = spawnSync(process.execPath, [entry, ...profileArgs(profile), '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${out.trim()}`);
  return out.trim();
}

/** `--list-extensions --show-versions`: ids like `modelops.modelops@0.1.0`. */
export function listExtensions(entry, profile) {
  const r = spawnSync(process.execPath, [entry, ...profileArgs(profile), '--list-extensions', '--show-versions'], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`code-server --list-extensions failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').map((s) => s.trim()).filter(Boolean);
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1:port in its own process group (so stop() ends it and every
 * extension host it started), logging to profile.logFile. Resolves once /healthz answers.
 */
export async function startCodeServer({ entry, profile, port, folder, readyTimeoutMs = 60_000 }) {
  const fd = openSync(profile.logFile, 'a');
  const args = [
    entry,
    ...profileArgs(profile),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const url = `http://127.0.0.1:${port}/`;

  const stop = async (timeoutMs = 10_000) => {
    if (exited) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = new Promise((resolve) => setTimeout(resolve, timeoutMs, 'timeout'));
    if ((await Promise.race([exit, timer])) === 'timeout') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exit;
    }
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}) before answering; see ${profile.logFile}`);
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs / 1000}s; see ${profile.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url, folderUrl: `${url}?folder=${encodeURIComponent(folder)}`, stop, exited: () => exited };
}
