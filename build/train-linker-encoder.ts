/**
 * Contrastive training of the static bi-encoder (hand-written, Float32Array, no dependencies).
 *
 * Batch of B (query, code) pairs; the candidate codes are the B positives plus, per pair, one
 * sibling of its code in the hierarchy (hard negative). Loss: softmax cross-entropy of the
 * positive among all 2B candidates, logits = scale · cos(query, code). Embedding rows get
 * lazy (sparse) Adam, the projection dense Adam; linear learning-rate decay; fixed seed.
 */
import {
  featurizeText,
  type FeaturizerConfig,
  type TextFeatures,
} from '../src/model/featurize-text.js';
import { initialTableRow } from '../src/model/linker-initial-rows.js';
import { seededRandom } from './seeded-random.js';

export interface EncoderTrainingOptions {
  dim: number;
  epochs: number;
  batch: number;
  lr: number;
  scale: number;
  seed: number;
  log?: (line: string) => void;
}

export interface FloatEncoder {
  buckets: number;
  dim: number;
  table: Float32Array;
  proj: Float32Array;
}

export interface TrainingExample {
  query: TextFeatures;
  code: number;
  /** Candidate hard negatives (code ids), e.g. siblings. */
  siblings: readonly number[];
}

/** Seeded uniform rows (src/model/linker-initial-rows.ts, which the extension restores from) and an identity projection. */
export function initEncoder(config: FeaturizerConfig, dim: number, seed: number): FloatEncoder {
  const table = new Float32Array(config.buckets * dim);
  for (let r = 0; r < config.buckets; r++) initialTableRow(seed, dim, r, table, r * dim);
  const proj = new Float32Array(dim * dim);
  for (let d = 0; d < dim; d++) proj[d * dim + d] = 1;
  return { buckets: config.buckets, dim, table, proj };
}

/** Pooled (u) and normalised output (q) of one text, plus |z| for the backward pass. */
function forward(enc: FloatEncoder, f: TextFeatures, u: Float32Array, q: Float32Array): number {
  const D = enc.dim;
  u.fill(0);
  for (let l = 0; l < f.ids.length; l++) {
    const w = f.weights[l]!;
    const row = f.ids[l]! * D;
    for (let d = 0; d < D; d++) u[d] = u[d]! + w * enc.table[row + d]!;
  }
  let n2 = 0;
  for (let k = 0; k < D; k++) {
    let z = 0;
    for (let d = 0; d < D; d++) z += u[d]! * enc.proj[d * D + k]!;
    q[k] = z;
    n2 += z * z;
  }
  const n = Math.max(Math.sqrt(n2), 1e-12);
  for (let k = 0; k < D; k++) q[k] = q[k]! / n;
  return n;
}

/** Embeds texts with the float encoder (evaluation during training). */
export function encodeFloat(enc: FloatEncoder, feats: readonly TextFeatures[]): Float32Array {
  const D = enc.dim;
  const out = new Float32Array(feats.length * D);
  const u = new Float32Array(D);
  const q = new Float32Array(D);
  feats.forEach((f, i) => {
    forward(enc, f, u, q);
    out.set(q, i * D);
  });
  return out;
}

