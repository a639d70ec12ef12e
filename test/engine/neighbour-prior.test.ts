import { describe, expect, it } from 'vitest';
import { NeighbourPrior } from '../../src/engine/neighbour-prior.js';
import { CodeIndex } from '../../src/model/code-index.js';

/** Seeded int8 embeddings: a few tight clusters (similarities above 0.8) and scattered codes. */
function clusteredIndex(dim: number): CodeIndex {
  let seed = 11;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const centres = Array.from({ length: 6 }, () => Array.from({ length: dim }, rand));
  const codes: string[] = [];
  const rows: number[][] = [];
  for (let i = 0; i < 300; i++) {
    const centre = centres[i % 6]!;
    const spread = i % 5 === 0 ? 1.5 : 0.3 + 0.1 * (i % 4);
    // Half the rows keep almost all their weight in the first dimensions, where the bounds are
    // tight: pairs just above 0.8 must survive them.
    const tail = i % 2 === 0 ? 0.05 : 1;
    rows.push(centre.map((c, d) => (c + spread * rand()) * (d < 12 ? 1 : tail)));
    codes.push(`X${String(i).padStart(3, '0')}`);
  }
  const vectors = new Int8Array(codes.length * dim);
  const scale = new Float32Array(codes.length);
  rows.forEach((row, i) => {
    const max = Math.max(...row.map(Math.abs));
    const q = row.map((x) => Math.round((x / max) * 127));
    vectors.set(q, i * dim);
    scale[i] = 1 / Math.hypot(...q);
  });
  return new CodeIndex({ modelId: 'test', terminology: 'test', dim, codes, scale, vectors });
}

/** The plain scan the prior was defined by. */
function plainPrior(index: CodeIndex, seen: string[], df: (c: string) => number, code: string) {
  const dim = index.dim;
  const v = new Float32Array(dim);
  if (!index.vectorOf(code, v)) return 0;
  const s = new Float32Array(dim);
  let acc = 0;
  for (const c of seen) {
    if (c === code || !index.vectorOf(c, s)) continue;
    let sim = 0;
    for (let d = 0; d < dim; d++) sim += v[d]! * s[d]!;
    if (sim > 0.8) acc += ((sim - 0.8) / 0.2) * df(c);
  }
  return Math.log1p(acc);
}

/** Pairs whose similarity lies just above the threshold (where a loose bound would drop them). */
function nearThreshold(index: CodeIndex, seen: string[]): number {
  const a = new Float32Array(index.dim);
  let n = 0;
  for (const x of index.embeddings.codes) {
    index.vectorOf(x, a);
    for (const y of seen)
      if (y !== x && (index.similarity(a, y) ?? 0) > 0.8)
        n += Number((index.similarity(a, y) ?? 0) < 0.86);
  }
  return n;
}

describe('NeighbourPrior', () => {
  for (const dim of [16, 64]) {
    it(`equals the plain scan bit for bit (dim ${dim})`, () => {
      const index = clusteredIndex(dim);
      const seen = index.embeddings.codes.filter((_, i) => i % 3 !== 1);
      const df = (c: string): number => 1 + (c.charCodeAt(3) % 7);
      const prior = new NeighbourPrior(index, [...seen, 'UNKNOWN'], df);
      let positive = 0;
      for (const code of index.embeddings.codes) {
        const value = prior.of(code);
        expect(value).toBe(plainPrior(index, seen, df, code));
        if (value > 0) positive++;
      }
      // The clusters put many codes above the threshold and the scattered ones below it.
      expect(positive).toBeGreaterThan(100);
      expect(positive).toBeLessThan(index.size);
      expect(prior.of('NOT-A-CODE')).toBe(0);
      expect(nearThreshold(index, seen)).toBeGreaterThan(50);
    });
  }
});
