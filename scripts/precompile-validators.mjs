// esbuild plugin: bundles get the built-in schemas' validators precompiled (src/core/metadata/precompile.ts)
// in place of the empty src/core/metadata/precompiled.ts, so they skip ajv's compile at start-up.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs precompile.ts (bundled, since this is plain node) and returns the module text it makes. */
async function generate() {
  const dir = mkdtempSync(join(tmpdir(), 'modelops-precompile-'));
  try {
    const out = join(dir, 'precompile.js');
    await esbuild.build({
      entryPoints: [join(ROOT, 'src/core/metadata/precompile.ts')], outfile: out, bundle: true, platform: 'node',
      format: 'cjs', mainFields: ['module', 'main'], logLevel: 'warning',
    });
    return createRequire(import.meta.url)(out).precompiledSource();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function precompiledValidators() {
  let source; // one generation per build, shared by the bundles
  return {
    name: 'precompiled-validators',
    setup(build) {
      build.onStart(() => { source = undefined; });
      build.onLoad({ filter: /[\\/]src[\\/]core[\\/]metadata[\\/]precompiled\.ts$/ }, async () => ({
        contents: (source ??= generate()) && (await source),
        loader: 'js',
        resolveDir: ROOT,
        watchFiles: readdirSync(join(ROOT, 'schemas')).map((f) => join(ROOT, 'schemas', f))
          .concat(['precompile.ts', 'schemaValidator.ts', 'builtinSchemas.ts'].map((f) => join(ROOT, 'src/core/metadata', f))),
      }));
    },
  };
}
