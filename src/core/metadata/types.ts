// TypeScript mirror of schemas/*.schema.json. Pure types: no runtime code.
// Field names are the users' own (snake_case); keep them in step with the schemas.

/** The three kinds of metadata file a registry holds. */
export type Kind = 'model' | 'dataset' | 'results';

/** Keys starting with `x-` are accepted on every closed object (team extensions). */
export type Extensions = { [key: `x-${string}`]: unknown };

/** A pointer from one metadata file to a dataset's metadata file. */
export interface DatasetReference {
  name: string;
  version?: string;
  /** Path to the dataset's metadata file, relative to the referencing file. */
  metadata_reference?: string;
}

/** A pointer to a model's metadata file (`name`/`version` = its `model_name`/`model_version`). */
export interface ModelReference {
  name: string;
  version?: string;
  /** Path to the model's metadata file, relative to the referencing file. */
  metadata_reference?: string;
}

/** One step in a dataset's lineage: the parent and what was done to it. */
export interface DerivedFrom extends DatasetReference {
  /** What was done to the parent to get this dataset, e.g. "dropped rows with missing values". */
  transform?: string;
}

/** A structured dataset log entry (dataset operations append these). */
export interface LogRecord {
  /** ISO date or date-time. */
  date: string;
  action: string;
  description?: string;
  parameters?: Record<string, unknown>;
}
/** One log entry: a plain line or a structured record. */
export type LogEntry = string | LogRecord;
/** `log` as the users wrote it (one string) or a list of entries. */
export type DatasetLog = string | LogEntry[];

export type DataFormat = 'csv' | 'jsonl' | 'json';
/** Well-known split names; any string is allowed. */
export type SplitName = 'train' | 'validation' | 'test' | (string & {});

export interface DatasetFile {
  /** Path of the data file, relative to the metadata file. */
  path: string;
  format?: DataFormat;
  split?: SplitName;
  rows?: number;
  sha256?: string;
}

export interface DatasetColumn {
  name: string;
  /** Free-form type name, e.g. "float", "string", "category". */
  type?: string;
  description?: string;
}

export interface DatasetMetadata {
  $schema?: string;
  name: string;
  version?: string;
  log?: DatasetLog;
  /** "4.2 GB" style string, or a number of bytes. */
  size?: string | number;
  source?: string[];
  format?: string;
  privacy?: string;
  license?: string;
  citations?: string[];
  known_issues?: string[];
  /** ISO date (YYYY-MM-DD). */
  collection_date?: string;
  description?: string;
  /** Taxonomy paths such as "web/news" or "specific_datasets/finance". */
  taxonomy?: string[];
  derived_from?: DerivedFrom[];
  /** The data file, relative to the metadata file (use `files` for several). */
  path?: string;
  files?: DatasetFile[];
  rows?: number;
  /** SHA-256 of the data file (64 hex digits). */
  sha256?: string;
  columns?: DatasetColumn[];
  [key: `x-${string}`]: unknown;
}

/** Slurm resources rendered into `#SBATCH` lines. */
export interface SlurmResources {
  job_name?: string;
  partition?: string;
  nodes?: number;
  ntasks?: number;
  /** A GPU count, or "type:count" such as "a100:2". */
  gpus?: number | string;
  cpus_per_task?: number;
  /** Memory per node, e.g. "16G". */
  mem?: string;
  /** Wall time "HH:MM:SS" or "D-HH:MM:SS". */
  time?: string;
  account?: string;
  qos?: string;
  /** `module load` names. */
  modules?: string[];
  /** Shell lines run before the command. */
  setup?: string[];
  /** Raw sbatch options, e.g. "--constraint=a100". */
  extra_directives?: string[];
}

export type TrainingTarget = 'local' | 'slurm';

export interface TrainingSpec {
  command: string;
  /** Relative to the model file's folder; default that folder. */
  working_directory?: string;
  /** Extra environment variables (never secrets). */
  env?: Record<string, string>;
  /** Default "local". */
  target?: TrainingTarget;
  /** SSH host name from settings; absent = the local sbatch. */
  host?: string;
  slurm?: SlurmResources;
}

