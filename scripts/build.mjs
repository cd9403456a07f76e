// Bundles every entry point with esbuild. Type-checking is separate (`npm run typecheck`).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { precompiledValidators } from './precompile-validators.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** One row per bundle: where it starts, where it goes, and where it runs. */
const entries = [
  { in: 'src/extension.ts', out: 'dist/extension.js', platform: 'node', external: ['vscode'] },
  { in: 'server/server.ts', out: 'dist/server.js', platform: 'node' },
  // The CLI's commands other than validate load from their own bundle, only when run (onDemand.ts).
  { in: 'src/cli/main.ts', out: 'dist/cli.js', platform: 'node', onDemand: { './onDemand': './cliOnDemand.js' } },
  { in: 'src/cli/commands/onDemand.ts', out: 'dist/cliOnDemand.js', platform: 'node' },
  // The only bundle that loads onnxruntime (a native module, so it stays in node_modules).
  { in: 'src/core/evaluation/worker.ts', out: 'dist/evalWorker.js', platform: 'node', external: ['onnxruntime-node'] },
  { in: 'webview/leaderboard/main.ts', out: 'dist/webview/leaderboard.js', platform: 'browser' },
  { in: 'webview/lineage/main.ts', out: 'dist/webview/lineage.js', platform: 'browser' },
  { in: 'webview/training/main.ts', out: 'dist/webview/training.js', platform: 'browser' },
];

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser and vscode-json-languageservice ship UMD as `main`, which esbuild cannot follow.
  mainFields: ['module', 'main'],
};

const contexts = [];
for (const e of entries.filter((e) => existsSync(e.in))) {
  const options = {
    ...common,
    entryPoints: [e.in],
    outfile: e.out,
    platform: e.platform,
    format: e.platform === 'browser' ? 'iife' : 'cjs',
    target: e.platform === 'browser' ? 'chrome120' : 'node20',
    external: e.external ?? [],
    loader: { '.node': 'copy' },
    // An import named in `onDemand` stays a run-time require of the other bundle.
    plugins: [...(e.onDemand ? [{
      name: 'on-demand',
      setup(build) {
        build.onResolve({ filter: /^\.\// }, (args) => (e.onDemand[args.path] ? { path: e.onDemand[args.path], external: true } : undefined));
      },
    }] : []), ...(e.platform === 'node' ? [precompiledValidators()] : [])],
  };
  if (watch) contexts.push(await esbuild.context(options));
  else await esbuild.build(options);
}
if (watch) await Promise.all(contexts.map((c) => c.watch()));
