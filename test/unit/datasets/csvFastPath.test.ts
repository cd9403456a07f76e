// The quote-free CSV fast path against csv-parse itself: same records for every input, at every
// chunk size; csv-parse takes over (from the right line) when a quote or odd line end shows up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvLineOf, readCsvBatches, type CsvReadOptions } from '../../../src/core/datasets/readCsv';
import { readAllRows, readBatches } from '../../../src/core/datasets/read';
import { DatasetError } from '../../../src/core/datasets/types';
import { seededRandom } from '../../../src/core/datasets/random';

const dir = mkdtempSync(join(tmpdir(), 'modelops-csvfast-'));
let seq = 0;
const file = (content: string | Buffer) => { const p = join(dir, `f${seq++}.csv`); writeFileSync(p, content); return p; };

interface Read { header?: string[]; records: string[][]; lines: (number | undefined)[]; fast: boolean }

async function read(path: string, options: CsvReadOptions = {}): Promise<Read> {
  const out: Read = { records: [], lines: [], fast: true };
  for await (const b of readCsvBatches(path, options)) {
    assert.equal(b.first, out.records.length + 1);
    out.header = b.header;
    out.records.push(...b.records);
    if (!b.lines) out.fast = false;
    out.lines.push(...(b.lines ?? b.records.map(() => undefined)));
  }
  return out;
}

/** What csv-parse makes of the whole file in one piece. */
function truth(content: string | Buffer): { header?: string[]; records: string[][] } {
  const all = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  return { header: all[0], records: all.slice(1) };
}

const CHUNKS = [1, 2, 3, 5, 7, 16, 64, undefined];

async function same(content: string | Buffer, expectFast?: boolean): Promise<void> {
  const p = file(content);
  const want = truth(content);
  const bad = want.records.findIndex((r) => r.length !== want.header!.length);
  for (const chunkSize of CHUNKS) {
    if (bad !== -1) { // then both paths stop at that row
      const message = new RegExp(`: row ${bad + 1} has ${want.records[bad].length} fields, the header has ${want.header!.length}$`);
      await assert.rejects(read(p, { chunkSize }), message);
      await assert.rejects(read(p, { chunkSize, fastPath: false }), message);
      continue;
    }
    const got = await read(p, { chunkSize });
    const what = `chunk size ${chunkSize}: ${JSON.stringify(content).slice(0, 200)}`;
    assert.deepEqual(got.records, want.records, what);
    if (want.records.length) assert.deepEqual(got.header, want.header, what);
    if (expectFast !== undefined && want.records.length) assert.equal(got.fast, expectFast, `fast path at chunk size ${chunkSize}`);
    const slow = await read(p, { chunkSize, fastPath: false });
    assert.deepEqual(slow.records, want.records, what);
  }
}

test('quote-free CSV: the fast path yields what csv-parse yields', async () => {
  const cases = [
    'a,b\n1,2\n3,4\n',
    'a,b\n1,2\n3,4', // no newline at the end
    '\uFEFFa,b\r\n1,2\r\n3,4\r\n', // BOM, CRLF
    '\uFEFFa,b\r\n1,2\r\n3,4', // CRLF, none at the end
    'a,b\r\n1,2\r\n3,4\r', // a last \r with no \n is data
    '\n\na,b\n\n1,2\n\n\n3,4\n\n', // empty lines anywhere
    'a,b\r\n\r\n1,2\r\n\r\n',
    'a,b\n ,\n1,2\n,\n1,\n,2\n', // whitespace is not empty; empty fields
    'a,b\n1,2\r\n3,4\r\n\r\n5\r6,7\n', // \n records: every \r is data
    'a,b\r\n1,2\r\r\n3\r4,5\r\n', // \r\n records: a lone \r is data
    '\uFEFF\uFEFFa,b\n1,2\n', // only the first BOM goes
    'naïve,日本語\né,😀\n𝄞x,ü\n', // multi-byte characters across chunk ends
    'a\n\n\n',
    'a,b,c\n',
    '',
    '\uFEFF',
    '\n\n\n',
    'x\n1\n2\n3',
    `${'h'.repeat(300)},b\n${'1'.repeat(500)},2\n`,
  ];
  for (const c of cases) await same(c, true);
});

