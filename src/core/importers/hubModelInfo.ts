// A hub model-info object → model metadata + model-index results. Accepts the HTTP API's
// camelCase (`cardData`, `createdAt`) and huggingface_hub's ModelInfo snake_case (`card_data`,
// `model_index`), which is how the corpus's model_metadata files were saved.
import type { ModelMetadata } from '../metadata/types';
import { fieldsFromConfig } from './hfConfig';
import { fieldsFromCardData, resultsFromModelIndex } from './modelCard';
import { ImportError, type ImportBundle } from './types';
import { isObj } from './values';


/** Tag prefixes whose information lands in its own field (or is hub bookkeeping). */
const FIELD_TAGS = /^(region|license|dataset|arxiv|base_model|doi):/;

export function modelFromHubInfo(info: unknown, source: string): ImportBundle {
  if (!isObj(info)) throw new ImportError(`${source}: not a hub model-info object`);
  const id = typeof info.id === 'string' ? info.id : typeof info.modelId === 'string' ? info.modelId : undefined;
  if (!id) throw new ImportError(`${source}: no model "id": not hub model-info`);
  const warnings: string[] = [];
  const cardData = isObj(info.cardData) ? info.cardData : isObj(info.card_data) ? info.card_data : {};
  const config = isObj(info.config) ? info.config : {};
  const tags = Array.isArray(info.tags) ? info.tags.filter((t): t is string => typeof t === 'string') : [];
  const tagged = (prefix: string) => tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));

  const model: ModelMetadata = { model_name: id, hf_id: id };
  Object.assign(model, fieldsFromConfig(config));
  const card = fieldsFromCardData(cardData, warnings);
  Object.assign(model, card);
  const author = typeof info.author === 'string' ? info.author : id.includes('/') ? id.split('/')[0] : undefined;
  if (author) model.model_authors = [author];
  if (!model.model_license && tagged('license:').length) model.model_license = tagged('license:')[0];
  if (!model.training_dataset && tagged('dataset:').length) model.training_dataset = { name: tagged('dataset:')[0] };
  const bases = tagged('base_model:').filter((b) => b.includes('/')).map((b) => b.split(':').pop()!);
  if (!model.base_model && bases.length) model.base_model = bases[0];
  const allTags = [...new Set([...(card.tags ?? []), ...tags.filter((t) => !FIELD_TAGS.test(t))])];
  if (allTags.length) model.tags = allTags;
  const arxiv = tagged('arxiv:');
  if (arxiv.length) model.model_citations = arxiv.map((a) => ({ url: `https://arxiv.org/abs/${a}` }));
  if (typeof info.library_name === 'string' && !model.model_dependencies) model.model_dependencies = { libraries: [info.library_name] };
  const safetensors = isObj(info.safetensors) ? info.safetensors : undefined;
  if (typeof safetensors?.total === 'number' && Number.isSafeInteger(safetensors.total)) model.parameters = safetensors.total;
  else warnings.push(`${id}: the hub reports no safetensors parameter count`);
  if (typeof info.sha === 'string') model['x-hf_revision'] = info.sha;

  const modelIndex = cardData['model-index'] ?? info['model-index'] ?? info.model_index;
  const results = resultsFromModelIndex(modelIndex, { name: id }, `${source} model-index`, warnings);
  return { source, model, results, warnings };
}
