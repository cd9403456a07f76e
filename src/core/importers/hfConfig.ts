// A transformers `config.json` → the model metadata fields it can fill.
import type { ModelMetadata } from '../metadata/types';

/** Size and shape settings worth showing as hyperparameters (transformers' names, several families). */
const HYPERPARAMETER_KEYS = [
  'hidden_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'intermediate_size',
  'vocab_size', 'max_position_embeddings', 'hidden_act', 'rope_theta', 'rms_norm_eps', 'layer_norm_eps',
  'tie_word_embeddings', 'torch_dtype', 'num_local_experts', 'num_experts_per_tok', 'sliding_window',
  // GPT-2 / GPT-J / BLOOM / T5 spellings of the same things.
  'n_embd', 'n_layer', 'n_head', 'n_positions', 'n_ctx', 'n_inner', 'd_model', 'd_ff', 'num_layers', 'num_heads',
];

export function fieldsFromConfig(config: Record<string, unknown>): Partial<ModelMetadata> {
  const out: Partial<ModelMetadata> = {};
  const archs = config.architectures;
  if (Array.isArray(archs) && typeof archs[0] === 'string') out.model_architecture = archs[0];
  if (typeof config.model_type === 'string') out.model_type = config.model_type;
  const hyper: Record<string, unknown> = {};
  for (const k of HYPERPARAMETER_KEYS) {
    const v = config[k];
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') hyper[k] = v;
  }
  if (Object.keys(hyper).length) out.hyperparameters = hyper;
  if (typeof config.transformers_version === 'string') {
    out.model_dependencies = { libraries: [`transformers==${config.transformers_version}`] };
  }
  return out;
}