export function trainEncoder(
  enc: FloatEncoder,
  examples: TrainingExample[],
  codeFeatures: readonly TextFeatures[],
  opt: EncoderTrainingOptions,
): { losses: number[] } {
  const D = enc.dim;
  const B = opt.batch;
  const rnd = seededRandom(opt.seed);
  const mT = new Float32Array(enc.table.length);
  const vT = new Float32Array(enc.table.length);
  const gT = new Float32Array(enc.table.length);
  const touched = new Uint8Array(enc.buckets);
  const mP = new Float32Array(D * D);
  const vP = new Float32Array(D * D);
  const gP = new Float32Array(D * D);
  const order = examples.map((_, i) => i);
  const steps = opt.epochs * Math.ceil(examples.length / B);
  const b1 = 0.9;
  const b2 = 0.999;
  let step = 0;
  const losses: number[] = [];
  // Per-batch buffers: up to 3B texts.
  const U = new Float32Array(3 * B * D);
  const Q = new Float32Array(3 * B * D);
  const N = new Float32Array(3 * B);
  const G = new Float32Array(3 * B * D);
  const dz = new Float32Array(D);
  const du = new Float32Array(D);
  for (let epoch = 0; epoch < opt.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let epochLoss = 0;
    let batches = 0;
    for (let start = 0; start < order.length; start += B) {
      const idx = order.slice(start, start + B);
      const b = idx.length;
      const texts: TextFeatures[] = [];
      const candCode: number[] = [];
      for (const i of idx) texts.push(examples[i]!.query);
      for (const i of idx) {
        candCode.push(examples[i]!.code);
        texts.push(codeFeatures[examples[i]!.code]!);
      }
      for (const i of idx) {
        const ex = examples[i]!;
        const neg = ex.siblings.length
          ? ex.siblings[Math.floor(rnd() * ex.siblings.length)]!
          : Math.floor(rnd() * codeFeatures.length);
        candCode.push(neg);
        texts.push(codeFeatures[neg]!);
      }
      const T = texts.length;
      for (let t = 0; t < T; t++)
        N[t] = forward(
          enc,
          texts[t]!,
          U.subarray(t * D, (t + 1) * D),
          Q.subarray(t * D, (t + 1) * D),
        );
      G.fill(0, 0, T * D);
      const C = T - b;
      const logits = new Float64Array(C);
      let loss = 0;
      for (let i = 0; i < b; i++) {
        const qi = i * D;
        let max = -Infinity;
        for (let j = 0; j < C; j++) {
          if (j !== i && candCode[j] === candCode[i]) {
            logits[j] = -Infinity;
            continue;
          }
          const cj = (b + j) * D;
          let s = 0;
          for (let d = 0; d < D; d++) s += Q[qi + d]! * Q[cj + d]!;
          logits[j] = opt.scale * s;
          if (logits[j]! > max) max = logits[j]!;
        }
        let sum = 0;
        for (let j = 0; j < C; j++) sum += logits[j] === -Infinity ? 0 : Math.exp(logits[j]! - max);
        loss += -(logits[i]! - max - Math.log(sum));
        for (let j = 0; j < C; j++) {
          if (logits[j] === -Infinity) continue;
          const p = Math.exp(logits[j]! - max) / sum;
          const g = (opt.scale * (p - (j === i ? 1 : 0))) / b;
          if (g === 0) continue;
          const cj = (b + j) * D;
          for (let d = 0; d < D; d++) {
            G[qi + d] = G[qi + d]! + g * Q[cj + d]!;
            G[cj + d] = G[cj + d]! + g * Q[qi + d]!;
          }
        }
      }
      epochLoss += loss / b;
      batches++;
      // Backward through normalisation, projection and pooling.
      for (let t = 0; t < T; t++) {
        const o = t * D;
        let qg = 0;
        for (let k = 0; k < D; k++) qg += Q[o + k]! * G[o + k]!;
        for (let k = 0; k < D; k++) dz[k] = (G[o + k]! - Q[o + k]! * qg) / N[t]!;
        for (let d = 0; d < D; d++) {
          const ud = U[o + d]!;
          let s = 0;
          const r = d * D;
          for (let k = 0; k < D; k++) {
            s += enc.proj[r + k]! * dz[k]!;
            gP[r + k] = gP[r + k]! + ud * dz[k]!;
          }
          du[d] = s;
        }
        const f = texts[t]!;
        for (let l = 0; l < f.ids.length; l++) {
          const id = f.ids[l]!;
          const w = f.weights[l]!;
          touched[id] = 1;
          const row = id * D;
          for (let d = 0; d < D; d++) gT[row + d] = gT[row + d]! + w * du[d]!;
        }
      }
      step++;
      const lr = opt.lr * Math.max(0.05, 1 - step / steps);
      const c1 = 1 - b1 ** step;
      const c2 = 1 - b2 ** step;
      for (let i = 0; i < D * D; i++) {
        const g = gP[i]!;
        mP[i] = b1 * mP[i]! + (1 - b1) * g;
        vP[i] = b2 * vP[i]! + (1 - b2) * g * g;
        enc.proj[i] = enc.proj[i]! - (lr * 0.2 * (mP[i]! / c1)) / (Math.sqrt(vP[i]! / c2) + 1e-8);
        gP[i] = 0;
      }
      for (let id = 0; id < enc.buckets; id++) {
        if (!touched[id]) continue;
        touched[id] = 0;
        const row = id * D;
        for (let d = 0; d < D; d++) {
          const i = row + d;
          const g = gT[i]!;
          mT[i] = b1 * mT[i]! + (1 - b1) * g;
          vT[i] = b2 * vT[i]! + (1 - b2) * g * g;
          enc.table[i] = enc.table[i]! - (lr * (mT[i]! / c1)) / (Math.sqrt(vT[i]! / c2) + 1e-8);
          gT[i] = 0;
        }
      }
    }
    losses.push(epochLoss / batches);
    opt.log?.(`epoch ${epoch + 1}/${opt.epochs}: loss ${(epochLoss / batches).toFixed(4)}`);
  }
  return { losses };
}

export function featurizeAll(texts: readonly string[], config: FeaturizerConfig): TextFeatures[] {
  const stop = new Set(config.stopWords);
  return texts.map((t) => featurizeText(t, config, stop));
}
