// Test helper: writes a real-format safetensors file (8-byte LE header length, JSON header padded
// with spaces to 8 bytes as the reference writer does, then the tensor bytes in order).
import { writeFileSync } from 'node:fs';

export interface TestTensor {
  name: string;
  dtype: 'F32' | 'F16' | 'BF16' | 'I64' | 'U8';
  shape: number[];
}

const WIDTH = { F32: 4, F16: 2, BF16: 2, I64: 8, U8: 1 } as const;

/** Writes the file and returns its parameter count (the sum of the shapes' products). */
export function writeSafetensors(path: string, tensors: TestTensor[], metadata: Record<string, string> = { format: 'pt' }): number {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  let parameters = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    const bytes = count * WIDTH[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
    parameters += count;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  const data = Buffer.alloc(offset);
  for (let i = 0; i < offset; i++) data[i] = (i * 37) & 0xff;
  writeFileSync(path, Buffer.concat([length, Buffer.from(json), data]));
  return parameters;
}

/** The tensors of a GPT-2 with the fixture config's sizes (vocab 8, n_embd 4, n_layer 1, n_positions 16). */
export function tinyGpt2Tensors(): TestTensor[] {
  const e = 4;
  return [
    { name: 'wte.weight', dtype: 'F32', shape: [8, e] },
    { name: 'wpe.weight', dtype: 'F32', shape: [16, e] },
    { name: 'h.0.ln_1.weight', dtype: 'F32', shape: [e] },
    { name: 'h.0.ln_1.bias', dtype: 'F32', shape: [e] },
    { name: 'h.0.attn.c_attn.weight', dtype: 'F32', shape: [e, 3 * e] },
    { name: 'h.0.attn.c_attn.bias', dtype: 'F32', shape: [3 * e] },
    { name: 'h.0.attn.c_proj.weight', dtype: 'F32', shape: [e, e] },
    { name: 'h.0.attn.c_proj.bias', dtype: 'F32', shape: [e] },
    { name: 'h.0.ln_2.weight', dtype: 'F32', shape: [e] },
    { name: 'h.0.ln_2.bias', dtype: 'F32', shape: [e] },
    { name: 'h.0.mlp.c_fc.weight', dtype: 'F32', shape: [e, 4 * e] },
    { name: 'h.0.mlp.c_fc.bias', dtype: 'F32', shape: [4 * e] },
    { name: 'h.0.mlp.c_proj.weight', dtype: 'F32', shape: [4 * e, e] },
    { name: 'h.0.mlp.c_proj.bias', dtype: 'F32', shape: [e] },
    { name: 'ln_f.weight', dtype: 'F32', shape: [e] },
    { name: 'ln_f.bias', dtype: 'F32', shape: [e] },
  ];
}
