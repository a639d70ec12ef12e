/**
 * Reads the int8 weights of the linker back out of its ONNX file (models/linker.onnx, written by
 * build/export-linker-onnx.ts), so that a runtime can embed the classification's code titles
 * itself instead of shipping their embeddings (the extension: extension/offscreen/load-model.ts).
 *
 * A minimal protobuf reader for what build/write-onnx.ts writes: ModelProto.graph (field 7) →
 * GraphProto.initializer (field 5) → TensorProto dims (1), data_type (2), name (8), raw_data (9).
 * Every other field is skipped by its wire type. Field numbers follow onnx/onnx.proto.
 */
import type { QuantizedEncoder } from './static-encoder.js';

/** ONNX TensorProto.DataType values of the initializers the linker has. */
const ONNX_FLOAT = 1;
const ONNX_INT8 = 3;

export interface OnnxInitializer {
  name: string;
  dims: number[];
  dataType: number;
  /** Little-endian values: a view into the file's bytes (not copied). */
  raw: Uint8Array;
}

export class LinkerOnnxError extends Error {
  override name = 'LinkerOnnxError';
}

/** One protobuf field: its number, and its value (a varint, or the bytes of a length-delimited one). */
interface Field {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
}

class ProtoReader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  done(): boolean {
    return this.at >= this.buf.length;
  }

  /** Varints up to 2^53 (dims, lengths, enums); larger ones are not in our files. */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length) throw new LinkerOnnxError('Expected a varint, got the end.');
      const byte = this.buf[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
      if (scale > 2 ** 63) throw new LinkerOnnxError('Expected a varint of at most 10 bytes.');
    }
  }

  take(length: number): Uint8Array {
    if (this.at + length > this.buf.length)
      throw new LinkerOnnxError(
        `Expected ${length} bytes at offset ${this.at}, got ${this.buf.length - this.at}.`,
      );
    const out = this.buf.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  next(): Field {
    const key = this.varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) return { field, varint: this.varint() };
    if (wire === 2) return { field, bytes: this.take(this.varint()) };
    if (wire === 1 || wire === 5) {
      this.take(wire === 1 ? 8 : 4);
      return { field };
    }
    throw new LinkerOnnxError(`Expected protobuf wire type 0, 1, 2 or 5, got ${wire}.`);
  }
}

function fieldsOf(bytes: Uint8Array, wanted: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const reader = new ProtoReader(bytes);
  while (!reader.done()) {
    const f = reader.next();
    if (f.field === wanted && f.bytes) out.push(f.bytes);
  }
  return out;
}

function readTensor(bytes: Uint8Array): OnnxInitializer {
  const tensor: OnnxInitializer = { name: '', dims: [], dataType: 0, raw: new Uint8Array(0) };
  const reader = new ProtoReader(bytes);
  while (!reader.done()) {
    const f = reader.next();
    if (f.field === 1 && f.varint !== undefined) tensor.dims.push(f.varint);
    else if (f.field === 1 && f.bytes) {
      const packed = new ProtoReader(f.bytes);
      while (!packed.done()) tensor.dims.push(packed.varint());
    } else if (f.field === 2 && f.varint !== undefined) tensor.dataType = f.varint;
    else if (f.field === 8 && f.bytes) tensor.name = new TextDecoder().decode(f.bytes);
    else if (f.field === 9 && f.bytes) tensor.raw = f.bytes;
  }
  return tensor;
}

/** The graph's initializers by name. */
export function readOnnxInitializers(onnx: Uint8Array): Map<string, OnnxInitializer> {
  const graphs = fieldsOf(onnx, 7);
  if (graphs.length !== 1)
    throw new LinkerOnnxError(`Expected one graph in the ONNX file, got ${graphs.length}.`);
  const out = new Map<string, OnnxInitializer>();
  for (const bytes of fieldsOf(graphs[0]!, 5)) {
    const tensor = readTensor(bytes);
    out.set(tensor.name, tensor);
  }
  return out;
}

function initializer(
  all: Map<string, OnnxInitializer>,
  name: string,
  dataType: number,
  dims: number[],
): Uint8Array {
  const t = all.get(name);
  const width = dataType === ONNX_FLOAT ? 4 : 1;
  const count = dims.reduce((a, b) => a * b, 1);
  if (
    !t ||
    t.dataType !== dataType ||
    t.dims.join('x') !== dims.join('x') ||
    t.raw.length !== count * width
  ) {
    const got = t
      ? `type ${t.dataType}, dims [${t.dims.join(', ')}], ${t.raw.length} raw bytes`
      : 'none';
    throw new LinkerOnnxError(
      `Expected the linker initializer "${name}" of type ${dataType}, dims [${dims.join(', ')}] in raw_data; got ${got}.`,
    );
  }
  return t.raw;
}

/** A little-endian float32 copy (the view may be unaligned). */
function floats(raw: Uint8Array): Float32Array {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  return Float32Array.from({ length: raw.length / 4 }, (_, i) => dv.getFloat32(i * 4, true));
}

/**
 * The projection scale the reference forward pass uses. build/train-linker.ts computes it in
 * float64 as `projMax / 127` (`projMax` the largest |weight| of the float32 projection); the ONNX
 * file holds it rounded to float32. `fround(stored × 127) / 127` gives the float64 value back for
 * most scales (about 96% of random ones; the shipped linker@1+bc3da282's among them), so that the
 * code embeddings computed from the ONNX file equal models/linker-codes.bin byte for byte
 * (test/model/embed-code-titles.test.ts). Since then build/train-linker.ts embeds the codes with
 * the weights read back by {@link readLinkerWeights}, so the two agree whatever this returns.
 */
function referenceProjScale(stored: number): number {
  const scale = Math.fround(stored * 127) / 127;
  return Math.fround(scale) === stored ? scale : stored;
}

/**
 * The encoder's int8 weights, as build/export-linker-onnx.ts wrote them. The int8 table is a view
 * into `onnx` (keep the bytes unchanged while it is in use); the float parts are copies.
 */
export function readLinkerWeights(onnx: Uint8Array): QuantizedEncoder {
  const all = readOnnxInitializers(onnx);
  const table = all.get('table_q');
  const [buckets, dim] = table?.dims ?? [];
  if (buckets === undefined || dim === undefined)
    throw new LinkerOnnxError(
      `Expected the linker initializer "table_q" with dims [buckets, dim], got ${table ? `[${table.dims.join(', ')}]` : 'none'}.`,
    );
  const tableRaw = initializer(all, 'table_q', ONNX_INT8, [buckets, dim]);
  const projRaw = initializer(all, 'proj_q', ONNX_INT8, [dim, dim]);
  return {
    buckets,
    dim,
    table: new Int8Array(tableRaw.buffer, tableRaw.byteOffset, tableRaw.length),
    tableScale: floats(initializer(all, 'table_scale', ONNX_FLOAT, [buckets])),
    proj: new Int8Array(projRaw.buffer, projRaw.byteOffset, projRaw.length),
    projScale: referenceProjScale(floats(initializer(all, 'proj_scale', ONNX_FLOAT, []))[0]!),
  };
}
