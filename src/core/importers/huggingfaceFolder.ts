// A local Hugging Face model folder (config.json, README.md model card, *.safetensors) → a model
// metadata object and the results of the card's model-index.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import type { ModelMetadata } from '../metadata/types';
import { fieldsFromConfig } from './hfConfig';
import { parseJsonText } from './jsonText';
import { fieldsFromCardData, firstParagraph, parseModelCard, resultsFromModelIndex } from './modelCard';
import { countFolderParameters } from './safetensors';
import { ImportError, type ImportBundle } from './types';

export interface HuggingFaceFolderOptions {
  /** model_name to use instead of the one found in the folder. */
  name?: string;
}

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

/** `…/models--org--name/snapshots/<sha>` (the hub cache's layout) → the hub id and revision. */
function fromCachePath(dir: string): { id?: string; sha?: string } {
  const parts = resolve(dir).split(sep);
  const at = parts.findIndex((p) => p.startsWith('models--'));
  if (at === -1) return {};
  const id = parts[at].slice('models--'.length).split('--').join('/');
  const sha = parts[at + 1] === 'snapshots' && /^[0-9a-f]{40}$/.test(parts[at + 2] ?? '') ? parts[at + 2] : undefined;
  return { id, sha };
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ImportError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
}

export async function importHuggingFaceFolder(dir: string, options: HuggingFaceFolderOptions = {}): Promise<ImportBundle> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ImportError(`${dir}: not a folder`, dir);
  const warnings: string[] = [];
  const configPath = join(dir, 'config.json');
  const readmePath = join(dir, 'README.md');
  const configText = await readOptional(configPath);
  const cardText = await readOptional(readmePath);
  const hasWeights = (await readdir(dir)).some((n) => n.endsWith('.safetensors'));
  if (configText === undefined && cardText === undefined && !hasWeights) {
    throw new ImportError(`${dir}: not a Hugging Face model folder (no config.json, README.md or *.safetensors)`, dir);
  }

  let config: Record<string, unknown> = {};
  if (configText !== undefined) {
    const parsed = parseJsonText(configText, configPath);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ImportError(`${configPath}: not a JSON object`, configPath);
    config = parsed as Record<string, unknown>;
  } else {
    warnings.push('no config.json: architecture and hyperparameters unknown');
  }
  const card = cardText !== undefined ? parseModelCard(cardText, readmePath) : undefined;
  const cardData = card?.data ?? {};
  const modelIndex = cardData['model-index'];

  const cache = fromCachePath(dir);
  const nameOrPath = typeof config._name_or_path === 'string' && HUB_ID.test(config._name_or_path) ? config._name_or_path : undefined;
  const indexName = Array.isArray(modelIndex) && typeof modelIndex[0]?.name === 'string' ? (modelIndex[0].name as string) : undefined;
  const hfId = cache.id ?? nameOrPath;
  // The hub id first: score files and hub imports name models that way, so results join up.
  const modelName = options.name ?? hfId ?? indexName ?? basename(resolve(dir));

  const model: ModelMetadata = { model_name: modelName };
  const fromConfig = fieldsFromConfig(config);
  const fromCard = fieldsFromCardData(cardData, warnings);
  Object.assign(model, fromConfig, fromCard);
  const libraries = [...(fromCard.model_dependencies?.libraries ?? []), ...(fromConfig.model_dependencies?.libraries ?? [])];
  if (libraries.length) model.model_dependencies = { libraries: [...new Set(libraries)] };
  const description = card && firstParagraph(card.body);
  if (description) model.model_description = description;
  if (hfId) model.hf_id = hfId;
  if (cache.sha) model['x-hf_revision'] = cache.sha;

  const counted = await countFolderParameters(dir, warnings);
  if (counted) model.parameters = counted.parameters;
  else if (!hasWeights) warnings.push('no *.safetensors files: parameter count unknown');

  const results = resultsFromModelIndex(modelIndex, { name: model.model_name }, readmePath, warnings);
  return { source: dir, model, results, warnings };
}
