#!/usr/bin/env node
// `npm start`: builds, packs the VSIX, installs it into a fresh code-server profile, opens
// examples/ in a real VS Code workbench and prints its URL. Runs until Ctrl+C.
// Env: PORT (default: a free one), MODELOPS_CACHE (where code-server is installed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProfile, freePort, installVsix, startCodeServer } from './code-server.mjs';
import { installCodeServer } from './install-code-server.mjs';
import { packageVsix, repoRoot } from './package.mjs';

function log(msg) {
  process.stderr.write(`[start] ${msg}\n`);
}

async function main() {
  const t0 = Date.now();
  const vsix = packageVsix();
  const { entry } = installCodeServer();
  const profile = createProfile(mkdtempSync(join(tmpdir(), 'modelops-start-')));
  let server;
  let stopping = false;
  const cleanup = async () => {
    stopping = true;
    await server?.stop();
    rmSync(profile.root, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      log('stopping code-server');
      void cleanup().then(() => process.exit(0));
    });
  }
  try {
    installVsix(entry, profile, vsix.path);
    const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);
    server = await startCodeServer({ entry, profile, port, folder: join(repoRoot, 'examples') });
  } catch (e) {
    await cleanup();
    throw e;
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s; code-server log: ${profile.logFile}`);
  process.stdout.write(`\nModelOps in VS Code: ${server.folderUrl}\n(Ctrl+C to stop)\n\n`);
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    log(`code-server exited (${signal ?? code}); see ${profile.logFile}`);
    rmSync(profile.root, { recursive: true, force: true });
    process.exit(1);
  });
}

main().catch((e) => {
  process.stderr.write(`start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
