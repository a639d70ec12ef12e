import { dot, sigmoid } from '../src/engine/code-ranker.js';

/**
 * L2-regularised logistic regression by full-batch Adam from zero (deterministic), on
 * standardised features whose scaling is folded back into the returned weights. Column 0 is
 * the bias (never scaled, never regularised). Used for the code ranker and the linker's fusion.
 */
export function fitLogistic(X: number[][], y: number[], lambda: number, steps: number): number[] {
  const dim = X[0]!.length;
  const { mean, std } = columnScales(X);
  const Z = X.map((x) => x.map((v, j) => (j === 0 ? 1 : (v - mean[j]!) / std[j]!)));
  const w = new Array<number>(dim).fill(0);
  const m1 = new Array<number>(dim).fill(0);
  const m2 = new Array<number>(dim).fill(0);
  for (let step = 1; step <= steps; step++) {
    const g = new Array<number>(dim).fill(0);
    for (let i = 0; i < Z.length; i++) {
      const err = sigmoid(dot(w, Z[i]!)) - y[i]!;
      for (let j = 0; j < dim; j++) g[j]! += err * Z[i]![j]!;
    }
    for (let j = 0; j < dim; j++) {
      const gj = g[j]! / Z.length + (j ? lambda * w[j]! : 0);
      adamUpdate(w, m1, m2, j, gj, step);
    }
  }
  return unstandardized(w, mean, std, dim);
}

/**
 * The probability threshold (0.05..0.90 by 0.01) that maximises micro-F1, where `goldPairs`
 * counts every gold (note, code) pair, found by a candidate or not.
 */
export function bestF1Threshold(
  probs: readonly number[],
  y: readonly number[],
  goldPairs: number,
): { f1: number; threshold: number } {
  let best = { f1: 0, threshold: 0.5 };
  for (let t = 0.05; t <= 0.9; t += 0.01) {
    let tp = 0;
    let fp = 0;
    probs.forEach((p, i) => {
      if (p >= t) {
        if (y[i]) tp++;
        else fp++;
      }
    });
    const f1 = (2 * tp) / (2 * tp + fp + goldPairs);
    if (f1 > best.f1) best = { f1, threshold: Math.round(t * 100) / 100 };
  }
  return best;
}

/** Rows of a logistic model with dense features and hashed (binary) ones. */
export interface SparseRows {
  /** Dense features per row; column 0 is the bias. */
  dense: number[][];
  /** Active hashed buckets per row (value 1 each). */
  ids: number[][];
  buckets: number;
}

/**
 * {@link fitLogistic} with hashed binary features beside the dense ones: full-batch Adam from
 * zero (deterministic), dense features standardised (folded back), `lambdaSparse` the L2
 * penalty of the hashed weights. Returns the dense weights and one weight per bucket.
 */
export function fitSparseLogistic(
  rows: SparseRows,
  y: readonly number[],
  options: { lambda: number; lambdaSparse: number; steps: number },
): { dense: number[]; sparse: number[] } {
  const { mean, std } = columnScales(rows.dense);
  const Z = rows.dense.map((x) => x.map((v, j) => (j === 0 ? 1 : (v - mean[j]!) / std[j]!)));
  const dim = mean.length;
  const n = Z.length;
  const w = new Float64Array(dim + rows.buckets);
  const m1 = new Float64Array(w.length);
  const m2 = new Float64Array(w.length);
  const g = new Float64Array(w.length);
  for (let step = 1; step <= options.steps; step++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let z = 0;
      const zi = Z[i]!;
      for (let j = 0; j < dim; j++) z += w[j]! * zi[j]!;
      for (const b of rows.ids[i]!) z += w[dim + b]!;
      const err = sigmoid(z) - y[i]!;
      for (let j = 0; j < dim; j++) g[j]! += err * zi[j]!;
      for (const b of rows.ids[i]!) g[dim + b]! += err;
    }
    for (let j = 0; j < w.length; j++) {
      const lambda = j === 0 ? 0 : j < dim ? options.lambda : options.lambdaSparse;
      const gj = g[j]! / n + lambda * w[j]!;
      if (gj === 0 && m1[j] === 0) continue;
      adamUpdate(w, m1, m2, j, gj, step);
    }
  }
  return { dense: unstandardized(w, mean, std, dim), sparse: Array.from(w.subarray(dim)) };
}

/** One Adam step (lr 0.05, betas 0.9 / 0.999) on weight `j` with gradient `gj`. */
function adamUpdate(
  w: number[] | Float64Array,
  m1: number[] | Float64Array,
  m2: number[] | Float64Array,
  j: number,
  gj: number,
  step: number,
): void {
  m1[j] = 0.9 * m1[j]! + 0.1 * gj;
  m2[j] = 0.999 * m2[j]! + 0.001 * gj * gj;
  w[j]! -= (0.05 * (m1[j]! / (1 - 0.9 ** step))) / (Math.sqrt(m2[j]! / (1 - 0.999 ** step)) + 1e-8);
}

/** The first `dim` weights fitted on standardized columns, mapped back to the raw features. */
function unstandardized(
  w: ArrayLike<number>,
  mean: readonly number[],
  std: readonly number[],
  dim: number,
): number[] {
  const out = new Array<number>(dim).fill(0);
  out[0] = w[0]!;
  for (let j = 1; j < dim; j++) {
    out[j] = w[j]! / std[j]!;
    out[0]! -= (w[j]! * mean[j]!) / std[j]!;
  }
  return out;
}

/** Mean and standard deviation of each column (column 0, the bias, left at 0 and 1). */
function columnScales(X: readonly number[][]): { mean: number[]; std: number[] } {
  const dim = X[0]!.length;
  const mean = new Array<number>(dim).fill(0);
  const std = new Array<number>(dim).fill(1);
  for (let j = 1; j < dim; j++) {
    let s = 0;
    let s2 = 0;
    for (const x of X) {
      s += x[j]!;
      s2 += x[j]! * x[j]!;
    }
    mean[j] = s / X.length;
    std[j] = Math.sqrt(Math.max(1e-9, s2 / X.length - mean[j]! ** 2));
  }
  return { mean, std };
}
