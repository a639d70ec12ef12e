import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURIZER,
  featureWords,
  featurizeBatch,
  featurizeText,
  hashFeature,
  type FeaturizerConfig,
  type TextFeatures,
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

/** The featurizer as first written: each feature's string built, hashed and summed in a Map. */
function featurizeByStrings(text: string, config: FeaturizerConfig): TextFeatures {
  const words = featureWords(text, config);
  const acc = new Map<number, number>();
  const add = (key: string, w: number): void => {
    const id = hashFeature(key) & (config.buckets - 1);
    acc.set(id, (acc.get(id) ?? 0) + w);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(`w:${word}`, config.wordWeight);
    if (i > 0) add(`b:${words[i - 1]} ${word}`, config.bigramWeight);
    const padded = `<${word}>`;
    const grams: string[] = [];
    for (const n of config.charNgrams)
      for (let s = 0; s + n <= padded.length; s++) grams.push(padded.slice(s, s + n));
    for (const g of grams) add(`c:${g}`, config.charWeight / grams.length);
  }
  const sorted = [...acc].sort((a, b) => a[0] - b[0]);
  return {
    ids: Int32Array.from(sorted, ([id]) => id),
    weights: Float32Array.from(sorted, ([, w]) => w),
  };
}

describe('featurizeText against the string-built features', () => {
  it('gives the same rows and weights, bit for bit, with few and many buckets', () => {
    const word = fc.stringMatching(/^[a-z0-9éç]{1,9}$/);
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 30 }),
        fc.constantFrom(1 << 17, 64, 2),
        (words, buckets) => {
          const config = { ...DEFAULT_FEATURIZER, buckets };
          const text = words.join(' ');
          const got = featurizeText(text, config);
          const want = featurizeByStrings(text, config);
          expect([...got.ids]).toEqual([...want.ids]);
          expect([...got.weights]).toEqual([...want.weights]);
        },
      ),
      { numRuns: 300 },
    );
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
