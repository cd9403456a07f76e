// The registry snapshot the views get, from the real language server (dist/server.js) over stdio,
// for examples/ and for a temp copy of the corpus configured with its own schemas.
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importToFolder } from '../../../src/core/importers/importToFolder';
import { importModelScores } from '../../../src/core/importers/modelScores';
import type { RegistryResult } from '../../../src/core/protocol';
import type { RegistryTree, ViewNode } from '../../../src/core/registryViews/tree';
import { LspClient } from '../../server/lspClient';

export const EXAMPLES = resolve('examples');
export const CORPUS = resolve('..', 'shared', 'corpus', 'llm-pretraining-behaviours');

export async function registryOf(folder: string): Promise<RegistryResult> {
  const client = await LspClient.start({ folders: [folder] });
  try {
    return await client.request<RegistryResult>('modelops/registry', {});
  } finally {
    await client.stop();
  }
}

/** A temp copy of the corpus, its config pointing at its own schemas, and some of its scores imported. */
export async function corpusWorkspace(scoreFiles: string[]): Promise<{ root: string; dispose(): void }> {
  const root = mkdtempSync(join(tmpdir(), 'modelops-views-corpus-'));
  cpSync(CORPUS, join(root, 'metadata'), { recursive: true });
  writeFileSync(join(root, 'metadata', 'modelops.config.json'), JSON.stringify({
    registries: [
      { kind: 'model', include: ['model_metadata/*.json'], schema: 'model_metadata_schema.json' },
      { kind: 'dataset', include: ['dataset_metadata/*.json'], schema: 'dataset_metadata_schema.json' },
      { kind: 'results', include: ['model_scores/*.json'], schema: 'model_results_schema.json' },
      { kind: 'results', include: ['imported/**/*.results.json'] },
    ],
  }, null, 2));
  const bundles = [];
  for (const f of scoreFiles) bundles.push(importModelScores(await readFile(join(CORPUS, 'model_scores', f), 'utf8'), f));
  await importToFolder(bundles, join(root, 'metadata', 'imported'));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

export function corpusCount(folder: string): number {
  return readdirSync(join(CORPUS, folder)).filter((n) => n.endsWith('.json')).length;
}

/** Every node below `node`, depth first, expanding up to `depth` levels. */
export async function descend(tree: RegistryTree, nodes: ViewNode[], depth: number): Promise<ViewNode[]> {
  const out: ViewNode[] = [];
  for (const n of nodes) {
    out.push(n);
    if (depth > 0 && n.expandable) out.push(...(await descend(tree, await tree.children(n), depth - 1)));
  }
  return out;
}

export const labels = (nodes: ViewNode[]) => nodes.map((n) => n.label);