test('quotes and other line ends go through csv-parse, from the first line not yet read', async () => {
  const cases = [
    'a,b\n1,"x,y"\n2,3\n',
    '"a",b\n1,2\n',
    'a,b\n1,2\n3,4\n5,"six\nlines"\n7,8\n',
    'a,b\r\n1,2\n3,4\r\n', // a bare \n in a \r\n file is data
    'a,b\r1,2\r3,4\r', // lone \r line ends
    'a,b\r1,2\n',
    '\uFEFFa,b\r\n1,2\r\n3,"4 ""x"""\r\n',
    Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le'), // UTF-16: csv-parse switches encoding
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]),
  ];
  for (const c of cases) await same(c);
  // A quote far into the file: the fast path hands out the rows before it, csv-parse the rest.
  const lines = ['a,b'];
  for (let i = 0; i < 500; i++) lines.push(`${i},${i * 2}`);
  lines.push('500,"1,000"', '501,1002');
  const text = lines.join('\n') + '\n';
  await same(text);
  const got = await read(file(text), { chunkSize: 256 });
  assert.equal(got.lines[0], 2);
  assert.equal(got.lines[got.lines.length - 1], undefined);
});

test('random CSV, quoted and not, at random chunk sizes', async () => {
  const random = seededRandom(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const plain = ['1', '2.5', '-3e4', '', ' ', 'abc', 'é', '日本', '😀', 'x y', '\r', 'a\rb'];
  const quoted = ['"q"', '"a,b"', '"line\nbreak"', '"say ""hi"""', '""'];
  for (let round = 0; round < 60; round++) {
    const width = 1 + Math.floor(random() * 4);
    const crlf = random() < 0.4;
    const withQuotes = random() < 0.3;
    const eol = crlf ? '\r\n' : '\n';
    const rows: string[] = [];
    const n = Math.floor(random() * 40);
    for (let r = 0; r <= n; r++) {
      if (random() < 0.1) { rows.push(''); continue; }
      const cells = Array.from({ length: width }, () => (withQuotes && random() < 0.1 ? pick(quoted) : pick(plain)));
      rows.push(cells.join(','));
    }
    // A field of one \r at a line end would turn \n into \r\n: keep lines from ending in \r.
    let text = (random() < 0.2 ? '\uFEFF' : '') + rows.map((r) => (r.endsWith('\r') ? r + 'z' : r)).join(eol) + (random() < 0.7 ? eol : '');
    if (/^[\r\n]*$/.test(text)) text = 'h\n';
    const p = file(text);
    const chunkSize = 1 + Math.floor(random() * 50);
    let want: ReturnType<typeof truth>;
    try {
      want = truth(text);
    } catch (e) { // a quote in mid-field: csv-parse's own error, with its line in the whole file
      const lines = (e as { lines: number }).lines;
      // …or a row of the wrong width before that, which is read first.
      await assert.rejects(read(p, { chunkSize }), (err: Error & { lines?: number }) => (err.message === (e as Error).message && err.lines === lines)
        || (err instanceof DatasetError && / row \d+ has \d+ fields/.test(err.message) && ((err as DatasetError).line === undefined || (err as DatasetError).line! < lines)));
      continue;
    }
    const bad = want.records.findIndex((r) => r.length !== want.header!.length);
    if (bad !== -1) { await assert.rejects(read(p, { chunkSize }), new RegExp(`: row ${bad + 1} has`)); continue; }
    const got = await read(p, { chunkSize });
    assert.deepEqual({ header: want.records.length ? got.header : want.header, records: got.records }, want, `round ${round}, chunk size ${chunkSize}: ${JSON.stringify(text)}`);
    const firstEnd = text.slice(text.search(/\r|\n|$/), text.search(/\r|\n|$/) + 2);
    if (!withQuotes && !/^\r(?!\n)/.test(firstEnd)) assert.equal(got.fast, true, `round ${round} should stay on the fast path`);
  }
});

test('a large quote-free file: many chunks, same records, lines and progress', async () => {
  const random = seededRandom(3);
  const lines = ['x,y,label'];
  for (let i = 0; i < 30_000; i++) lines.push(`${(random() * 10).toFixed(3)},${Math.floor(random() * 1e6)},${i % 3 ? 'yes' : 'nö'}`);
  const text = lines.join('\n') + '\n';
  const p = file(text);
  const bytes: number[] = [];
  const got = await read(p, { onBytes: (b) => bytes.push(b) });
  assert.equal(got.fast, true);
  assert.deepEqual({ header: got.header, records: got.records }, truth(text));
  assert.deepEqual(got.lines.slice(0, 3), [2, 3, 4]);
  assert.equal(got.lines[got.lines.length - 1], 30_001);
  assert.ok(bytes.length > 5, `progress reported ${bytes.length} times`);
  assert.ok(bytes.every((b, i) => i === 0 || b >= bytes[i - 1]));
  assert.equal(bytes[bytes.length - 1], statSync(p).size);
});

test('fast path lines match csvLineOf, empty lines counted', async () => {
  const p = file('a,b\n\n1,2\n\n\n3,4\n5,6');
  const got = await read(p, { chunkSize: 3 });
  assert.deepEqual(got.lines, [3, 6, 7]);
  assert.deepEqual([await csvLineOf(p, 1), await csvLineOf(p, 2), await csvLineOf(p, 3)], [3, 6, 7]);
  const rows = [];
  for await (const b of readBatches({ path: p, format: 'csv' })) rows.push(...b);
  assert.deepEqual(rows.map((r) => [r.index, r.line]), [[1, 3], [2, 6], [3, 7]]);
  assert.deepEqual(rows[0].row, { a: '1', b: '2' });
});

test('a row with the wrong number of fields names its line, on either path', async () => {
  const fast = file('a,b\n1,2\n\n3,4,5\n6,7\n');
  await assert.rejects(read(fast, { chunkSize: 4 }), (e: Error) => e instanceof DatasetError && e.message === `${fast}:4: row 2 has 3 fields, the header has 2` && (e as DatasetError).line === 4);
  await assert.rejects(read(fast, { fastPath: false }), (e: Error) => e instanceof DatasetError && e.message === `${fast}:4: row 2 has 3 fields, the header has 2`);
  const quoted = file('a,b\n"1",2\n\n3\n');
  await assert.rejects(readAllRows({ path: quoted, format: 'csv' }), (e: Error) => e instanceof DatasetError && e.message === `${quoted}:4: row 2 has 1 fields, the header has 2`);
});

test('csv-parse errors after a late hand-over keep their line in the whole file', async () => {
  const lines = ['a,b'];
  for (let i = 0; i < 300; i++) lines.push(`${i},${i}`);
  lines.push('300,"unclosed', '301,1');
  const text = lines.join('\n') + '\n';
  const p = file(text);
  let want: number | undefined;
  try { parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }); } catch (e) { want = (e as { lines: number }).lines; }
  assert.ok(want !== undefined);
  for (const chunkSize of [64, 1000, undefined]) {
    const all = async () => { for await (const b of readBatches({ path: p, format: 'csv' }, { chunkSize })) assert.ok(b.length); };
    await assert.rejects(all(), (e: Error) => e instanceof DatasetError && e.line === want && e.message.startsWith(`${p}:${want}: `));
    await assert.rejects(read(p, { chunkSize }), (e: Error & { lines?: number }) => e.lines === want);
  }
});
