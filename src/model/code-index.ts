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
  /**
   * Only the codes whose entry is 1 (by index). Unlike `filter`, the codes outside it are never
   * scored: the index keeps each category's members within the mask (per mask object, so pass
   * the same array each time), and remembers recent answers for it (a repeated query vector
   * gets the same answer without a scan).
   */
  mask?: Uint8Array;
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
  private readonly masked = new WeakMap<
    Uint8Array,
    { members: Int32Array[]; all: Int32Array; answers: Map<string, CodeNeighbour[]> }
  >();

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

  /** The codes nearest to `vector` (a row of `[n, dim]` at `offset`), best first (ties: scan order). */
  nearest(vector: Float32Array, options: NearestOptions = {}, offset = 0): CodeNeighbour[] {
    const limit = options.limit ?? 10;
    const min = options.minSimilarity ?? -Infinity;
    const { dim } = this;
    const q = vector.subarray(offset, offset + dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += q[d]! * q[d]!;
    if (norm === 0) return [];
    const masked = options.mask ? this.maskedMembers(options.mask) : undefined;
    let key: string | undefined;
    if (masked && !options.filter) {
      key = `${limit} ${min} ${options.probe ?? 0} ${String.fromCharCode(...new Uint16Array(q.slice().buffer))}`;
      const known = masked.answers.get(key);
      if (known) {
        // Most recently used last.
        masked.answers.delete(key);
        masked.answers.set(key, known);
        return known.map((h) => ({ ...h }));
      }
    }
    const topScore: number[] = [];
    const topIndex: number[] = [];
    const codes = this.embeddings.codes;
    const v = this.vectors;
    const scan = options.probe
      ? this.probeCategories(q, options.probe, masked?.members)
      : masked?.all;
    const n = scan ? scan.length : codes.length;
    for (let k = 0; k < n; k++) {
      const i = scan ? scan[k]! : k;
      const s = dot64(q, v, i * dim, dim);
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
    const hits = topIndex.map((i, k) => ({ code: toDotted(codes[i]!), similarity: topScore[k]! }));
    if (masked && key !== undefined) {
      masked.answers.set(
        key,
        hits.map((h) => ({ ...h })),
      );
      if (masked.answers.size > ANSWER_CACHE)
        masked.answers.delete(masked.answers.keys().next().value!);
    }
    return hits;
  }

  /** Each category's members within `mask` (same order), and all codes within it. */
  private maskedMembers(mask: Uint8Array): {
    members: Int32Array[];
    all: Int32Array;
    answers: Map<string, CodeNeighbour[]>;
  } {
    let m = this.masked.get(mask);
    if (!m) {
      if (mask.length !== this.size)
        throw new Error(`Expected a mask of ${this.size} codes, got ${mask.length}.`);
      const { members } = this.categoryIndex();
      m = {
        members: members.map((l) => l.filter((i) => mask[i] === 1)),
        all: Int32Array.from(this.embeddings.codes.keys()).filter((i) => mask[i] === 1),
        answers: new Map(),
      };
      this.masked.set(mask, m);
    }
    return m;
  }

  private categoryIndex(): { centroids: Float32Array; members: Int32Array[] } {
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
    return this.categories;
  }

  /**
   * The members (in `within`, default all) of the `probe` categories whose centroids are nearest
   * to `q`, category after category, best first.
   */
  private probeCategories(q: Float32Array, probe: number, within?: Int32Array[]): Int32Array {
    const { centroids } = this.categoryIndex();
    const members = within ?? this.categoryIndex().members;
    const scores = new Float32Array(members.length);
    for (let k = 0; k < members.length; k++) {
      scores[k] = dot64(q, centroids, k * this.dim, this.dim);
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

/** Recent answers kept per mask. */
const ANSWER_CACHE = 2048;

/**
 * `q · v[o .. o + dim)`, summed in order in double precision (unrolled by 8 when `dim` allows:
 * the same additions in the same order, so the same result as the plain loop).
 */
function dot64(q: Float32Array, v: Float32Array, o: number, dim: number): number {
  let s = 0;
  let d = 0;
  if ((dim & 7) === 0)
    for (; d < dim; d += 8) {
      s += q[d]! * v[o + d]!;
      s += q[d + 1]! * v[o + d + 1]!;
      s += q[d + 2]! * v[o + d + 2]!;
      s += q[d + 3]! * v[o + d + 3]!;
      s += q[d + 4]! * v[o + d + 4]!;
      s += q[d + 5]! * v[o + d + 5]!;
      s += q[d + 6]! * v[o + d + 6]!;
      s += q[d + 7]! * v[o + d + 7]!;
    }
  for (; d < dim; d++) s += q[d]! * v[o + d]!;
  return s;
}
