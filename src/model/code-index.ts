/**
 * Nearest codes to an embedding, over the code-embedding file (int8 rows, one scale each).
 * A brute-force scan: 97,584 codes × 64 dimensions is a few milliseconds per query.
 */
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeEmbeddings } from './code-embeddings.js';

export interface CodeNeighbour {
  /** Dotted code. */
  code: string;
  similarity: number;
}

export interface NearestOptions {
  limit?: number;
  /** Only codes this predicate accepts (dotless). */
  filter?: (code: string, index: number) => boolean;
  minSimilarity?: number;
  /**
   * Approximate search: only the codes of the `probe` categories (3-character) whose centroid
   * is nearest are scanned (an inverted-file index over the hierarchy). Default: exact scan.
   */
  probe?: number;
}

export class CodeIndex {
  readonly dim: number;
  readonly modelId: string;
  private readonly byCode = new Map<string, number>();
  private readonly vectors: Float32Array;
  private categories?: { centroids: Float32Array; members: Int32Array[] };

  constructor(readonly embeddings: CodeEmbeddings) {
    this.dim = embeddings.dim;
    this.modelId = embeddings.modelId;
    embeddings.codes.forEach((c, i) => this.byCode.set(c, i));
    const { dim, scale, vectors } = embeddings;
    this.vectors = new Float32Array(vectors.length);
    for (let i = 0; i < embeddings.codes.length; i++) {
      const s = scale[i]!;
      for (let d = 0; d < dim; d++) this.vectors[i * dim + d] = vectors[i * dim + d]! * s;
    }
  }

  get size(): number {
    return this.embeddings.codes.length;
  }

  has(code: string): boolean {
    return this.byCode.has(toDotless(code));
  }

  /** Copies a code's (dequantized) embedding into `out` at `offset`; false for unknown codes. */
  vectorOf(code: string, out: Float32Array, offset = 0): boolean {
    const i = this.byCode.get(toDotless(code));
    if (i === undefined) return false;
    out.set(this.vectors.subarray(i * this.dim, (i + 1) * this.dim), offset);
    return true;
  }

  /** Cosine similarity of a unit vector with a code's embedding; undefined for unknown codes. */
  similarity(vector: Float32Array, code: string, offset = 0): number | undefined {
    const i = this.byCode.get(toDotless(code));
    if (i === undefined) return undefined;
    let s = 0;
    const o = i * this.dim;
    for (let d = 0; d < this.dim; d++) s += vector[offset + d]! * this.vectors[o + d]!;
    return s;
  }

  /** The codes nearest to `vector` (a row of `[n, dim]` at `offset`), best first. */
  nearest(vector: Float32Array, options: NearestOptions = {}, offset = 0): CodeNeighbour[] {
    const limit = options.limit ?? 10;
    const min = options.minSimilarity ?? -Infinity;
    const { dim } = this;
    const q = vector.subarray(offset, offset + dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += q[d]! * q[d]!;
    if (norm === 0) return [];
    const topScore: number[] = [];
    const topIndex: number[] = [];
    const codes = this.embeddings.codes;
    const v = this.vectors;
    const scan = options.probe ? this.probeCategories(q, options.probe) : undefined;
    const n = scan ? scan.length : codes.length;
    for (let k = 0; k < n; k++) {
      const i = scan ? scan[k]! : k;
      const o = i * dim;
      let s = 0;
      for (let d = 0; d < dim; d++) s += q[d]! * v[o + d]!;
      if (s < min || (topScore.length >= limit && s <= topScore[topScore.length - 1]!)) continue;
      if (options.filter && !options.filter(codes[i]!, i)) continue;
      let at = topScore.length;
      while (at > 0 && topScore[at - 1]! < s) at--;
      topScore.splice(at, 0, s);
      topIndex.splice(at, 0, i);
      if (topScore.length > limit) {
        topScore.pop();
        topIndex.pop();
      }
    }
    return topIndex.map((i, k) => ({ code: toDotted(codes[i]!), similarity: topScore[k]! }));
  }

  private probeCategories(q: Float32Array, probe: number): Int32Array {
    if (!this.categories) {
      const byCat = new Map<string, number[]>();
      this.embeddings.codes.forEach((c, i) => {
        const cat = c.slice(0, 3);
        let l = byCat.get(cat);
        if (!l) byCat.set(cat, (l = []));
        l.push(i);
      });
      const members = [...byCat.values()].map((l) => Int32Array.from(l));
      const centroids = new Float32Array(members.length * this.dim);
      members.forEach((m, k) => {
        let norm = 0;
        for (const i of m)
          for (let d = 0; d < this.dim; d++)
            centroids[k * this.dim + d] =
              centroids[k * this.dim + d]! + this.vectors[i * this.dim + d]!;
        for (let d = 0; d < this.dim; d++) norm += centroids[k * this.dim + d]! ** 2;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < this.dim; d++)
          centroids[k * this.dim + d] = centroids[k * this.dim + d]! / norm;
      });
      this.categories = { centroids, members };
    }
    const { centroids, members } = this.categories;
    const scores = new Float32Array(members.length);
    for (let k = 0; k < members.length; k++) {
      let s = 0;
      for (let d = 0; d < this.dim; d++) s += q[d]! * centroids[k * this.dim + d]!;
      scores[k] = s;
    }
    // Partial selection of the `probe` best categories (insertion into a short sorted list).
    const best: number[] = [];
    for (let k = 0; k < scores.length; k++) {
      const s = scores[k]!;
      if (best.length >= probe && s <= scores[best[best.length - 1]!]!) continue;
      let at = best.length;
      while (at > 0 && scores[best[at - 1]!]! < s) at--;
      best.splice(at, 0, k);
      if (best.length > probe) best.pop();
    }
    const total = best.reduce((n, k) => n + members[k]!.length, 0);
    const out = new Int32Array(total);
    let at = 0;
    for (const k of best) {
      out.set(members[k]!, at);
      at += members[k]!.length;
    }
    return out;
  }
}
