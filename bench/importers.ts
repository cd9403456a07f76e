// Importers: the safetensors header read does not grow with the weights, and the corpus's 187
// score files become results files with little overhead over plain writes.
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importToFolder } from '../src/core/importers/importToFolder';
import { importModelScores } from '../src/core/importers/modelScores';
import { planImport } from '../src/core/importers/writer';
import { readSafetensorsHeader } from '../src/core/importers/safetensors';
import { stats, type Figure } from './harness';

const REPO = join(__dirname, '..');
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'llm-pretraining-behaviours', 'model_scores');

/** A real-format file whose one tensor claims `bytes` of data (sparse: nothing is stored). */
function sparseSafetensors(path: string, values: number): void {
  const header = JSON.stringify({ w: { dtype: 'F32', shape: [values], data_offsets: [0, values * 4] } });
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const fd = openSync(path, 'w');
  writeSync(fd, Buffer.concat([len, Buffer.from(header)]));
  ftruncateSync(fd, 8 + header.length + values * 4);
  closeSync(fd);
}

async function timeHeader(path: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await readSafetensorsHeader(path);
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return out;
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'modelops-bench-import-'));
  try {
    const small = join(dir, 'small.safetensors');
    const big = join(dir, 'big.safetensors');
    sparseSafetensors(small, 1024);
    sparseSafetensors(big, 4 * 2 ** 30); // 16 GiB of claimed weights
    const s = stats(await timeHeader(small, 30));
    const b = stats(await timeHeader(big, 30));
    const header: Figure = {
      name: 'safetensors parameter count, 16 GiB file (4 KiB file as baseline)', unit: 'ms', ours: b,
      baseline: { name: '4 KiB file', stats: s }, target: 'within 2x of the 4 KiB file (only the header is read)', met: b.median <= 2 * Math.max(s.median, 0.5),
    };
    // The corpus import in-process (parse, plan, schema check, atomic write) against plainly writing
    // the same texts: the machine's file-system speed cancels out, our overhead remains.
    const names = readdirSync(CORPUS).filter((n) => n.endsWith('.json')).sort();
    const ours: number[] = [];
    const plain: number[] = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `ours${i}`);
      let start = process.hrtime.bigint();
      const bundles = names.map((n) => importModelScores(readFileSync(join(CORPUS, n), 'utf8'), n));
      const report = await importToFolder(bundles, out);
      ours.push(Number(process.hrtime.bigint() - start) / 1e6);
      count = report.written.length;
      const texts = planImport(bundles, join(dir, `plain${i}`)).files.map((f) => [f.path, `${JSON.stringify(f.data, null, 2)}\n`] as const);
      start = process.hrtime.bigint();
      for (const [path, text] of texts) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      plain.push(Number(process.hrtime.bigint() - start) / 1e6);
      rmSync(out, { recursive: true, force: true });
      rmSync(join(dir, `plain${i}`), { recursive: true, force: true });
    }
    const scores: Figure = {
      name: `import of the corpus's 187 score files → ${count.toLocaleString('en')} results files (parse, plan, schema check, atomic write)`, unit: 'ms',
      ours: stats(ours), baseline: { name: 'plain writeFileSync of the same files', stats: stats(plain) },
      target: 'within 5x of plain writes', met: stats(ours).median <= 5 * stats(plain).median,
    };
    return [header, scores];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
