// The dataset toolkit: streaming I/O, split, sample, sanitize, validate, derived metadata.
export * from './types';
export { formatOf } from './format';
export { readRecords, readRows, readAllRows } from './read';
export { createRowWriter, writeRows } from './write';
export { split, assignSplit } from './split';
export { sample, chooseIndices } from './sample';
export { sanitize, DatasetSanitizer } from './sanitize';
export type { SanitizeOptions, SanitizeReport } from './sanitize';
export { validate, DatasetValidator } from './validate';
export type { ValidationResult, ValidationIssue, DatasetStats } from './validate';
export { loadDataset, readMetadataFile, deriveMetadata } from './metadata';
export { splitDatasetFile, sampleDatasetFile, sanitizeDatasetFile, validateDatasetFile } from './operations';
export { Dataset } from './dataset';
