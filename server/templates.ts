// New files: the skeleton of a new registry file, and the file a quick fix creates at a dangling
// metadata_reference. Every template validates against its built-in schema (a test checks).
import type { Kind } from '../src/core/metadata/types';

export function fileTemplate(kind: Kind, name?: string, version?: string): string {
  const value: Record<Kind, object> = {
    dataset: { name: name || 'new-dataset', version: version || '1.0', description: '', source: [], license: '', known_issues: [] },
    model: { model_name: name || 'new-model', model_version: version || '1.0', model_description: '' },
    results: { model: { name: name || 'model-name' }, dataset: { name: 'dataset-name' }, metrics: {} },
  };
  return JSON.stringify(value[kind], null, 2) + '\n';
}

/** A snippet with tab stops for an empty file of this kind (the required fields first). */
export function skeletonSnippet(kind: Kind): string {
  const body: Record<Kind, string[]> = {
    dataset: ['"name": "${1:dataset-name}"', '"version": "${2:1.0}"', '"description": "$3"', '"license": "$4"', '"source": [$5]', '"taxonomy": ["${6:specific_datasets/focus}"]', '"known_issues": []'],
    model: ['"model_name": "${1:model-name}"', '"model_version": "${2:1.0}"', '"model_architecture": "$3"', '"model_description": "$4"', '"training_dataset": {\n\t\t"name": "$5",\n\t\t"version": "$6",\n\t\t"metadata_reference": "$7"\n\t}'],
    results: ['"model": { "name": "${1:model-name}" }', '"dataset": { "name": "${2:dataset-name}" }', '"metrics": {\n\t\t"accuracy": ${3:0}\n\t}'],
  };
  return '{\n\t' + body[kind].join(',\n\t') + '\n}\n';
}
