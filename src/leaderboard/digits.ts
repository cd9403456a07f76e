// The `modelops.leaderboard.digits` setting meets the webview's own query: the setting is the
// default a panel starts with, and once the query has digits (the user's choice) it wins. Pure.
import { DEFAULT_DIGITS } from '../core/leaderboard/query';
import type { Query } from '../core/leaderboard/types';

/** The query to send the webview on `ready`, or undefined when its own query already shows the right digits. */
export function queryWithDefaultDigits(known: Query, setting: number): Query | undefined {
  if (known.digits !== undefined || setting === DEFAULT_DIGITS) return undefined;
  return { ...known, digits: setting };
}

/** Digits of the table the webview shows for this query (what Insert/Copy must reproduce). */
export function shownDigits(query: Query): number {
  return query.digits ?? DEFAULT_DIGITS;
}
