import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isExtensionMessage, isQuery, isWebviewMessage } from '../../../src/core/leaderboard/messages';
import { buildRows } from '../../../src/core/leaderboard';
import { models, results } from './sample';

test('webview messages: the known types with the right fields pass, anything else fails', () => {
  for (const m of [{ type: 'ready' }, { type: 'openRow', id: 'r:x' }, { type: 'insertMarkdown', query: { sort: [{ column: 'a', direction: 'desc' }] } },
    { type: 'copyMarkdown', query: {} }, { type: 'exportCsv', query: { columns: ['a'], digits: 2 } }, { type: 'queryChanged', query: { filters: { a: '>1' } } }]) {
    assert.ok(isWebviewMessage(m), JSON.stringify(m));
  }
  for (const m of [null, 'ready', [], { type: 'openFile', path: '/etc/passwd' }, { type: 'openRow', id: 3 }, { type: 'insertMarkdown' },
    { type: 'copyMarkdown', query: { digits: -1 } }, { type: 'exportCsv', query: { sort: [{ column: 'a', direction: 'up' }] } },
    { type: 'queryChanged', query: { filters: { a: 1 } } }, { type: 'queryChanged', query: { rankDirection: 'sideways' } }]) {
    assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  }
});

test('extension messages: data is checked row by row', () => {
  const data = buildRows({ models, results });
  assert.ok(isExtensionMessage({ type: 'data', data }));
  assert.ok(isExtensionMessage({ type: 'data', data: JSON.parse(JSON.stringify(data)) }), 'survives postMessage cloning');
  assert.ok(isExtensionMessage({ type: 'status', level: 'info', text: 'Inserted' }));
  assert.ok(isExtensionMessage({ type: 'setQuery', query: { dataset: 'D' } }));
  const bad = JSON.parse(JSON.stringify(data));
  bad.rows[0].metrics.accuracy = '0.9';
  assert.ok(!isExtensionMessage({ type: 'data', data: bad }));
  assert.ok(!isExtensionMessage({ type: 'data', data: { rows: [], columns: [{ id: 'x', label: 'X', kind: 'html' }] } }));
  assert.ok(!isExtensionMessage({ type: 'status', level: 'warn', text: 'x' }));
  assert.ok(!isQuery({ limit: 1.5 }));
});
