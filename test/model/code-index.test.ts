import { describe, expect, it } from 'vitest';
import { CodeIndex } from '../../src/model/code-index.js';
import type { CodeEmbeddings } from '../../src/model/code-embeddings.js';

/** A seeded index: codes in a few categories, int8 rows, some rows repeated (exact ties). */
function syntheticIndex(interleaved = false): CodeIndex {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const dim = 16;
  const codes: string[] = [];
  // Interleaved: the categories of one group (A01, A02) are not next to each other in the file,
  // and A02's codes repeat B20's (tied centroids: the category earlier in the file must win).
  const cats = interleaved
    ? ['A01', 'B20', 'A02', 'C34', 'E11', 'C35', 'I10', 'J44']
    : ['A01', 'B20', 'C34', 'E11', 'I10', 'J44', 'K21', 'N18'];
  for (const cat of cats) for (let k = 0; k < 40; k++) codes.push(`${cat}${k}`);
  const vectors = new Int8Array(codes.length * dim);
  const scale = new Float32Array(codes.length);
  codes.forEach((_, i) => {
    let norm = 0;
    const row = Array.from({ length: dim }, () => Math.round(rand() * 127));
    if (i % 13 === 5) row.splice(0, dim, ...Array.from(vectors.subarray((i - 1) * dim, i * dim)));
    if (interleaved && codes[i]!.startsWith('A02'))
      row.splice(0, dim, ...Array.from(vectors.subarray((i - 40) * dim, (i - 39) * dim)));
    for (const x of row) norm += x * x;
    vectors.set(row, i * dim);
    scale[i] = 1 / Math.sqrt(norm || 1);
  });
  const embeddings: CodeEmbeddings = {
    modelId: 'test',
    terminology: 'test',
    dim,
    codes,
    scale,
    vectors,
  };
  return new CodeIndex(embeddings);
}

/** What `nearest` must return: the plain scan with a stable insertion, as a predicate filter. */
function reference(
  index: CodeIndex,
  q: Float32Array,
  limit: number,
  allowed: (i: number) => boolean,
): { code: string; similarity: number }[] {
  const all = index.embeddings.codes
    .map((_, i) => i)
    .filter(allowed)
    .map((i) => ({ i, s: index.similarity(q, index.embeddings.codes[i]!)! }));
  all.sort((a, b) => b.s - a.s || a.i - b.i);
  return all.slice(0, limit).map(({ i, s }) => ({
    code: index.embeddings.codes[i]!.replace(/^(.{3})(.+)$/, '$1.$2'),
    similarity: s,
  }));
}

describe('CodeIndex.nearest', () => {
  const index = syntheticIndex();
  const mask = new Uint8Array(index.size).map((_, i) => (i % 3 === 0 ? 0 : 1));
  const queries = Array.from({ length: 40 }, (_, k) => {
    const q = new Float32Array(index.dim);
    index.vectorOf(index.embeddings.codes[(k * 37) % index.size]!, q);
    q[k % index.dim] = q[k % index.dim]! + 0.3;
    return q;
  });

  it('with a mask gives what the same filter gives, and the plain scan, ties in file order', () => {
    for (const q of queries) {
      const masked = index.nearest(q, { limit: 5, mask });
      expect(masked).toEqual(index.nearest(q, { limit: 5, filter: (_c, i) => mask[i] === 1 }));
      expect(masked).toEqual(reference(index, q, 5, (i) => mask[i] === 1));
      expect(index.nearest(q, { limit: 7 })).toEqual(reference(index, q, 7, () => true));
    }
  });

  it('probing categories with a mask gives what the filter gives', () => {
    for (const q of queries)
      for (const probe of [1, 2, 5])
        expect(index.nearest(q, { limit: 3, probe, mask })).toEqual(
          index.nearest(q, { limit: 3, probe, filter: (_c, i) => mask[i] === 1 }),
        );
  });

  it('probing within the nearest groups of categories: all groups is the one-level probe', () => {
    // Categories A01, B20, C34, E11, I10, J44, K21, N18: groups A0, B2, C3, E1, I1, J4, K2, N1.
    for (const q of queries)
      for (const probe of [1, 3]) {
        expect(index.nearest(q, { limit: 3, probe, coarse: 8, mask })).toEqual(
          index.nearest(q, { limit: 3, probe, mask }),
        );
        const one = index.nearest(q, { limit: 40, probe: 8, coarse: 1 });
        expect(new Set(one.map((h) => h.code.slice(0, 2))).size).toBe(1);
        expect(one[0]!.code.slice(0, 3)).toBe(
          index.nearest(q, { limit: 1, probe: 8, coarse: 1 })[0]!.code.slice(0, 3),
        );
      }
  });

  it('probing within groups whose categories are not next to each other in the file', () => {
    // Groups A0 (A01, A02), B2, C3 (C34, C35), E1, I1, J4: 6 groups of 8 categories.
    const mixed = syntheticIndex(true);
    // Near the centroid that B20 and A02 share: B20, earlier in the file, is the category probed.
    const nearB20 = new Float32Array(mixed.dim);
    const row = new Float32Array(mixed.dim);
    for (let k = 0; k < 40; k++) {
      mixed.vectorOf(`B20${k}`, row);
      row.forEach((x, d) => (nearB20[d] = nearB20[d]! + x));
    }
    expect(mixed.nearest(nearB20, { limit: 1, probe: 1, coarse: 6 })[0]!.code).toMatch(/^B20\./);
    for (const q of queries)
      for (const probe of [1, 3, 8]) {
        expect(mixed.nearest(q, { limit: 5, probe, coarse: 6 })).toEqual(
          mixed.nearest(q, { limit: 5, probe }),
        );
        const some = mixed.nearest(q, { limit: 40, probe, coarse: 2 });
        expect(new Set(some.map((h) => h.code.slice(0, 2))).size).toBeLessThanOrEqual(2);
      }
  });

  it('answers a repeated query from memory with an unshared copy of the same answer', () => {
    const q = queries[3]!;
    const first = index.nearest(q, { limit: 4, probe: 2, mask });
    first[0]!.similarity = -1;
    const again = index.nearest(q, { limit: 4, probe: 2, mask });
    expect(again).toEqual(
      index.nearest(q, { limit: 4, probe: 2, filter: (_c, i) => mask[i] === 1 }),
    );
    expect(again[0]!.similarity).not.toBe(-1);
    // Another limit or another mask is another question.
    expect(index.nearest(q, { limit: 2, probe: 2, mask })).toHaveLength(2);
    const none = new Uint8Array(index.size);
    expect(index.nearest(q, { limit: 4, probe: 2, mask: none })).toEqual([]);
  });

  it('rejects a mask of the wrong length', () => {
    expect(() => index.nearest(queries[0]!, { mask: new Uint8Array(3) })).toThrow(
      /mask of 320 codes, got 3/,
    );
  });
});
