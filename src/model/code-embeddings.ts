/**
 * The code-embedding file (models/linker-codes.bin): one int8 unit vector per code of the
 * classification, embedded from its title by the linker at training time, versioned with it.
 *
 * Layout (little-endian): "MLCE" | u32 format version | u32 count | u32 dim | u32 header bytes |
 * header (UTF-8 JSON: {modelId, terminology}) | codes (UTF-8, dotless, "\n"-joined; u32 length first) |
 * padding to 4 | float32 scale[count] | int8 vector[count × dim].
 */

export const CODE_EMBEDDINGS_MAGIC = 'MLCE';
export const CODE_EMBEDDINGS_VERSION = 1;

export interface CodeEmbeddings {
  modelId: string;
  terminology: string;
  dim: number;
  /** Dotless codes, in file order. */
  codes: string[];
  scale: Float32Array;
  /** [codes.length, dim] int8. */
  vectors: Int8Array;
}

export class CodeEmbeddingsError extends Error {
  override name = 'CodeEmbeddingsError';
}

export function encodeCodeEmbeddings(e: CodeEmbeddings): Uint8Array<ArrayBuffer> {
  const enc = new TextEncoder();
  const header = enc.encode(JSON.stringify({ modelId: e.modelId, terminology: e.terminology }));
  const codes = enc.encode(e.codes.join('\n'));
  let size = 20 + header.length + 4 + codes.length;
  const pad = (4 - (size % 4)) % 4;
  size += pad;
  const total = size + e.codes.length * 4 + e.vectors.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set(enc.encode(CODE_EMBEDDINGS_MAGIC), 0);
  dv.setUint32(4, CODE_EMBEDDINGS_VERSION, true);
  dv.setUint32(8, e.codes.length, true);
  dv.setUint32(12, e.dim, true);
  dv.setUint32(16, header.length, true);
  out.set(header, 20);
  dv.setUint32(20 + header.length, codes.length, true);
  out.set(codes, 24 + header.length);
  new Float32Array(out.buffer, size, e.codes.length).set(e.scale);
  new Int8Array(out.buffer, size + e.codes.length * 4, e.vectors.length).set(e.vectors);
  return out;
}

/** Parses the file; throws {@link CodeEmbeddingsError} with what was expected when it is not one. */
export function decodeCodeEmbeddings(bytes: Uint8Array): CodeEmbeddings {
  const dec = new TextDecoder();
  if (bytes.length < 24 || dec.decode(bytes.subarray(0, 4)) !== CODE_EMBEDDINGS_MAGIC) {
    throw new CodeEmbeddingsError(
      `Expected a code-embedding file starting with "${CODE_EMBEDDINGS_MAGIC}"; got ${bytes.length} bytes of something else.`,
    );
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== CODE_EMBEDDINGS_VERSION)
    throw new CodeEmbeddingsError(
      `Expected code-embedding format v${CODE_EMBEDDINGS_VERSION}, got v${version}.`,
    );
  const count = dv.getUint32(8, true);
  const dim = dv.getUint32(12, true);
  const hlen = dv.getUint32(16, true);
  const header = JSON.parse(dec.decode(bytes.subarray(20, 20 + hlen))) as {
    modelId: string;
    terminology: string;
  };
  const clen = dv.getUint32(20 + hlen, true);
  const codes = dec.decode(bytes.subarray(24 + hlen, 24 + hlen + clen)).split('\n');
  let at = 24 + hlen + clen;
  at += (4 - (at % 4)) % 4;
  if (codes.length !== count || bytes.length !== at + count * 4 + count * dim) {
    throw new CodeEmbeddingsError(
      `Code-embedding file is truncated or corrupt: ${count} codes of dim ${dim} need ${at + count * (4 + dim)} bytes, got ${bytes.length}.`,
    );
  }
  const copy = bytes.slice(at);
  return {
    modelId: header.modelId,
    terminology: header.terminology,
    dim,
    codes,
    scale: new Float32Array(copy.buffer, 0, count),
    vectors: new Int8Array(copy.buffer, count * 4, count * dim),
  };
}
