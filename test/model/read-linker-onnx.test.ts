import { describe, expect, it } from 'vitest';
import { buildLinkerOnnx } from '../../build/export-linker-onnx.js';
import { seededRandom } from '../../build/seeded-random.js';
import {
  LinkerOnnxError,
  readLinkerWeights,
  readOnnxInitializers,
} from '../../src/model/read-linker-onnx.js';
import { quantizeRows, type QuantizedEncoder } from '../../src/model/static-encoder.js';

/** A random encoder whose projection scale is made as build/train-linker.ts makes it. */
function randomEncoder(seed: number, buckets = 512, dim = 8): QuantizedEncoder {
  const rnd = seededRandom(seed);
  const table = quantizeRows(
    Float32Array.from({ length: buckets * dim }, () => rnd() * 2 - 1),
    buckets,
    dim,
  );
  const proj = Float32Array.from({ length: dim * dim }, () => (rnd() * 2 - 1) * (0.5 + rnd() * 4));
  const projMax = Math.max(...proj.map(Math.abs));
  const projScale = projMax / 127;
  return {
    buckets,
    dim,
    table: table.q,
    tableScale: table.scale,
    proj: Int8Array.from(proj, (v) => Math.round(v / projScale)),
    projScale,
  };
}

describe('reading the linker weights back from its ONNX file', () => {
  it('gives the exported int8 table, row scales, projection and float64 projection scale', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const enc = randomEncoder(seed);
      const got = readLinkerWeights(buildLinkerOnnx(enc, { modelId: 'test' }));
      expect(got.buckets).toBe(enc.buckets);
      expect(got.dim).toBe(enc.dim);
      expect(Buffer.from(got.table.buffer, got.table.byteOffset, got.table.length)).toEqual(
        Buffer.from(enc.table.buffer),
      );
      expect([...got.tableScale]).toEqual([...enc.tableScale]);
      expect([...got.proj]).toEqual([...enc.proj]);
      // Stored as float32; read back as a float64 that rounds to it (for most scales, the very
      // float64 value training used).
      expect(Math.fround(got.projScale)).toBe(Math.fround(enc.projScale));
      expect(Math.abs(got.projScale - enc.projScale)).toBeLessThanOrEqual(enc.projScale * 2 ** -24);
    }
  });

  it('lists every initializer with its type and dims', () => {
    const all = readOnnxInitializers(buildLinkerOnnx(randomEncoder(3, 64, 4)));
    expect([...all.keys()].sort()).toEqual(
      [
        'axis1',
        'axis2',
        'eps',
        'proj_q',
        'proj_scale',
        'proj_zero',
        'table_q',
        'table_scale',
      ].sort(),
    );
    expect(all.get('table_q')).toMatchObject({ dims: [64, 4], dataType: 3 });
    expect(all.get('table_scale')).toMatchObject({ dims: [64], dataType: 1 });
    expect(all.get('axis1')?.raw.length).toBe(8);
  });

  it('says what it expected when the bytes are not the linker', () => {
    const onnx = buildLinkerOnnx(randomEncoder(5));
    expect(() => readLinkerWeights(onnx.subarray(0, onnx.length - 100))).toThrow(LinkerOnnxError);
    expect(() => readLinkerWeights(new Uint8Array([0x3a, 0x02, 0x08]))).toThrow(
      /Expected 2 bytes at offset 2, got 1/,
    );
    expect(() => readLinkerWeights(new Uint8Array(0))).toThrow(/Expected one graph/);
    expect(() => readLinkerWeights(new Uint8Array([0x0b]))).toThrow(
      /wire type 0, 1, 2 or 5, got 3/,
    );
    // A graph without the table: a valid protobuf, not our linker.
    expect(() => readLinkerWeights(new Uint8Array([0x3a, 0x00]))).toThrow(
      /Expected the linker initializer "table_q" with dims \[buckets, dim\], got none/,
    );
  });

  it('refuses an initializer of the wrong type or size', () => {
    const enc = randomEncoder(9, 64, 4);
    const wrongProj = buildLinkerOnnx({ ...enc, proj: new Int8Array(12) });
    expect(() => readLinkerWeights(wrongProj)).toThrow(
      /Expected the linker initializer "proj_q" of type 3, dims \[4, 4\] in raw_data; got type 3, dims \[4, 4\], 12 raw bytes/,
    );
  });
});
