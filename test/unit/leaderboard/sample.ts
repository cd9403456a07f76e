// Sample index entries shaped like the users' files (model metadata and results files).
import type { EntryLike } from '../../../src/core/leaderboard';

export const ROOT = '/repo';

export function model(name: string, version: string, date: string, test: string | undefined, metrics: Record<string, number>): EntryLike {
  return {
    path: `${ROOT}/models/${name.replace(/[^\w.-]+/g, '_')}-${version}.json`,
    data: {
      model_name: name, model_version: version, model_training_date: date,
      training_dataset: { name: 'Train', version: '1.0', metadata_reference: 'datasets/train.json' },
      ...(test ? { test_dataset: { name: test, version: '1.0', metadata_reference: `datasets/${test}.json` } } : {}),
      model_performance_metrics: metrics,
    },
  };
}

export function result(file: string, m: [string, string], dataset: string, metrics: Record<string, number>, extra: Record<string, unknown> = {}): EntryLike {
  return {
    path: `${ROOT}/results/${file}`,
    data: { model: { name: m[0], version: m[1] }, dataset: { name: dataset, version: '1.0' }, metrics, ...extra },
  };
}

/** The users' example: image classifiers on two test sets. */
export const models: EntryLike[] = [
  model('ResNet-50', '1.0', '2023-04-27', 'ImageNet-val', { accuracy: 0.95, precision: 0.96, recall: 0.94, f1_score: 0.95 }),
  model('ViT-B/16', '2.1', '2023-06-02', 'ImageNet-val', { accuracy: 0.97, precision: 0.96, recall: 0.97, f1_score: 0.965 }),
  model('MobileNet', '3.0', '2022-11-15', 'ImageNet-val', { accuracy: 0.91, precision: 0.9, recall: 0.92, f1_score: 0.91 }),
  model('EfficientNet', '0.9', '2023-01-09', undefined, {}),
];

export const results: EntryLike[] = [
  // Wins over ViT's own numbers on ImageNet-val.
  result('vit-imagenet.json', ['ViT-B/16', '2.1'], 'ImageNet-val', { accuracy: 0.972, precision: 0.961, recall: 0.975, f1_score: 0.968 }, { source: 'eval-harness' }),
  result('resnet-cifar.json', ['ResNet-50', '1.0'], 'CIFAR-10', { accuracy: 0.93, precision: 0.92, recall: 0.93, f1_score: 0.925 }),
  result('effnet-cifar.json', ['EfficientNet', '0.9'], 'CIFAR-10', { accuracy: 0.94, precision: 0.95, recall: 0.93, f1_score: 0.94, loss: 0.21 }),
  result('mobilenet-cifar.json', ['MobileNet', '3.0'], 'CIFAR-10', { accuracy: 0.93, precision: 0.9, recall: 0.94, f1_score: 0.92, loss: 0.35 }),
];
