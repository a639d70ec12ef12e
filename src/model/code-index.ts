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
  /**
   * With `probe`: the categories probed are the nearest among those of the `coarse` nearest
   * groups of categories (codes sharing their first two characters), whose centroids are scored
   * first (a two-level inverted file: a few hundred products instead of one per category).
   */
  coarse?: number;
}

export class CodeIndex {
  readonly dim: number;
  readonly modelId: string;
  private readonly byCode = new Map<string, number>();
  private readonly vectors: Float32Array;
  private categories?: CategoryIndex;
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
    const q = vector.subarray(offset, offset + this.dim);
    let norm = 0;
    for (let d = 0; d < this.dim; d++) norm += q[d]! * q[d]!;
    if (norm === 0) return [];
    const masked = options.mask ? this.maskedMembers(options.mask) : undefined;
    const key = masked && !options.filter ? answerKey(q, options) : undefined;
    if (masked && key !== undefined) {
      const known = masked.answers.get(key);
      if (known) {
        // Most recently used last.
        masked.answers.delete(key);
        masked.answers.set(key, known);
        return known.map((h) => ({ ...h }));
      }
    }
    const hits = this.search(q, options, masked);
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

  /** The scan behind {@link nearest}: the probed categories' codes, or every code. */
  private search(
    q: Float32Array,
    options: NearestOptions,
    masked?: { members: Int32Array[]; all: Int32Array },
  ): CodeNeighbour[] {
    const top = new TopList(options.limit ?? 10, options.minSimilarity ?? -Infinity);
    const codes = this.embeddings.codes;
    const accept = options.filter;
    const scan = (list: Int32Array | undefined, n: number): void => {
      for (let k = 0; k < n; k++) {
        const i = list ? list[k]! : k;
        const s = dot64(q, this.vectors, i * this.dim, this.dim);
        if (top.admits(s) && (!accept || accept(codes[i]!, i))) top.add(s, i);
      }
    };
    if (!options.probe) {
      const all = masked?.all;
      scan(all, all ? all.length : codes.length);
    } else {
      const within = masked?.members ?? this.categoryIndex().members;
      for (const k of this.probeCategories(q, options.probe, options.coarse))
        scan(within[k]!, within[k]!.length);
    }
    return top.entries().map(({ s, i }) => ({ code: toDotted(codes[i]!), similarity: s }));
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

  private categoryIndex(): CategoryIndex {
    if (!this.categories) {
      const byCat = new Map<string, number[]>();
      this.embeddings.codes.forEach((c, i) => {
        const cat = c.slice(0, 3);
        let l = byCat.get(cat);
        if (!l) byCat.set(cat, (l = []));
        l.push(i);
      });
      const members = [...byCat.values()].map((l) => Int32Array.from(l));
      const centroids = meanDirections(members, this.vectors, this.dim);
      const byGroup = new Map<string, number[]>();
      [...byCat.keys()].forEach((cat, k) => {
        let l = byGroup.get(cat.slice(0, 2));
        if (!l) byGroup.set(cat.slice(0, 2), (l = []));
        l.push(k);
      });
      const groups = [...byGroup.values()].map((l) => Int32Array.from(l));
      const groupOf = new Int32Array(members.length);
      groups.forEach((l, g) => l.forEach((k) => (groupOf[k] = g)));
      this.categories = {
        centroids,
        members,
        groups,
        groupOf,
        groupCentroids: meanDirections(groups, centroids, this.dim),
      };
    }
    return this.categories;
  }

  /**
   * The `probe` categories whose centroids are nearest to `q`, best first; among the categories of the `coarse` nearest groups only,
   * when given.
   */
  private probeCategories(q: Float32Array, probe: number, coarse: number | undefined): number[] {
    const { centroids } = this.categoryIndex();
    const inGroups = coarse ? this.nearestGroups(q, coarse) : undefined;
    const best = new TopList(probe, -Infinity);
    // Categories in index order (ties keep the first added), those of the nearest groups only.
    for (let k = 0; k < centroids.length / this.dim; k++) {
      if (inGroups && inGroups.chosen[inGroups.groupOf[k]!] !== 1) continue;
      const s = dot64(q, centroids, k * this.dim, this.dim);
      if (best.admits(s)) best.add(s, k);
    }
    return best.entries().map((e) => e.i);
  }

  /** The `coarse` groups whose centroids are nearest to `q` (1 in `chosen`), and each category's group. */
  private nearestGroups(
    q: Float32Array,
    coarse: number,
  ): { chosen: Uint8Array; groupOf: Int32Array } {
    const { groups, groupCentroids, groupOf } = this.categoryIndex();
    const best = new TopList(coarse, -Infinity);
    for (let g = 0; g < groups.length; g++)
      best.add(dot64(q, groupCentroids, g * this.dim, this.dim), g);
    const chosen = new Uint8Array(groups.length);
    for (const { i } of best.entries()) chosen[i] = 1;
    return { chosen, groupOf };
  }
}

/** The best `limit` (score, index) pairs at or above `min`; ties keep the first added. */
class TopList {
  private readonly scores: number[] = [];
  private readonly index: number[] = [];
  constructor(
    private readonly limit: number,
    private readonly min: number,
  ) {}

  full(): boolean {
    return this.scores.length >= this.limit;
  }

  /** Whether a score would enter the list. */
  admits(s: number): boolean {
    return s >= this.min && !(this.full() && s <= this.scores[this.scores.length - 1]!);
  }

  add(s: number, i: number): void {
    if (!this.admits(s)) return;
    let at = this.scores.length;
    while (at > 0 && this.scores[at - 1]! < s) at--;
    this.scores.splice(at, 0, s);
    this.index.splice(at, 0, i);
    if (this.scores.length > this.limit) {
      this.scores.pop();
      this.index.pop();
    }
  }

  entries(): { s: number; i: number }[] {
    return this.scores.map((s, k) => ({ s, i: this.index[k]! }));
  }
}

interface CategoryIndex {
  /** Unit mean direction of each category's codes, [categories, dim]. */
  centroids: Float32Array;
  members: Int32Array[];
  /** Categories grouped by their first two characters, and each group's unit mean direction. */
  groups: Int32Array[];
  /** The group of each category. */
  groupOf: Int32Array;
  groupCentroids: Float32Array;
}

/** The unit mean direction of each list of rows of `vectors`. */
function meanDirections(lists: Int32Array[], vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(lists.length * dim);
  lists.forEach((m, k) => {
    // Summed in float32, as the category centroids always were (the same probes, bit for bit).
    for (const i of m)
      for (let d = 0; d < dim; d++) out[k * dim + d] = out[k * dim + d]! + vectors[i * dim + d]!;
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += out[k * dim + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d++) out[k * dim + d] = out[k * dim + d]! / norm;
  });
  return out;
}

/** The memo key of a question: the options that shape the answer and the query's bits. */
function answerKey(q: Float32Array, o: NearestOptions): string {
  return `${o.limit ?? 10} ${o.minSimilarity ?? -Infinity} ${o.probe ?? 0} ${o.coarse ?? 0} ${String.fromCharCode(...new Uint16Array(q.slice().buffer))}`;
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
