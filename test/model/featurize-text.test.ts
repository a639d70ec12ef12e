import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURIZER,
  featurizeBatch,
  featurizeText,
  hashFeature,
} from '../../src/model/featurize-text.js';
import { decodeCodeEmbeddings, encodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { encodeOnnxModel } from '../../build/write-onnx.js';

describe('featurizeText', () => {
  it('is deterministic, case- and accent-insensitive, and drops filler words', () => {
    const a = featurizeText('Kidney stones');
    const b = featurizeText('KIDNEY   stónes, unspecified');
    expect([...a.ids]).toEqual([...b.ids]);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(hashFeature('w:kidney')).toBe(hashFeature('w:kidney'));
    expect(a.ids.every((id) => id >= 0 && id < DEFAULT_FEATURIZER.buckets)).toBe(true);
  });

  it('has no features for an empty text and pads batches with weight 0', () => {
    expect(featurizeText('').ids.length).toBe(0);
    const batch = featurizeBatch(['a b c d e f', '']);
    expect(batch.batch).toBe(2);
    expect(batch.ids.length).toBe(2 * batch.length);
    expect([...batch.weights.subarray(batch.length)].every((w) => w === 0)).toBe(true);
  });
});

describe('code embeddings file', () => {
  it('round-trips and rejects other bytes', () => {
    const e = {
      modelId: 'm@1',
      terminology: 'ICD-10-CM test',
      dim: 2,
      codes: ['A00', 'E1122'],
      scale: Float32Array.of(0.5, 0.25),
      vectors: Int8Array.of(1, -2, 127, -127),
    };
    const back = decodeCodeEmbeddings(encodeCodeEmbeddings(e));
    expect(back.codes).toEqual(e.codes);
    expect([...back.vectors]).toEqual([...e.vectors]);
    expect([...back.scale]).toEqual([...e.scale]);
    expect(() => decodeCodeEmbeddings(new Uint8Array(40))).toThrow(/MLCE/);
  });
});

describe('encodeOnnxModel', () => {
  it('writes a protobuf that starts with the IR version field', () => {
    const bytes = encodeOnnxModel({
      graphName: 'g',
      opset: 13,
      producer: 'p',
      inputs: [],
      outputs: [],
      initializers: [],
      nodes: [],
    });
    expect(bytes[0]).toBe(0x08);
    expect(bytes[1]).toBe(8);
  });
});
