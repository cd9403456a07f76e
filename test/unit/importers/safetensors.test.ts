import assert from 'node:assert/strict';
import { openSync, closeSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './tempDirs';
import { countFolderParameters, readSafetensorsHeader } from '../../../src/core/importers/safetensors';
import { ImportError } from '../../../src/core/importers/types';
import { tinyGpt2Tensors, writeSafetensors } from './safetensorsFile';

const temp = () => tempDir('modelops-st-');

/** 8-byte length (the header's own unless `declared` is given), header, then `extra` data bytes. */
function rawFile(path: string, header: string, extra = 0, declared?: bigint): void {
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(declared ?? BigInt(Buffer.byteLength(header)));
  writeFileSync(path, Buffer.concat([len, Buffer.from(header), Buffer.alloc(extra)]));
}

test('counts parameters from a real-format header, per dtype, skipping __metadata__', async () => {
  const dir = temp();
  const file = join(dir, 'model.safetensors');
  const expected = writeSafetensors(file, [
    ...tinyGpt2Tensors(),
    { name: 'lm_head.weight', dtype: 'F16', shape: [8, 4] },
    { name: 'position_ids', dtype: 'I64', shape: [1, 16] },
  ], { format: 'pt', note: 'written by the test' });
  const h = await readSafetensorsHeader(file);
  assert.equal(expected, 4 * 8 + 16 * 4 + 4 + 4 + 48 + 12 + 16 + 4 + 4 + 4 + 64 + 16 + 64 + 4 + 4 + 4 + 32 + 16);
  assert.equal(h.parameters, expected);
  assert.deepEqual(h.byDtype, { F32: expected - 48, F16: 32, I64: 16 });
  assert.deepEqual(h.metadata, { format: 'pt', note: 'written by the test' });
  assert.equal(Object.keys(h.tensors).length, 18);
  assert.deepEqual(h.tensors['wte.weight'], { dtype: 'F32', shape: [8, 4], data_offsets: [0, 128] });
});

test('reads only the header: a 4 GiB sparse file with a tiny header is counted at once', async () => {
  const dir = temp();
  const file = join(dir, 'big.safetensors');
  const n = 1 << 30; // 2^30 F32 values = 4 GiB of "weights" that are never read
  const header = JSON.stringify({ big: { dtype: 'F32', shape: [1 << 15, 1 << 15], data_offsets: [0, n * 4] } });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const fd = openSync(file, 'w');
  writeSync(fd, Buffer.concat([len, Buffer.from(header)]));
  ftruncateSync(fd, 8 + header.length + n * 4);
  closeSync(fd);
  const before = process.memoryUsage().rss;
  const h = await readSafetensorsHeader(file);
  assert.equal(h.parameters, n);
  assert.ok(process.memoryUsage().rss - before < 256 * 1024 * 1024, 'reading the header must not load the weights');
});

test('bad files: truncated, header longer than the file, not JSON, data past the end, wrong byte count', async () => {
  const dir = temp();
  const cases: [string, (p: string) => void, RegExp][] = [
    ['short.safetensors', (p) => writeFileSync(p, Buffer.from([1, 2, 3])), /truncated safetensors file: 3 bytes/],
    ['long.safetensors', (p) => rawFile(p, '{"a":1}', 0, 1000n), /header length says 1000 bytes, but only 7 bytes follow/],
    ['huge.safetensors', (p) => rawFile(p, '{}', 0, 0xffffffffffffffffn), /header length says 18446744073709551615 bytes/],
    ['text.safetensors', (p) => writeFileSync(p, 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n'), /truncated or not a safetensors file/],
    ['notjson.safetensors', (p) => rawFile(p, '{"a": nope}'), /not valid JSON/],
    ['array.safetensors', (p) => rawFile(p, '[]'), /does not start with a JSON object/],
    ['past.safetensors', (p) => rawFile(p, '{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}', 8), /tensor 'w' ends at data byte 16, but the file holds only 8 bytes/],
    ['count.safetensors', (p) => rawFile(p, '{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}', 16), /needs 24 bytes, but data_offsets span 16/],
    ['shape.safetensors', (p) => rawFile(p, '{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}', 4), /bad shape/],
  ];
  for (const [name, make, message] of cases) {
    const p = join(dir, name);
    make(p);
    await assert.rejects(readSafetensorsHeader(p), (e: Error) => {
      assert.ok(e instanceof ImportError, `${name}: ${e}`);
      assert.match(e.message, message, name);
      assert.ok(e.message.startsWith(p), `${name}: the message names the file`);
      return true;
    });
  }
});

test('sharded folders: the index, complete shard sets, missing shards', async () => {
  const dir = temp();
  const a = writeSafetensors(join(dir, 'model-00001-of-00002.safetensors'), [{ name: 'embed.weight', dtype: 'BF16', shape: [16, 4] }, { name: 'l0.weight', dtype: 'BF16', shape: [4, 4] }]);
  const b = writeSafetensors(join(dir, 'model-00002-of-00002.safetensors'), [{ name: 'l1.weight', dtype: 'BF16', shape: [4, 4] }, { name: 'head.weight', dtype: 'F32', shape: [16, 4] }]);
  // Without an index: the complete NAME-k-of-n set.
  let warnings: string[] = [];
  assert.deepEqual(await countFolderParameters(dir, warnings), {
    parameters: a + b, byDtype: { BF16: 96, F32: 64 }, files: ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors'],
  });
  assert.deepEqual(warnings, []);
  // With the index as transformers writes it.
  const weightMap = { 'embed.weight': 'model-00001-of-00002.safetensors', 'l0.weight': 'model-00001-of-00002.safetensors', 'l1.weight': 'model-00002-of-00002.safetensors', 'head.weight': 'model-00002-of-00002.safetensors' };
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: (a - 64 + 32) * 2 }, weight_map: weightMap }, null, 2));
  assert.equal((await countFolderParameters(dir, warnings))?.parameters, 160);
  // An index naming a tensor a shard does not have is an error.
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: { ...weightMap, 'ghost.weight': 'model-00002-of-00002.safetensors' } }));
  await assert.rejects(countFolderParameters(dir, warnings), /tensor 'ghost.weight' is mapped to model-00002-of-00002.safetensors, whose header does not list it/);
  // A shard the index names is missing: no count, a warning.
  writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: { ...weightMap, 'x.weight': 'model-00003-of-00003.safetensors' } }));
  warnings = [];
  assert.equal(await countFolderParameters(dir, warnings), undefined);
  assert.match(warnings[0], /lists model-00003-of-00003.safetensors, not in the folder/);
  // No index and an incomplete set.
  const dir2 = temp();
  writeSafetensors(join(dir2, 'model-00001-of-00003.safetensors'), [{ name: 'w', dtype: 'F32', shape: [2] }]);
  warnings = [];
  assert.equal(await countFolderParameters(dir2, warnings), undefined);
  assert.match(warnings[0], /shards model-00002-of-00003.safetensors, model-00003-of-00003.safetensors missing/);
  // A malformed index is an error at its line and column.
  writeFileSync(join(dir, 'model.safetensors.index.json'), '{\n  "weight_map": {\n    "a": "b",\n  }\n}');
  await assert.rejects(countFolderParameters(dir, []), /model\.safetensors\.index\.json:4:3: not valid JSON/);
});
