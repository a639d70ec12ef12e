import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLinkerOnnx } from '../../build/export-linker-onnx.js';
import { seededRandom } from '../../build/seeded-random.js';
import { initEncoder } from '../../build/train-linker-encoder.js';
import { DEFAULT_FEATURIZER } from '../../src/model/featurize-text.js';
import {
  initialRows,
  mulberry32Draw,
  restoreInitialRows,
} from '../../src/model/linker-initial-rows.js';
import { readLinkerConfig } from '../../src/model/linker-config.js';
import { readLinkerWeights } from '../../src/model/read-linker-onnx.js';
import { quantizeRows } from '../../src/model/static-encoder.js';

const BUCKETS = 256;
const DIM = 8;
const SEED = 20250401;

describe('the linker table initial rows', () => {
  it('draws mulberry32 at any position as the sequential generator does', () => {
    for (const seed of [0, 1, SEED, 0xffffffff]) {
      const rnd = seededRandom(seed);
      for (let k = 0; k < 2000; k++) expect(mulberry32Draw(seed, k)).toBe(rnd());
    }
  });

  it('are the table initEncoder trains from: seeded uniform values in ±sqrt(3/dim)', () => {
    const enc = initEncoder({ ...DEFAULT_FEATURIZER, buckets: BUCKETS }, DIM, SEED);
    const rnd = seededRandom(SEED);
    const a = Math.sqrt(3 / DIM);
    const want = Float32Array.from({ length: BUCKETS * DIM }, () => (rnd() * 2 - 1) * a);
    expect([...enc.table]).toEqual([...want]);
  });

  it('are found, zeroed and restored byte for byte in an ONNX file', async () => {
    const float = initEncoder({ ...DEFAULT_FEATURIZER, buckets: BUCKETS }, DIM, SEED).table;
    const trained = new Set([3, 4, 100, 255]);
    for (const r of trained)
      for (let d = 0; d < DIM; d++) float[r * DIM + d] = float[r * DIM + d]! + 0.01 * (d + 1);
    const t = quantizeRows(float, BUCKETS, DIM);
    const onnx = buildLinkerOnnx({
      buckets: BUCKETS,
      dim: DIM,
      table: t.q,
      tableScale: t.scale,
      proj: Int8Array.from({ length: DIM * DIM }, (_, i) => (i % 9) - 4),
      projScale: 0.02,
    });
    const rows = initialRows(readLinkerWeights(onnx), SEED);
    expect(rows).toEqual([...Array(BUCKETS).keys()].filter((r) => !trained.has(r)));

    const sparse = onnx.slice();
    const weights = readLinkerWeights(sparse);
    for (const r of rows) weights.table.fill(0, r * DIM, (r + 1) * DIM);
    expect(Buffer.compare(Buffer.from(sparse), Buffer.from(onnx))).not.toBe(0);
    expect(await restoreInitialRows(readLinkerWeights(sparse), SEED)).toBe(rows.length);
    expect(Buffer.compare(Buffer.from(sparse), Buffer.from(onnx))).toBe(0);
    // Another seed restores nothing (the scales do not match), so a wrong seed cannot go unseen.
    const other = onnx.slice();
    const w2 = readLinkerWeights(other);
    for (const r of rows) w2.table.fill(0, r * DIM, (r + 1) * DIM);
    expect(await restoreInitialRows(w2, SEED + 1)).toBe(0);
  });

  it('restore the committed linker.onnx from its packaged form (a quarter of the rows zeroed)', async () => {
    const models = path.resolve(import.meta.dirname, '../../models');
    const config = readLinkerConfig(
      JSON.parse(readFileSync(path.join(models, 'linker.json'), 'utf8')),
    );
    const onnx = new Uint8Array(readFileSync(path.join(models, config.files.model.file)));
    const seed = config.meta['seed'] as number;
    const weights = readLinkerWeights(onnx.slice());
    const rows = initialRows(weights, seed);
    expect(rows.length).toBe(32_750);
    for (const r of rows) weights.table.fill(0, r * weights.dim, (r + 1) * weights.dim);
    const packaged = new Uint8Array(weights.table.buffer);
    expect(await restoreInitialRows(readLinkerWeights(packaged), seed)).toBe(rows.length);
    expect(createHash('sha256').update(packaged).digest('hex')).toBe(config.files.model.sha256);
  }, 60_000);
});