export interface ArtifactFile {
  path: string;
  description?: string;
}

export interface ModelArtifacts {
  /** ONNX file, relative to the model file. */
  onnx?: string;
  checkpoint?: string;
  files?: ArtifactFile[];
}

export type TensorDType = 'float32' | 'float64' | 'int32' | 'int64';

/** How dataset columns feed one ONNX input. */
export interface EvaluationInput {
  /** The ONNX input name. */
  name: string;
  /** Dataset columns, in order. */
  columns: string[];
  /** Default "float32". */
  dtype?: TensorDType;
  /** Per-row shape; default [columns.length]. */
  shape?: number[];
}

export type EvaluationTask = 'classification' | 'regression';
export type Decision = 'argmax' | { threshold: number };

export interface EvaluationSpec {
  dataset: DatasetReference;
  inputs: EvaluationInput[];
  label_column: string;
  task: EvaluationTask;
  /** ONNX output name; default the first output. */
  output?: string;
  /** Default "argmax" for classification. */
  decision?: Decision;
  /** Class names in output index order. */
  labels?: string[];
  split?: string;
  batch_size?: number;
}

export interface ModelCitation {
  title?: string;
  authors?: string[];
  year?: number;
  journal?: string;
  url?: string;
}

export interface ModelInputOutputDescription {
  input?: string[];
  output?: string[];
}

export interface ModelDependencies {
  libraries?: string[];
  frameworks?: string[];
}

export interface ModelMetadata {
  $schema?: string;
  model_name: string;
  model_version?: string;
  model_architecture?: string;
  hyperparameters?: Record<string, unknown>;
  /** ISO date (YYYY-MM-DD). */
  model_training_date?: string;
  model_authors?: string[];
  model_description?: string;
  training_dataset?: DatasetReference;
  validation_dataset?: DatasetReference;
  test_dataset?: DatasetReference;
  model_performance_metrics?: Record<string, unknown>;
  model_input_output_description?: ModelInputOutputDescription;
  model_limitations?: string;
  model_dependencies?: ModelDependencies;
  model_license?: string;
  model_citations?: ModelCitation[];
  /** Parameter count. */
  parameters?: number;
  model_type?: string;
  base_model?: string;
  tags?: string[];
  /** Hugging Face hub id, e.g. "org/name". */
  hf_id?: string;
  training?: TrainingSpec;
  artifacts?: ModelArtifacts;
  evaluation?: EvaluationSpec;
  [key: `x-${string}`]: unknown;
}

/** Suggested `source` values; any string is allowed. */
export type ResultsSource =
  | 'local-onnx'
  | 'lm-evaluation-harness'
  | 'open-llm-leaderboard'
  | 'manual'
  | 'imported'
  | (string & {});

export interface ResultsMetadata {
  $schema?: string;
  model: ModelReference;
  dataset: DatasetReference;
  /** Metric name → value. */
  metrics: Record<string, number>;
  split?: string;
  samples_evaluated?: number;
  duration_seconds?: number;
  /** ISO date-time. */
  evaluated_at?: string;
  source?: ResultsSource;
  task?: string;
  n_shot?: number;
  /** Free-form extras: per-class metrics, confusion matrix, ... */
  details?: Record<string, unknown>;
  notes?: string;
  [key: `x-${string}`]: unknown;
}

/** One registry in `modelops.config.json`. */
export interface RegistryConfig {
  kind: Kind;
  /** Globs relative to the config file's folder. */
  include: string[];
  exclude?: string[];
  /** Path to the team's own JSON Schema (draft 04 .. 2020-12), relative to the config file. */
  schema?: string;
}

export interface TaxonomyConfig {
  /** Extra accepted taxonomy paths. */
  extra?: string[];
}

export interface ModelOpsConfig {
  $schema?: string;
  registries: RegistryConfig[];
  taxonomy?: TaxonomyConfig;
  /** Leaderboard settings; free-form for now. */
  leaderboard?: Record<string, unknown>;
  [key: `x-${string}`]: unknown;
}

/** Map from kind to its metadata type. */
export interface MetadataByKind {
  model: ModelMetadata;
  dataset: DatasetMetadata;
  results: ResultsMetadata;
}
