import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandYear, toIsoDate } from '../../server/isoDate';

test('two-digit years follow POSIX %y: 69-99 are 19xx, 00-68 are 20xx', () => {
  assert.equal(expandYear('00'), 2000);
  assert.equal(expandYear('68'), 2068);
  assert.equal(expandYear('69'), 1969);
  assert.equal(expandYear('99'), 1999);
  assert.equal(expandYear('1999'), 1999);
});

test('the dates people write, read as ISO 8601', () => {
  const cases: [string, string | undefined][] = [
    ['01/01/00', '2000-01-01'],
    ['12/31/99', '1999-12-31'],
    ['5/1/2024', '2024-05-01'],
    ['31/12/2023', '2023-12-31'], // the first number cannot be a month: day/month
    ['1.2.2024', '2024-02-01'], // dots: day.month
    ['2024/05/01', '2024-05-01'],
    ['2024.5.1', '2024-05-01'],
    ['20240501', '2024-05-01'],
    ['2024-05-01T12:00:00Z', '2024-05-01'],
    ['May 1, 2024', '2024-05-01'],
    ['1 May 2024', '2024-05-01'],
    ['1st September 98', '1998-09-01'],
    ['02/30/2024', undefined], // no such day
    ['2023-02-29T00:00', undefined],
    ['2024-02-29T00:00', '2024-02-29'],
    ['yesterday', undefined],
    ['Smarch 3, 2020', undefined],
    ['Mayday 3, 2020', undefined],
    ['Sept 3, 2020', '2020-09-03'],
  ];
  for (const [input, expected] of cases) assert.equal(toIsoDate(input), expected, input);
});
