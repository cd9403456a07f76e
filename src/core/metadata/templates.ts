// New metadata files: the skeletons the language server offers (an empty file, a quick fix's new
// file) and the files the "New Model Spec / Dataset / Results" commands write. Pure, so the
// extension, the server, the CLI and tests share them; every template validates (tests check).
import type { DatasetMetadata, DatasetReference, Kind, ModelMetadata, ModelReference, ResultsMetadata } from './types';

export function fileTemplate(kind: Kind, name?: string, version?: string): string {
  const value: Record<Kind, object> = {
    dataset: { name: name || 'new-dataset', version: version || '1.0', description: '', source: [], license: '', known_issues: [] },
    model: { model_name: name || 'new-model', model_version: version || '1.0', model_description: '' },
    // The schema wants at least one metric: the snippet's placeholder, to be replaced.
    results: { model: { name: name || 'model-name' }, dataset: { name: 'dataset-name' }, metrics: { accuracy: 0 } },
  };
  return JSON.stringify(value[kind], null, 2) + '\n';
}

/** A snippet with tab stops for an empty file of this kind (the required fields first). */
export function skeletonSnippet(kind: Kind): string {
  const body: Record<Kind, string[]> = {
    dataset: ['"name": "${1:dataset-name}"', '"version": "${2:1.0}"', '"description": "$3"', '"license": "$4"', '"source": [$5]', '"taxonomy": ["${6:specific_datasets/focus}"]', '"known_issues": []'],
    model: ['"model_name": "${1:model-name}"', '"model_version": "${2:1.0}"', '"model_architecture": "$3"', '"model_description": "$4"', '"training_dataset": {\n\t\t"name": "${5:dataset-name}",\n\t\t"version": "${6:1.0}",\n\t\t"metadata_reference": "${7:../datasets/dataset-name.dataset.json}"\n\t}'],
    results: ['"model": { "name": "${1:model-name}" }', '"dataset": { "name": "${2:dataset-name}" }', '"metrics": {\n\t\t"accuracy": ${3:0}\n\t}'],
  };
  return '{\n\t' + body[kind].join(',\n\t') + '\n}\n';
}

export interface NewModelAnswers {
  name: string;
  version?: string;
  architecture?: string;
  trainingDataset?: DatasetReference;
  /** ISO date; default none (the model is not trained yet). */
  trainingDate?: string;
}

export function newModelMetadata(a: NewModelAnswers): ModelMetadata {
  return {
    model_name: a.name,
    model_version: a.version || '0.1.0',
    ...(a.architecture ? { model_architecture: a.architecture } : {}),
    model_description: '',
    ...(a.trainingDate ? { model_training_date: a.trainingDate } : {}),
    model_authors: [],
    hyperparameters: { learning_rate: 0.001, batch_size: 32, epochs: 10 },
    ...(a.trainingDataset ? { training_dataset: a.trainingDataset } : {}),
    model_performance_metrics: {},
    model_license: '',
  };
}

export interface NewDatasetAnswers {
  name: string;
  version?: string;
  taxonomy?: string[];
  derivedFrom?: DatasetReference[];
  description?: string;
}

export function newDatasetMetadata(a: NewDatasetAnswers): DatasetMetadata {
  return {
    name: a.name,
    version: a.version || '1.0',
    description: a.description ?? '',
    ...(a.taxonomy?.length ? { taxonomy: a.taxonomy } : {}),
    ...(a.derivedFrom?.length ? { derived_from: a.derivedFrom } : {}),
    source: [],
    license: '',
    known_issues: [],
  };
}

export interface NewResultsAnswers {
  model: ModelReference;
  dataset: DatasetReference;
  /** At least one (the schema's rule). */
  metrics: Record<string, number>;
  split?: string;
}

export function newResultsMetadata(a: NewResultsAnswers): ResultsMetadata {
  return {
    model: a.model,
    dataset: a.dataset,
    ...(a.split ? { split: a.split } : {}),
    metrics: a.metrics,
    source: 'manual',
  };
}

/** A modelops.config.json that spells out the default rules, for a team to edit. */
export function configTemplate(): string {
  return JSON.stringify({
    registries: [
      { kind: 'model', include: ['**/*.model.json', '**/model_metadata/**/*.json'] },
      { kind: 'dataset', include: ['**/*.dataset.json', '**/dataset_metadata/**/*.json'] },
      { kind: 'results', include: ['**/*.results.json', '**/results/**/*.json'] },
    ],
    taxonomy: { extra: [] },
  }, null, 2) + '\n';
}
