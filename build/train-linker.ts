/**
 * `npm run train` (linker part): trains the neural linker, exports it as int8 ONNX and embeds
 * the whole classification with it.
 *
 * 1. Pairs (query → code) from the ontology's own synonymy and CodiEsp phrases (fitting splits)
 *    (build/linker-training-data.ts); 1 in 50 held out to report retrieval accuracy.
 * 2. Contrastive training of the static bi-encoder (build/train-linker-encoder.ts), seed fixed.
 * 3. Int8 quantization; models/linker.onnx (build/export-linker-onnx.ts); every code's title
 *    embedded by the TypeScript reference forward pass (src/model/embed-code-titles.ts) →
 *    models/linker-codes.bin (the CLI reads it; the extension computes the same bytes itself).
 * 4. Fusion with the dictionary + ranker (build/fit-linker-fusion.ts), fitted on the CodiEsp fitting splits.
 * 5. models/linker.json: featurizer config, ids, sha256 of the files, metrics.
 *
 * Options (environment): LINKER_EPOCHS, LINKER_DIM, LINKER_SKIP_ENCODER=1 (reuse models/).
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadOntology } from '../src/ontology/ontology.js';
import { toDotless } from '../src/ontology/fold-text.js';
import { DEFAULT_FEATURIZER, type FeaturizerConfig } from '../src/model/featurize-text.js';
import { quantizeRows, type QuantizedEncoder } from '../src/model/static-encoder.js';
import {
  encodeCodeEmbeddings,
  decodeCodeEmbeddings,
  type CodeEmbeddings,
} from '../src/model/code-embeddings.js';
import { LINKER_CONFIG_FORMAT, type LinkerConfig } from '../src/model/linker-config.js';
import { buildLinkerPairs } from './linker-training-data.js';
import { codeText, codeTitles, embedCodeTitles } from '../src/model/embed-code-titles.js';
import { readLinkerWeights } from '../src/model/read-linker-onnx.js';
import {
  encodeFloat,
  featurizeAll,
  initEncoder,
  trainEncoder,
  type TrainingExample,
} from './train-linker-encoder.js';
import { buildLinkerOnnx } from './export-linker-onnx.js';
import { repoRoot } from './read-codiesp.js';
import { fitLinkerFusion } from './fit-linker-fusion.js';
import { seededRandom } from './seeded-random.js';

const root = repoRoot();
const packDir = path.join(root, 'dist', 'packs');
const modelsDir = path.join(root, 'models');
const t0 = performance.now();
const log = (s: string): void =>
  console.log(`train-linker: ${s} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
const ontology = loadOntology(
  JSON.parse(readFileSync(path.join(packDir, 'icd10cm-2025-april.json'), 'utf8')),
);
const stats = JSON.parse(readFileSync(path.join(packDir, 'codiesp-train-stats.json'), 'utf8')) as {
  phrases: { phrase: string; code: string; count: number }[];
};
const SEED = 20250401;
const DIM = Number(process.env['LINKER_DIM'] ?? 64);
const EPOCHS = Number(process.env['LINKER_EPOCHS'] ?? 10);
const config: FeaturizerConfig = DEFAULT_FEATURIZER;
const codes = ontology.pack.codes.slice();
const codeId = new Map(codes.map((c, i) => [c, i]));
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const onnxPath = path.join(modelsDir, 'linker.onnx');
const codesPath = path.join(modelsDir, 'linker-codes.bin');
const cachePath = path.join(root, 'dist', 'models', 'linker-weights.cache.bin');
let quantized: QuantizedEncoder;
let encoderMeta: Record<string, unknown> = {};

if (process.env['LINKER_SKIP_ENCODER'] === '1' && existsSync(cachePath)) {
  const raw = readFileSync(cachePath);
  const meta = JSON.parse(readFileSync(cachePath + '.json', 'utf8')) as {
    dim: number;
    buckets: number;
    projScale: number;
    encoderMeta: Record<string, unknown>;
  };
  const K = meta.buckets;
  const D = meta.dim;
  const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  quantized = {
    buckets: K,
    dim: D,
    tableScale: new Float32Array(buf, 0, K),
    table: new Int8Array(buf, K * 4, K * D),
    proj: new Int8Array(buf, K * 4 + K * D, D * D),
    projScale: meta.projScale,
  };
  encoderMeta = meta.encoderMeta;
  log('reused the cached encoder weights');
} else {
  const pairs = buildLinkerPairs(ontology, stats.phrases);
  const bySource: Record<string, number> = {};
  for (const p of pairs) bySource[p.source] = (bySource[p.source] ?? 0) + 1;
  log(`${pairs.length} pairs ${JSON.stringify(bySource)}`);
  const titles = codes.map((c) => codeText(ontology, c));
  const codeFeatures = featurizeAll(titles, config);
  const siblings = codes.map((c) => {
    const p = ontology.parent(c);
    return p
      ? ontology
          .children(p)
          .map((k) => codeId.get(toDotless(k))!)
          .filter((k) => k !== codeId.get(c))
      : [];
  });
  const queryFeatures = featurizeAll(
    pairs.map((p) => p.query),
    config,
  );
  const train: TrainingExample[] = [];
  const held: { q: number; code: number }[] = [];
  const rnd = seededRandom(SEED + 1);
  pairs.forEach((p, i) => {
    const code = codeId.get(p.code)!;
    if (rnd() < 0.02 && p.source !== 'abbreviation') held.push({ q: i, code });
    else train.push({ query: queryFeatures[i]!, code, siblings: siblings[code]! });
  });
  const enc = initEncoder(config, DIM, SEED);
  const evalHeld = (label: string): Record<string, number> => {
    const sample = held.slice(0, 400);
    const codeVecs = encodeFloat(enc, codeFeatures);
    const qv = encodeFloat(
      enc,
      sample.map((h) => queryFeatures[h.q]!),
    );
    let r1 = 0;
    let r10 = 0;
    let cat10 = 0;
    for (let i = 0; i < sample.length; i++) {
      const gold = sample[i]!.code;
      const scores = new Float32Array(codes.length);
      for (let c = 0; c < codes.length; c++) {
        let s = 0;
        for (let d = 0; d < DIM; d++) s += qv[i * DIM + d]! * codeVecs[c * DIM + d]!;
        scores[c] = s;
      }
      const g = scores[gold]!;
      let rank = 0;
      for (let c = 0; c < codes.length; c++) if (scores[c]! > g) rank++;
      if (rank < 1) r1++;
      if (rank < 10) r10++;
      const top = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
      if (top.some((c) => codes[c]!.slice(0, 3) === codes[gold]!.slice(0, 3))) cat10++;
    }
    const out = {
      recallAt1: r1 / sample.length,
      recallAt10: r10 / sample.length,
      categoryAt10: cat10 / sample.length,
      n: sample.length,
    };
    log(`${label}: held-out retrieval over all ${codes.length} codes ${JSON.stringify(out)}`);
    return out;
  };
  const before = evalHeld('untrained');
  const { losses } = trainEncoder(enc, train, codeFeatures, {
    dim: DIM,
    epochs: EPOCHS,
    batch: 256,
    lr: 0.004,
    scale: 20,
    seed: SEED,
    log: (s) => log(s),
  });
  const after = evalHeld('trained');
  const t = quantizeRows(enc.table, config.buckets, DIM);
  let projMax = 0;
  for (const v of enc.proj) projMax = Math.max(projMax, Math.abs(v));
  const projScale = projMax / 127;
  quantized = {
    buckets: config.buckets,
    dim: DIM,
    table: t.q,
    tableScale: t.scale,
    proj: Int8Array.from(enc.proj, (v) => Math.max(-127, Math.min(127, Math.round(v / projScale)))),
    projScale,
  };
  encoderMeta = {
    pairs: pairs.length,
    pairsBySource: bySource,
    heldOut: held.length,
    epochs: EPOCHS,
    batch: 256,
    lossByEpoch: losses.map((l) => Math.round(l * 1e4) / 1e4),
    heldOutRetrievalUntrained: before,
    heldOutRetrievalTrained: after,
    encoderSeconds: Math.round((performance.now() - t0) / 100) / 10,
  };
  const cache = new Uint8Array(config.buckets * 4 + config.buckets * DIM + DIM * DIM);
  cache.set(new Uint8Array(quantized.tableScale.buffer), 0);
  cache.set(new Uint8Array(quantized.table.buffer), config.buckets * 4);
  cache.set(new Uint8Array(quantized.proj.buffer), config.buckets * 4 + config.buckets * DIM);
  writeFileSync(cachePath, cache);
  writeFileSync(
    cachePath + '.json',
    JSON.stringify({ dim: DIM, buckets: config.buckets, projScale, encoderMeta }),
  );
}

// Export: ONNX + code embeddings (reference forward pass on the int8 weights).
const modelId = `linker@1`;
const onnx = buildLinkerOnnx(quantized, { modelId, featurizer: JSON.stringify(config) });
const onnxSha = sha(onnx);
const versionedId = `${modelId}+${onnxSha.slice(0, 8)}`;
// From the weights as the ONNX file holds them: what the extension computes on the device.
const codeEmb: CodeEmbeddings = await embedCodeTitles(
  readLinkerWeights(onnx),
  codeTitles(ontology),
  {
    modelId: versionedId,
    featurizer: config,
  },
);
const codeBytes = encodeCodeEmbeddings(codeEmb);
decodeCodeEmbeddings(codeBytes);
writeFileSync(onnxPath, onnx);
writeFileSync(codesPath, codeBytes);
log(
  `wrote models/linker.onnx (${(onnx.length / 1048576).toFixed(2)} MiB) and models/linker-codes.bin (${(codeBytes.length / 1048576).toFixed(2)} MiB)`,
);

const fusion =
  process.env['LINKER_SKIP_FUSION'] === '1'
    ? undefined
    : await fitLinkerFusion({ root, ontology, quantized, config, codeEmbeddings: codeEmb, log });
const linkerConfig: LinkerConfig = {
  format: LINKER_CONFIG_FORMAT,
  formatVersion: 1,
  id: versionedId,
  dim: quantized.dim,
  featurizer: config,
  files: {
    model: { file: 'linker.onnx', sha256: onnxSha, bytes: onnx.length },
    codeEmbeddings: { file: 'linker-codes.bin', sha256: sha(codeBytes), bytes: codeBytes.length },
  },
  terminology: ontology.label,
  fusion: fusion?.fusion,
  meta: {
    ...encoderMeta,
    ...(fusion?.meta ?? {}),
    seed: SEED,
    trainingSeconds: Math.round((performance.now() - t0) / 100) / 10,
  },
};
writeFileSync(path.join(modelsDir, 'linker.json'), JSON.stringify(linkerConfig, null, 1) + '\n');
log(`wrote models/linker.json (${versionedId})`);
