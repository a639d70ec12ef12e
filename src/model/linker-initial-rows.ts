/**
 * The linker's embedding table starts as seeded uniform noise (mulberry32, in ±sqrt(3/dim): the
 * training's initEncoder), and the rows no training text hashes into keep those values, a quarter
 * of the table. They are incompressible int8 (2 MB zipped) but carry no learning, so the
 * extension ships linker.onnx with them zeroed (build/pack-linker.ts; zeros compress away) and
 * restores them from the seed before use (extension/offscreen/load-model.ts), checking that the
 * restored file hashes to linker.json's sha256 of linker.onnx: the model that runs is the one
 * trained, byte for byte.
 */
import { quantizeRows, type QuantizedEncoder } from './static-encoder.js';

const MULBERRY_STEP = 0x6d2b79f5;

/** The `k`-th draw (from 0) of mulberry32 seeded with `seed`, in [0, 1). */
export function mulberry32Draw(seed: number, k: number): number {
  let t = ((seed >>> 0) + Math.imul(k + 1, MULBERRY_STEP)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Row `row` of the initial float table (`[buckets, dim]`, one draw per value in row-major order),
 * written into `out` at `at`.
 */
export function initialTableRow(
  seed: number,
  dim: number,
  row: number,
  out: Float32Array = new Float32Array(dim),
  at = 0,
): Float32Array {
  const scale = Math.sqrt(3 / dim);
  for (let d = 0; d < dim; d++) out[at + d] = (mulberry32Draw(seed, row * dim + d) * 2 - 1) * scale;
  return out;
}

/** `rows` of the initial table as int8 with their scales (the export's per-row quantization). */
function initialQuantizedRows(
  seed: number,
  dim: number,
  rows: readonly number[],
): ReturnType<typeof quantizeRows> {
  const values = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => initialTableRow(seed, dim, row, values, i * dim));
  return quantizeRows(values, rows.length, dim);
}

function rowIsZero(table: Int8Array, row: number, dim: number): boolean {
  for (let d = row * dim; d < (row + 1) * dim; d++) if (table[d] !== 0) return false;
  return true;
}

/** The row indexes in `[from, to)` that `keep` admits. */
function rowsWhere(from: number, to: number, keep: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (let r = from; r < to; r++) if (keep(r)) rows.push(r);
  return rows;
}

const SLICE = 4096;

/** The rows of `enc.table` still at their initial values (int8 and scale), in order. */
export function initialRows(enc: QuantizedEncoder, seed: number): number[] {
  const { dim } = enc;
  const found: number[] = [];
  for (let from = 0; from < enc.buckets; from += SLICE) {
    const rows = rowsWhere(from, Math.min(enc.buckets, from + SLICE), () => true);
    const q = initialQuantizedRows(seed, dim, rows);
    rows.forEach((r, i) => {
      if (q.scale[i] !== enc.tableScale[r]) return;
      for (let d = 0; d < dim; d++) if (q.q[i * dim + d] !== enc.table[r * dim + d]) return;
      found.push(r);
    });
  }
  return found;
}

/**
 * Writes the initial values into every all-zero row of `enc.table` whose scale is the initial
 * one (in place: the table may be a view into the ONNX bytes). Returns how many rows it wrote.
 * `pause` is awaited between slices of 4,096 rows (to let a page's other tasks run).
 */
export async function restoreInitialRows(
  enc: QuantizedEncoder,
  seed: number,
  pause?: () => Promise<void>,
): Promise<number> {
  const { dim } = enc;
  let restored = 0;
  for (let from = 0; from < enc.buckets; from += SLICE) {
    if (from > 0) await pause?.();
    const to = Math.min(enc.buckets, from + SLICE);
    const rows = rowsWhere(from, to, (r) => rowIsZero(enc.table, r, dim));
    const q = initialQuantizedRows(seed, dim, rows);
    rows.forEach((r, i) => {
      if (q.scale[i] !== enc.tableScale[r]) return;
      enc.table.set(q.q.subarray(i * dim, (i + 1) * dim), r * dim);
      restored++;
    });
  }
  return restored;
}
