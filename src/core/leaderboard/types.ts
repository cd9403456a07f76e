// The leaderboard's data model: rows, columns and the one serialisable Query.
// Pure types: imported by the core, the CLI, the extension and the webview bundle.

/** One result: a (model, model version, dataset, dataset version, split) and its metrics. */
export interface Row {
  /** Stable key of the row; the webview sends it back to open the row's file. */
  id: string;
  dataset: string;
  datasetVersion?: string;
  split?: string;
  /** Few-shot examples of the evaluation (lm-evaluation-harness `n_shot`). */
  shots?: number;
  model: string;
  version: string;
  /** From the model file with the same name and version, when there is one. */
  trainingDate?: string;
  metrics: Record<string, number>;
  /** Shown in the Source column: the results file's `source`, else its path relative to the root. */
  source: string;
  /** Absolute path of the file the numbers come from. */
  sourcePath: string;
  /** Absolute path of the model's metadata file, when one is known. */
  modelPath?: string;
}

/** rank and integer show whole numbers; number shows `digits` decimals. */
export type ColumnKind = 'rank' | 'text' | 'date' | 'number' | 'integer';

/** Kinds whose cells are numbers: compared numerically, right-aligned. */
export const NUMERIC_KINDS: readonly ColumnKind[] = ['rank', 'number', 'integer'];

export interface Column {
  /** snake_case id used by queries, the CLI and living blocks: rank, dataset, model, f1_score, ... */
  id: string;
  /** Header text: Rank, Dataset, Model, F1 Score, ... */
  label: string;
  kind: ColumnKind;
  /** For metric columns: the key in Row.metrics. */
  metric?: string;
}

export interface SortKey {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * Everything that decides what a leaderboard shows. Plain JSON, so the webview keeps it with
 * setState, posts it to the extension, and the CLI and living blocks build it from text.
 */
export interface Query {
  /** Only this dataset ('' or absent: all datasets). */
  dataset?: string;
  /** Global filter: every whitespace-separated word must appear in some text cell. */
  text?: string;
  /** Per-column filter expressions, by column id: `> 0.9`, `0.5..0.8`, `llama`, `=exact`. */
  filters?: Record<string, string>;
  /** Multi-key sort; empty: dataset, then rank, then model. */
  sort?: SortKey[];
  /** The metric that decides Rank (a column id); absent: the first common metric. */
  rankBy?: string;
  /** 'auto' knows lower-is-better metrics (loss, perplexity, *_error, mae, ...). */
  rankDirection?: 'auto' | 'asc' | 'desc';
  /** Rank within each dataset (and split and shot count); default true. */
  rankPerDataset?: boolean;
  /** Visible columns in order, by id; absent: all. */
  columns?: string[];
  /** Decimal places for metrics; default 3. */
  digits?: number;
  /** Keep only the first N rows after sorting. */
  limit?: number;
}

/** The rows and columns a query shows, in order, with ranks filled in. */
export interface Table {
  columns: Column[];
  rows: RankedRow[];
  /** Rows before filtering (after the dataset choice). */
  total: number;
}

export interface RankedRow {
  row: Row;
  rank?: number;
}

/** What the extension gives the webview and the renderers: all rows and all known columns. */
export interface LeaderboardData {
  rows: Row[];
  columns: Column[];
}
