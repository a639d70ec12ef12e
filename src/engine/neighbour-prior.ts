/**
 * The zero-shot prior of the linker fusion: how often the training notes' annotators used codes
 * whose embeddings lie close to a code's (cosine above 0.8), so that an unseen code near codes
 * they often use counts as more likely. `log1p(Σ (sim − 0.8) / 0.2 · docFreq)` over the codes
 * seen in training, the code itself left out.
 *
 * Most seen codes are far from any given code, so each one is first bounded from its first
 * 16, then 24 dimensions (Cauchy–Schwarz: the rest adds at most the product of the two tails'
 * norms) and dropped when it cannot pass 0.8; the survivors' similarities are summed in the same
 * order as a plain scan, so the value is the same, bit for bit (about a third of the work).
 */
import type { CodeIndex } from '../model/code-index.js';

const THRESHOLD = 0.8;
/** Below this bound a pair cannot pass the threshold (float rounding is far smaller). */
const SAFE_BOUND = THRESHOLD - 1e-6;
const STAGES = [16, 24] as const;

export class NeighbourPrior {
  private readonly dim: number;
  /** The bounding stages that fall inside the embedding (none for a short one). */
  private readonly stages: readonly number[];
  private readonly seen: readonly string[];
  private readonly vectors: Float32Array;
  /** Norm of each seen vector's dimensions from each stage on: [seen, stages]. */
  private readonly tails: Float32Array;

  constructor(
    private readonly codeIndex: CodeIndex,
    /** Dotless codes coded in the training notes (those without an embedding are left out). */
    seenCodes: readonly string[],
    private readonly docFreq: (code: string) => number,
  ) {
    this.dim = codeIndex.dim;
    this.stages = STAGES.filter((from) => from < this.dim);
    this.seen = seenCodes.filter((c) => codeIndex.has(c));
    this.vectors = new Float32Array(this.seen.length * this.dim);
    this.seen.forEach((c, k) => codeIndex.vectorOf(c, this.vectors, k * this.dim));
    const n = this.stages.length;
    this.tails = new Float32Array(this.seen.length * n);
    for (let k = 0; k < this.seen.length; k++) {
      this.stages.forEach((from, j) => {
        this.tails[k * n + j] = tailNorm(this.vectors, k * this.dim, from, this.dim);
      });
    }
  }

  /** The prior of `code` (dotless); 0 for a code without an embedding. */
  of(code: string): number {
    const dim = this.dim;
    const v = new Float32Array(dim);
    if (!this.codeIndex.vectorOf(code, v, 0)) return 0;
    const qTails = this.stages.map((from) => tailNorm(v, 0, from, dim));
    let acc = 0;
    for (let k = 0; k < this.seen.length; k++) {
      const sim = this.similarityAbove(v, qTails, k);
      if (sim > THRESHOLD && this.seen[k] !== code)
        acc += ((sim - THRESHOLD) / 0.2) * this.docFreq(this.seen[k]!);
    }
    return Math.log1p(acc);
  }

  /** `v · seen[k]` summed in order, or -Infinity once the bounds show it stays below 0.8. */
  private similarityAbove(v: Float32Array, qTails: number[], k: number): number {
    const o = k * this.dim;
    const x = this.vectors;
    const n = this.stages.length;
    let sim = 0;
    let d = 0;
    for (let j = 0; j < n; j++) {
      for (const end = this.stages[j]!; d < end; d++) sim += v[d]! * x[o + d]!;
      if (sim + qTails[j]! * this.tails[k * n + j]! < SAFE_BOUND) return -Infinity;
    }
    for (; d < this.dim; d++) sim += v[d]! * x[o + d]!;
    return sim;
  }
}

/** Euclidean norm of `x[o + from .. o + dim)`. */
function tailNorm(x: Float32Array, o: number, from: number, dim: number): number {
  let s = 0;
  for (let d = from; d < dim; d++) s += x[o + d]! * x[o + d]!;
  return Math.sqrt(s);
}
