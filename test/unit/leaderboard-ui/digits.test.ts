import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queryWithDefaultDigits, shownDigits } from '../../../src/leaderboard/digits';

test('the digits setting fills in a query without digits, never over the user\'s choice', () => {
  assert.deepEqual(queryWithDefaultDigits({ dataset: 'd' }, 2), { dataset: 'd', digits: 2 });
  assert.equal(queryWithDefaultDigits({ digits: 4 }, 2), undefined, 'the user chose 4');
  assert.equal(queryWithDefaultDigits({}, 3), undefined, 'the default needs no message');
  assert.deepEqual(queryWithDefaultDigits({ digits: 0 }, 5), undefined, '0 is a choice, not absence');
});

test('inserted tables use the digits the webview shows', () => {
  assert.equal(shownDigits({}), 3);
  assert.equal(shownDigits({ digits: 0 }), 0);
  assert.equal(shownDigits({ digits: 6 }), 6);
});
