import { describe, expect, it } from 'vitest';
import { createTextEmbedder, lengthBatches } from '../../src/model/create-text-embedder.js';
import { DEFAULT_FEATURIZER, type FeatureBatch } from '../../src/model/featurize-text.js';
import type { FeatureBatchRunner } from '../../src/engine/model-port.js';

const DIM = 3;

/** A row-wise model (each row depends on its own features only), counting the rows it ran. */
function fakeRunner(): FeatureBatchRunner & { rows: number } {
  const runner = {
    rows: 0,
    embed(b: FeatureBatch): Promise<Float32Array> {
      runner.rows += b.batch;
      const out = new Float32Array(b.batch * DIM);
      for (let r = 0; r < b.batch; r++)
        for (let k = 0; k < b.length; k++) {
          const id = b.ids[r * b.length + k]!;
          const w = b.weights[r * b.length + k]!;
          for (let d = 0; d < DIM; d++) out[r * DIM + d]! += w * (((id >> (d * 4)) & 15) - 7.5);
        }
      return Promise.resolve(out);
    },
  };
  return runner;
}

const embedderOf = (runner: FeatureBatchRunner, cacheSize?: number) =>
  createTextEmbedder(runner, {
    id: 'test',
    dim: DIM,
    featurizer: DEFAULT_FEATURIZER,
    batchSize: 2,
    ...(cacheSize === undefined ? {} : { cacheSize }),
  });

describe('createTextEmbedder', () => {
  const texts = ['kidney stones', 'fever', '', 'heart attack', 'fever', 'acute kidney injury'];

  it('gives each text the vector a model call of its own gives it, duplicates run once', async () => {
    const runner = fakeRunner();
    const all = await embedderOf(runner).embed(texts);
    expect(runner.rows).toBe(4);
    for (const [i, t] of texts.entries()) {
      const alone = await embedderOf(fakeRunner(), 0).embed([t]);
      expect([...all.subarray(i * DIM, (i + 1) * DIM)]).toEqual([...alone]);
    }
  });

  it('remembers vectors by text across calls, least recently used out first', async () => {
    const runner = fakeRunner();
    const embedder = embedderOf(runner, 2);
    const first = await embedder.embed(['fever', 'heart attack']);
    expect(runner.rows).toBe(2);
    const again = await embedder.embed(['heart attack', 'fever']);
    expect(runner.rows).toBe(2);
    expect([...again]).toEqual([...first.subarray(DIM), ...first.subarray(0, DIM)]);
    await embedder.embed(['kidney stones']); // "heart attack" was used least recently: it goes
    await embedder.embed(['fever']);
    expect(runner.rows).toBe(3);
    await embedder.embed(['heart attack']);
    expect(runner.rows).toBe(4);
  });

  it('remembers nothing with cacheSize 0', async () => {
    const runner = fakeRunner();
    const embedder = embedderOf(runner, 0);
    await embedder.embed(['fever']);
    await embedder.embed(['fever']);
    expect(runner.rows).toBe(2);
  });
});

describe('lengthBatches', () => {
  /** Padded slots plus the call cost of a split, the quantity lengthBatches minimizes. */
  const costOf = (lengths: number[], batches: [number, number][]): number =>
    batches.reduce((s, [from, to]) => s + 400 + (to - from) * lengths[to - 1]!, 0);

  /** Every split into consecutive batches of at most `size` (small inputs only). */
  const allSplits = (n: number, size: number): [number, number][][] => {
    if (n === 0) return [[]];
    const out: [number, number][][] = [];
    for (let last = Math.max(0, n - size); last < n; last++)
      for (const head of allSplits(last, size)) out.push([...head, [last, n]]);
    return out;
  };

  it('covers the texts in order with batches of at most `size`, at the least cost', () => {
    let seed = 3;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 30; trial++) {
      const n = 1 + Math.floor(rand() * 9);
      const size = 1 + Math.floor(rand() * 5);
      const lengths = Array.from({ length: n }, () => 1 + Math.floor(rand() ** 3 * 200)).sort(
        (a, b) => a - b,
      );
      const got = lengthBatches(lengths, size);
      expect(got[0]![0]).toBe(0);
      expect(got.at(-1)![1]).toBe(n);
      got.forEach(([from, to], k) => {
        expect(to - from).toBeGreaterThan(0);
        expect(to - from).toBeLessThanOrEqual(size);
        if (k > 0) expect(from).toBe(got[k - 1]![1]);
      });
      const least = Math.min(...allSplits(n, size).map((s) => costOf(lengths, s)));
      expect(costOf(lengths, got)).toBe(least);
    }
  });

  it('keeps short texts together and gives a long one its own batch', () => {
    expect(lengthBatches([5, 5, 6, 6, 7], 256)).toEqual([[0, 5]]);
    expect(lengthBatches([...Array.from({ length: 40 }, () => 10), 150], 256)).toEqual([
      [0, 40],
      [40, 41],
    ]);
    expect(lengthBatches([], 256)).toEqual([]);
  });
});
