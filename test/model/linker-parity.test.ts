import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildLinkerOnnx } from '../../build/export-linker-onnx.js';
import {
  encodeReference,
  quantizeRows,
  type QuantizedEncoder,
} from '../../src/model/static-encoder.js';
import { DEFAULT_FEATURIZER, featurizeBatch } from '../../src/model/featurize-text.js';
import { decodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { readLinkerConfig } from '../../src/model/linker-config.js';
import { OrtModelRunner } from '../../model-runtime/ort-model-runner.js';
import { seededRandom } from '../../build/seeded-random.js';

const root = path.resolve(import.meta.dirname, '../..');

function tinyEncoder(buckets: number, dim: number): QuantizedEncoder {
  const rnd = seededRandom(7);
  const table = quantizeRows(
    Float32Array.from({ length: buckets * dim }, () => rnd() * 2 - 1),
    buckets,
    dim,
  );
  return {
    buckets,
    dim,
    table: table.q,
    tableScale: table.scale,
    proj: Int8Array.from({ length: dim * dim }, () => Math.round(rnd() * 254 - 127)),
    projScale: 0.013,
  };
}

describe('linker ONNX parity', () => {
  it('the exported graph equals the TypeScript reference forward pass (tiny random model)', async () => {
    const enc = tinyEncoder(4096, 16);
    const runner = await OrtModelRunner.create({ modelBytes: buildLinkerOnnx(enc), numThreads: 1 });
    try {
      const texts = [
        'kidney stones',
        'Heart attack, acute',
        '',
        'water on the lungs',
        'T2DM w/ CKD stage 3b',
        'x',
      ];
      const batch = featurizeBatch(texts, { ...DEFAULT_FEATURIZER, buckets: 4096 });
      const got = await runner.embed(batch);
      const want = encodeReference(enc, batch);
      expect(got.length).toBe(want.length);
      let max = 0;
      for (let i = 0; i < got.length; i++) max = Math.max(max, Math.abs(got[i]! - want[i]!));
      expect(max).toBeLessThan(1e-5);
      // The empty text embeds as zeros, not NaN.
      expect([...got.subarray(2 * 16, 3 * 16)].every((v) => v === 0)).toBe(true);
    } finally {
      runner.dispose();
    }
  });

  it('the committed model reproduces the committed code embeddings, and is timed', async () => {
    const config = readLinkerConfig(
      JSON.parse(readFileSync(path.join(root, 'models', 'linker.json'), 'utf8')),
    );
    const codes = decodeCodeEmbeddings(
      new Uint8Array(readFileSync(path.join(root, 'models', config.files.codeEmbeddings.file))),
    );
    expect(codes.modelId).toBe(config.id);
    const pack = JSON.parse(
      readFileSync(path.join(root, 'dist', 'packs', 'icd10cm-2025-april.json'), 'utf8'),
    ) as { codes: string[]; titles: string[] };
    const t0 = performance.now();
    const runner = await OrtModelRunner.create({
      modelBytes: new Uint8Array(readFileSync(path.join(root, 'models', config.files.model.file))),
      numThreads: 1,
    });
    const loadMs = performance.now() - t0;
    try {
      const pick = Array.from({ length: 200 }, (_, i) => Math.floor((i * pack.codes.length) / 200));
      const titles = pick.map((i) =>
        pack.titles[i]!.replace(/, (?:initial|subsequent) encounter.*$|, sequela$/, ''),
      );
      const t1 = performance.now();
      const y = await runner.embed(featurizeBatch(titles, config.featurizer));
      const embedMs = performance.now() - t1;
      let maxErr = 0;
      pick.forEach((row, k) => {
        const i = codes.codes.indexOf(pack.codes[row]!);
        expect(i).toBeGreaterThanOrEqual(0);
        for (let d = 0; d < codes.dim; d++)
          maxErr = Math.max(
            maxErr,
            Math.abs(y[k * codes.dim + d]! - codes.vectors[i * codes.dim + d]! * codes.scale[i]!),
          );
      });
      // int8 rows of unit vectors: half a quantization step is at most 1/254 of the largest entry.
      expect(maxErr).toBeLessThan(0.005);
      console.log(
        `linker: session ${loadMs.toFixed(0)} ms, 200 texts embedded in ${embedMs.toFixed(1)} ms, max |ONNX - stored| ${maxErr.toExponential(2)}`,
      );
    } finally {
      runner.dispose();
    }
  });
});
