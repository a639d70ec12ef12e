/**
 * The linker's forward pass in TypeScript: the reference the ONNX model is tested against, and
 * the encoder used at training time to embed the classification's codes.
 *
 *   u = Σ_l weight_l · scale[id_l] · table[id_l]      (int8 rows, one float scale per row)
 *   z = u · (projScale · proj)                         (int8 D×D projection)
 *   y = z / max(‖z‖, 1e-12)
 */
import type { FeatureBatch } from './featurize-text.js';

/** Int8 weights of the static encoder, as exported into the ONNX file. */
export interface QuantizedEncoder {
  buckets: number;
  dim: number;
  /** [buckets, dim] int8, row-major. */
  table: Int8Array;
  /** [buckets] float scale per row. */
  tableScale: Float32Array;
  /** [dim, dim] int8, row-major (input × output). */
  proj: Int8Array;
  projScale: number;
}

export const NORM_EPSILON = 1e-12;

/** Embeds a padded feature batch: `[batch, dim]` unit vectors (zero rows for empty texts). */
export function encodeReference(enc: QuantizedEncoder, batch: FeatureBatch): Float32Array {
  const { dim, table, tableScale } = enc;
  const { ids, weights, length } = batch;
  const out = new Float32Array(batch.batch * dim);
  const u = new Float32Array(dim);
  const z = new Float64Array(dim);
  const projF = new Float32Array(dim * dim);
  for (let i = 0; i < projF.length; i++) projF[i] = enc.proj[i]! * enc.projScale;
  for (let b = 0; b < batch.batch; b++) {
    u.fill(0);
    for (let l = b * length; l < (b + 1) * length; l++) {
      const w = weights[l]!;
      if (w === 0) continue;
      const id = ids[l]!;
      const sw = Math.fround(tableScale[id]! * w);
      const row = id * dim;
      for (let d = 0; d < dim; d++) u[d] = u[d]! + Math.fround(table[row + d]! * sw);
    }
    // z = u · projF, each output summed over d in order (the outputs side by side, so that the
    // sums do not wait on one another).
    z.fill(0);
    for (let d = 0; d < dim; d++) {
      const ud = u[d]!;
      const row = d * dim;
      for (let k = 0; k < dim; k++) z[k] = z[k]! + ud * projF[row + k]!;
    }
    let n2 = 0;
    const o = b * dim;
    for (let k = 0; k < dim; k++) {
      out[o + k] = z[k]!;
      n2 += z[k]! * z[k]!;
    }
    const n = Math.max(Math.sqrt(n2), NORM_EPSILON);
    for (let k = 0; k < dim; k++) out[o + k] = out[o + k]! / n;
  }
  return out;
}

/** Symmetric int8 quantization with one scale per row (`rows × cols`). */
export function quantizeRows(
  values: Float32Array,
  rows: number,
  cols: number,
): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(values[r * cols + c]!));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let c = 0; c < cols; c++)
      q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(values[r * cols + c]! / s)));
  }
  return { q, scale };
}
