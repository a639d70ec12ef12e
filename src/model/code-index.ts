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
  /** Scratch for {@link rowProducts}. */
  private products = new Float64Array(0);
  /** Scratch: the categories of the chosen groups, in index order. */
  private chosenCategories = new Int32Array(0);
  private readonly masked = new WeakMap<
    Uint8Array,
    { members: Int32Array[]; all: Int32Array; answers: AnswerMemo }
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
    const memo = masked && !options.filter ? masked.answers : undefined;
    const bits = memo ? new Uint32Array(q.buffer, q.byteOffset, this.dim) : undefined;
    const known = bits && memo?.get(bits, options);
    if (known) return known.map((h) => ({ ...h }));
    const hits = this.search(q, options, masked);
    if (bits) memo?.set(bits, options, hits);
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
      for (let from = 0; from < n; from += BLOCK) {
        const to = Math.min(n, from + BLOCK);
        const s = this.rowProducts(q, this.vectors, list, from, to);
        for (let k = from; k < to; k++) {
          const i = list ? list[k]! : k;
          const sk = s[k - from]!;
          if (top.admits(sk) && (!accept || accept(codes[i]!, i))) top.add(sk, i);
        }
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

  /**
   * `q` times rows `list[from..to)` of `v` (rows `from..to` without a list), into a scratch
   * array valid until the next call: {@link dotRows}.
   */
  private rowProducts(
    q: Float32Array,
    v: Float32Array,
    list: Int32Array | undefined,
    from: number,
    to: number,
  ): Float64Array {
    if (this.products.length < to - from) this.products = new Float64Array(BLOCK);
    dotRows(q, v, this.dim, list, from, to, this.products);
    return this.products;
  }

  /** Each category's members within `mask` (same order), and all codes within it. */
  private maskedMembers(mask: Uint8Array): {
    members: Int32Array[];
    all: Int32Array;
    answers: AnswerMemo;
  } {
    let m = this.masked.get(mask);
    if (!m) {
      if (mask.length !== this.size)
        throw new Error(`Expected a mask of ${this.size} codes, got ${mask.length}.`);
      const { members } = this.categoryIndex();
      m = {
        members: members.map((l) => l.filter((i) => mask[i] === 1)),
        all: Int32Array.from(this.embeddings.codes.keys()).filter((i) => mask[i] === 1),
        answers: new AnswerMemo(),
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
      this.categories = {
        centroids,
        members,
        groups,
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
    const { centroids, groups } = this.categoryIndex();
    const count = centroids.length / this.dim;
    const best = new TopList(probe, -Infinity);
    // Categories in index order (ties keep the first added), those of the nearest groups only.
    let list: Int32Array | undefined;
    let n = count;
    if (coarse) {
      if (this.chosenCategories.length < count) this.chosenCategories = new Int32Array(count);
      list = this.chosenCategories;
      n = 0;
      let ordered = true;
      for (const g of ascending(this.nearestGroups(q, coarse))) {
        const members = groups[g]!;
        for (let j = 0; j < members.length; j++) {
          if (n > 0 && members[j]! < list[n - 1]!) ordered = false;
          list[n++] = members[j]!;
        }
      }
      // Each group's categories are one run of the index (codes in file order): already sorted.
      if (!ordered) list.subarray(0, n).sort();
    }
    const s = this.rowProducts(q, centroids, list, 0, n);
    for (let k = 0; k < n; k++) best.add(s[k]!, list ? list[k]! : k);
    return best.entries().map((e) => e.i);
  }

  /** The `coarse` groups whose centroids are nearest to `q`. */
  private nearestGroups(q: Float32Array, coarse: number): number[] {
    const { groups, groupCentroids } = this.categoryIndex();
    const best = new TopList(coarse, -Infinity);
    const s = this.rowProducts(q, groupCentroids, undefined, 0, groups.length);
    for (let g = 0; g < groups.length; g++) best.add(s[g]!, g);
    return best.entries().map((e) => e.i);
  }
}

/** Small lists of indices sorted ascending (insertion sort; the typed array's own sort costs more). */
function ascending(list: number[]): number[] {
  for (let k = 1; k < list.length; k++) {
    const x = list[k]!;
    let j = k - 1;
    for (; j >= 0 && list[j]! > x; j--) list[j + 1] = list[j]!;
    list[j + 1] = x;
  }
  return list;
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
    if (this.limit < 1 || !this.admits(s)) return;
    // A full list drops its last entry (below `s`, or `s` would not be admitted).
    let at = this.full() ? this.scores.length - 1 : this.scores.length;
    while (at > 0 && this.scores[at - 1]! < s) {
      this.scores[at] = this.scores[at - 1]!;
      this.index[at] = this.index[at - 1]!;
      at--;
    }
    this.scores[at] = s;
    this.index[at] = i;
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

/** Recent answers kept per mask. */
const ANSWER_CACHE = 2048;

/** One remembered answer: the options that shape it, its hits, and where its query's bits are kept. */
interface Remembered {
  limit: number;
  min: number;
  probe: number;
  coarse: number;
  hits: CodeNeighbour[];
  /** Its row of {@link AnswerMemo}'s bits. */
  row: number;
}

/**
 * The last {@link ANSWER_CACHE} answers, by a hash of the query's bits (one entry per hash: a
 * colliding question replaces it, and an entry answers only the very same question). The bits
 * of the remembered queries share one array, a row each (a row is reused when its entry goes).
 */
class AnswerMemo {
  private readonly entries = new Map<number, Remembered>();
  private bits = new Uint32Array(0);
  private readonly freeRows: number[] = [];

  get(bits: Uint32Array, o: NearestOptions): CodeNeighbour[] | undefined {
    const h = hashBits(bits);
    const e = this.entries.get(h);
    if (!e || !this.sameQuestion(e, bits, o)) return undefined;
    // Most recently used last.
    this.entries.delete(h);
    this.entries.set(h, e);
    return e.hits;
  }

  set(bits: Uint32Array, o: NearestOptions, hits: readonly CodeNeighbour[]): void {
    const dim = bits.length;
    if (this.bits.length === 0) this.bits = new Uint32Array((ANSWER_CACHE + 1) * dim);
    const h = hashBits(bits);
    this.forget(h);
    const row = this.freeRows.pop() ?? this.entries.size;
    this.bits.set(bits, row * dim);
    this.entries.set(h, {
      limit: o.limit ?? 10,
      min: o.minSimilarity ?? -Infinity,
      probe: o.probe ?? 0,
      coarse: o.coarse ?? 0,
      hits: hits.map((x) => ({ ...x })),
      row,
    });
    if (this.entries.size > ANSWER_CACHE) this.forget(this.entries.keys().next().value!);
  }

  private forget(h: number): void {
    const e = this.entries.get(h);
    if (!e) return;
    this.entries.delete(h);
    this.freeRows.push(e.row);
  }

  private sameQuestion(e: Remembered, bits: Uint32Array, o: NearestOptions): boolean {
    if (
      e.limit !== (o.limit ?? 10) ||
      e.min !== (o.minSimilarity ?? -Infinity) ||
      e.probe !== (o.probe ?? 0) ||
      e.coarse !== (o.coarse ?? 0)
    )
      return false;
    const at = e.row * bits.length;
    for (let d = 0; d < bits.length; d++) if (this.bits[at + d] !== bits[d]) return false;
    return true;
  }
}

/** A 52-bit hash of 32-bit words (two FNV-1a lanes). */
function hashBits(bits: Uint32Array): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let d = 0; d < bits.length; d++) {
    a = Math.imul(a ^ bits[d]!, 0x01000193);
    b = Math.imul(b ^ bits[d]!, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/** Rows scored per call of {@link dotRows} in a scan (at least as many as there are categories). */
const BLOCK = 4096;

/**
 * `out[k - from] = q · v[row]` for the rows `list[from..to)` of `v` (`from..to` without a
 * list), each summed over the dimensions in order in double precision: the same additions in the
 * same order as a plain loop, so the same result bit for bit. Four rows are summed side by side,
 * so that one row's additions do not wait on one another's.
 */
function dotRows(
  q: Float32Array,
  v: Float32Array,
  dim: number,
  list: Int32Array | undefined,
  from: number,
  to: number,
  out: Float64Array,
): void {
  let k = from;
  for (; k + 4 <= to; k += 4) {
    const o0 = (list ? list[k]! : k) * dim;
    const o1 = (list ? list[k + 1]! : k + 1) * dim;
    const o2 = (list ? list[k + 2]! : k + 2) * dim;
    const o3 = (list ? list[k + 3]! : k + 3) * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < dim; d++) {
      const x = q[d]!;
      s0 += x * v[o0 + d]!;
      s1 += x * v[o1 + d]!;
      s2 += x * v[o2 + d]!;
      s3 += x * v[o3 + d]!;
    }
    out[k - from] = s0;
    out[k - from + 1] = s1;
    out[k - from + 2] = s2;
    out[k - from + 3] = s3;
  }
  for (; k < to; k++) {
    const o = (list ? list[k]! : k) * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += q[d]! * v[o + d]!;
    out[k - from] = s;
  }
}
