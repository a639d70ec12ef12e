/**
 * The extension computes the code embeddings on the device from linker.onnx instead of shipping
 * models/linker-codes.bin (issue 15): the computation must give the committed file byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { codeTitles, embedCodeTitles } from '../../src/model/embed-code-titles.js';
import { readLinkerConfig } from '../../src/model/linker-config.js';
import { readLinkerWeights } from '../../src/model/read-linker-onnx.js';
import { loadOntology } from '../../src/ontology/ontology.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('code embeddings computed from the ONNX file', () => {
  it('are byte-identical to the committed models/linker-codes.bin', async () => {
    const config = readLinkerConfig(
      JSON.parse(readFileSync(path.join(root, 'models', 'linker.json'), 'utf8')),
    );
    const onnx = new Uint8Array(readFileSync(path.join(root, 'models', config.files.model.file)));
    const committed = new Uint8Array(
      readFileSync(path.join(root, 'models', config.files.codeEmbeddings.file)),
    );
    const ontology = loadOntology(
      JSON.parse(readFileSync(path.join(root, 'dist', 'packs', 'icd10cm-2025-april.json'), 'utf8')),
    );
    let pauses = 0;
    const t0 = performance.now();
    const computed = await embedCodeTitles(readLinkerWeights(onnx), codeTitles(ontology), {
      modelId: config.id,
      featurizer: config.featurizer,
      pause: async () => {
        pauses++;
      },
    });
    const ms = performance.now() - t0;
    const bytes = encodeCodeEmbeddings(computed);
    expect(bytes.length).toBe(committed.length);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(committed))).toBe(0);
    expect(pauses).toBe(Math.ceil(computed.codes.length / 2048) - 1);
    console.log(`embedCodeTitles: ${computed.codes.length} codes in ${ms.toFixed(0)} ms`);
  }, 120_000);
});
