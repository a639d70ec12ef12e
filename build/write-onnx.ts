/**
 * A minimal ONNX writer: the protobuf wire format by hand (varints and length-delimited
 * fields), enough for a graph of initializers and nodes. No onnx or protobuf dependency.
 * Field numbers follow onnx/onnx.proto (IR version 8).
 *
 * Kept rather than protobufjs (installed only as onnxruntime-web's dependency): protobufjs needs
 * onnx.proto, which no installed package ships, so adopting it means vendoring the schema
 * (~900 lines) to replace ~170 lines that run at training time only and never ship. Its output
 * is checked by loading it in ONNX Runtime (test/model/linker-parity.test.ts).
 */

export const ONNX_TYPE = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7 } as const;
export type OnnxElemType = keyof typeof ONNX_TYPE;

class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  bytes(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }
  varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    const out: number[] = [];
    while (x >= 0x80n) {
      out.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    out.push(Number(x));
    this.bytes(Uint8Array.from(out));
  }
  tag(field: number, wire: 0 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }
  int(field: number, v: number | bigint): void {
    this.tag(field, 0);
    this.varint(v);
  }
  float(field: number, v: number): void {
    this.tag(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.bytes(b);
  }
  blob(field: number, b: Uint8Array): void {
    this.tag(field, 2);
    this.varint(b.length);
    this.bytes(b);
  }
  str(field: number, s: string): void {
    this.blob(field, new TextEncoder().encode(s));
  }
  msg(field: number, build: (w: Writer) => void): void {
    const w = new Writer();
    build(w);
    this.blob(field, w.finish());
  }
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

export interface OnnxTensor {
  name: string;
  type: OnnxElemType;
  dims: number[];
  /** Little-endian raw bytes of the values. */
  data: Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;
}

export type OnnxAttribute = { name: string } & (
  { int: number } | { ints: number[] } | { float: number }
);

export interface OnnxNode {
  op: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  type: OnnxElemType;
  /** A number is a fixed size; a string a symbolic one ("batch"). */
  shape: (number | string)[];
}

export interface OnnxModel {
  graphName: string;
  opset: number;
  producer: string;
  docString?: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers: OnnxTensor[];
  nodes: OnnxNode[];
  metadata?: Record<string, string>;
}

function writeTensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, ONNX_TYPE[t.type]);
  w.str(8, t.name);
  w.blob(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
}

function writeValueInfo(w: Writer, v: OnnxValueInfo): void {
  w.str(1, v.name);
  w.msg(2, (tp) =>
    tp.msg(1, (tt) => {
      tt.int(1, ONNX_TYPE[v.type]);
      tt.msg(2, (sh) => {
        for (const d of v.shape)
          sh.msg(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.str(2, d)));
      });
    }),
  );
}

function writeAttribute(w: Writer, a: OnnxAttribute): void {
  w.str(1, a.name);
  if ('int' in a) {
    w.int(3, a.int);
    w.int(20, 2);
  } else if ('ints' in a) {
    for (const v of a.ints) w.int(8, v);
    w.int(20, 7);
  } else {
    w.float(2, a.float);
    w.int(20, 1);
  }
}

/** Serializes a model to ONNX protobuf bytes. */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const w = new Writer();
  w.int(1, 8); // ir_version
  w.str(2, m.producer);
  w.msg(7, (g) => {
    m.nodes.forEach((n, k) =>
      g.msg(1, (nw) => {
        for (const i of n.inputs) nw.str(1, i);
        for (const o of n.outputs) nw.str(2, o);
        nw.str(3, n.name ?? `${n.op}_${k}`);
        nw.str(4, n.op);
        for (const a of n.attributes ?? []) nw.msg(5, (aw) => writeAttribute(aw, a));
      }),
    );
    g.str(2, m.graphName);
    for (const t of m.initializers) g.msg(5, (tw) => writeTensor(tw, t));
    if (m.docString) g.str(10, m.docString);
    for (const v of m.inputs) g.msg(11, (vw) => writeValueInfo(vw, v));
    for (const v of m.outputs) g.msg(12, (vw) => writeValueInfo(vw, v));
  });
  w.msg(8, (o) => {
    o.str(1, '');
    o.int(2, m.opset);
  });
  for (const [key, value] of Object.entries(m.metadata ?? {})) {
    w.msg(14, (e) => {
      e.str(1, key);
      e.str(2, value);
    });
  }
  return w.finish();
}
