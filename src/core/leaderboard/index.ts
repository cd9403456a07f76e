// The leaderboard core: rows from the index, the Query, markdown/CSV/records, living blocks, messages.
export * from './types';
export { buildRows, columnsFor, fileForRow, type EntryLike, type RowInputs } from './rows';
export { runQuery, applyQuery, findColumn, formatCell, cellValue, defaultRankColumn, DEFAULT_DIGITS, type QueryResult } from './query';
export { compileFilter, parseColumnFilter, FilterError } from './filter';
export { lowerIsBetter, metricLabel, normalizeColumnId } from './metrics';
export { toMarkdown, tableToMarkdown, escapeCell } from './markdown';
export { toCsv, tableToCsv } from './csv';
export { tableToRecords } from './records';
export { findBlocks, refreshBlocks, attributesToQuery, parseSortKey, parseSortList, parseFilterList } from './living';
