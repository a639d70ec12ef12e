/**
 * The linker as an ONNX graph (opset 13) with int8 weights:
 *
 *   rows  = Gather(table_q int8 [K,D], ids int32 [B,L])            → [B,L,D] int8
 *   x     = Cast(rows) · Unsqueeze(Gather(table_scale, ids) · weights)   (per-row dequantization)
 *   u     = ReduceSum(x, axis 1)                                   → [B,D]
 *   z     = MatMul(u, DequantizeLinear(proj_q int8 [D,D], proj_scale, 0))
 *   y     = z / Max(Sqrt(ReduceSumSquare(z, axis 1)), 1e-12)      → "embedding" [B,D]
 *
 * Same arithmetic as src/model/static-encoder.ts (encodeReference), the parity reference.
 */
import { encodeOnnxModel, type OnnxModel } from './write-onnx.js';
import { NORM_EPSILON, type QuantizedEncoder } from '../src/model/static-encoder.js';

export function buildLinkerOnnx(
  enc: QuantizedEncoder,
  metadata: Record<string, string> = {},
): Uint8Array {
  const { buckets: K, dim: D } = enc;
  const model: OnnxModel = {
    graphName: 'marginalia_linker',
    opset: 13,
    producer: 'marginalia build/export-linker-onnx.ts',
    docString:
      'Static hashed n-gram bi-encoder: weighted sum of int8 rows, int8 projection, L2 normalisation.',
    inputs: [
      { name: 'ids', type: 'int32', shape: ['batch', 'length'] },
      { name: 'weights', type: 'float', shape: ['batch', 'length'] },
    ],
    outputs: [{ name: 'embedding', type: 'float', shape: ['batch', D] }],
    initializers: [
      { name: 'table_q', type: 'int8', dims: [K, D], data: enc.table },
      { name: 'table_scale', type: 'float', dims: [K], data: enc.tableScale },
      { name: 'proj_q', type: 'int8', dims: [D, D], data: enc.proj },
      { name: 'proj_scale', type: 'float', dims: [], data: Float32Array.of(enc.projScale) },
      { name: 'proj_zero', type: 'int8', dims: [], data: Int8Array.of(0) },
      { name: 'axis1', type: 'int64', dims: [1], data: BigInt64Array.of(1n) },
      { name: 'axis2', type: 'int64', dims: [1], data: BigInt64Array.of(2n) },
      { name: 'eps', type: 'float', dims: [], data: Float32Array.of(NORM_EPSILON) },
    ],
    nodes: [
      {
        op: 'Gather',
        inputs: ['table_q', 'ids'],
        outputs: ['rows_q'],
        attributes: [{ name: 'axis', int: 0 }],
      },
      { op: 'Cast', inputs: ['rows_q'], outputs: ['rows'], attributes: [{ name: 'to', int: 1 }] },
      {
        op: 'Gather',
        inputs: ['table_scale', 'ids'],
        outputs: ['row_scale'],
        attributes: [{ name: 'axis', int: 0 }],
      },
      { op: 'Mul', inputs: ['row_scale', 'weights'], outputs: ['row_weight'] },
      { op: 'Unsqueeze', inputs: ['row_weight', 'axis2'], outputs: ['row_weight3'] },
      { op: 'Mul', inputs: ['rows', 'row_weight3'], outputs: ['weighted'] },
      {
        op: 'ReduceSum',
        inputs: ['weighted', 'axis1'],
        outputs: ['pooled'],
        attributes: [{ name: 'keepdims', int: 0 }],
      },
      { op: 'DequantizeLinear', inputs: ['proj_q', 'proj_scale', 'proj_zero'], outputs: ['proj'] },
      { op: 'MatMul', inputs: ['pooled', 'proj'], outputs: ['projected'] },
      {
        op: 'ReduceSumSquare',
        inputs: ['projected'],
        outputs: ['norm2'],
        attributes: [
          { name: 'axes', ints: [1] },
          { name: 'keepdims', int: 1 },
        ],
      },
      { op: 'Sqrt', inputs: ['norm2'], outputs: ['norm'] },
      { op: 'Max', inputs: ['norm', 'eps'], outputs: ['norm_safe'] },
      { op: 'Div', inputs: ['projected', 'norm_safe'], outputs: ['embedding'] },
    ],
    metadata,
  };
  return encodeOnnxModel(model);
}
