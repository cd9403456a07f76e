// A lock between processes on this machine: a folder made with mkdir (atomic), holding the owner's
// pid so a lock left by a dead process is taken over. Used so that concurrent test files do not
// install code-server or pack the VSIX at the same time.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits (polling, up to timeoutMs) until the lock is ours; returns its release function. */
export function acquireDirLock(path, { timeoutMs = 15 * 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let pid = 0;
    try {
      pid = Number(readFileSync(join(path, 'pid'), 'utf8'));
    } catch {
      // made but not yet written, or gone: stale only if old
    }
    let stale = pid ? !alive(pid) : false;
    if (!pid) {
      try {
        stale = Date.now() - statSync(path).mtimeMs > 10_000;
      } catch {
        continue;
      }
    }
    if (stale) {
      rmSync(path, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${path} (held by pid ${pid || '?'})`);
    sleepSync(250);
  }
}
