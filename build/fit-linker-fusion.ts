/**
 * Fits the fusion of the linker with the dictionary and ranker (src/engine/model-coder.ts) on
 * the CodiEsp fitting splits (train and dev by default, see fitSplits), leave-one-out like the ranker: each note's own gold codes are removed from
 * the ranker statistics (its log-odds and whether a code is "seen"), so that the weights learn
 * how much to trust the model where the statistics know nothing, which is the dev situation for
 * unseen codes. Then scores dev, with and without the model, for the model card (held out only
 * when dev is not among the fitting splits).
 */
import { bestF1Threshold, fitSparseLogistic, type SparseRows } from './fit-logistic-regression.js';
import { contextLogit } from '../src/engine/context-scorer.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Ontology } from '../src/ontology/ontology.js';
import { featurizeBatch, type FeaturizerConfig } from '../src/model/featurize-text.js';
import { encodeReference, type QuantizedEncoder } from '../src/model/static-encoder.js';
import type { CodeEmbeddings } from '../src/model/code-embeddings.js';
import type { LinkerFusion } from '../src/model/linker-config.js';
import { CodeIndex } from '../src/model/code-index.js';
import type { TextEmbedder } from '../src/engine/model-port.js';
import { createCoder } from '../src/engine/create-coder.js';
import { CodeRanker, dot, sigmoid, type RankerModel } from '../src/engine/code-ranker.js';
import {
  createModelCoder,
  FUSION_FEATURES,
  type FusionFeatures,
} from '../src/engine/model-coder.js';
import { featureVector } from '../src/engine/named-features.js';
import { readLexiconPack } from '../src/context/lexicon-pack.js';
import { parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import { scoreCoding, type RankedCode } from '../src/eval/score-coding.js';
import { fitSplits, readCodiespSplit, readCodiespSplits } from './read-codiesp.js';

/** Uncovered phrases per note searched while fitting (retrieval candidates shape the weights). */
const FIT_RETRIEVAL_PHRASES = 80;

export interface FusionInput {
  root: string;
  ontology: Ontology;
  quantized: QuantizedEncoder;
  config: FeaturizerConfig;
  codeEmbeddings: CodeEmbeddings;
  log: (s: string) => void;
}

/** The TypeScript reference forward pass as a {@link TextEmbedder} (training only). */
export function referenceEmbedder(
  quantized: QuantizedEncoder,
  config: FeaturizerConfig,
  id: string,
): TextEmbedder {
  return {
    id,
    dim: quantized.dim,
    async embed(texts) {
      const out = new Float32Array(texts.length * quantized.dim);
      for (let s = 0; s < texts.length; s += 1024)
        out.set(
          encodeReference(quantized, featurizeBatch(texts.slice(s, s + 1024), config)),
          s * quantized.dim,
        );
      return out;
    },
  };
}

export async function fitLinkerFusion(
  input: FusionInput,
): Promise<{ fusion: LinkerFusion; meta: Record<string, unknown> }> {
  const { root, ontology, log } = input;
  const packDir = path.join(root, 'dist', 'packs');
  const lexicons = readLexiconPack(
    JSON.parse(readFileSync(path.join(packDir, 'lexicons.json'), 'utf8')),
  );
  const rankerModel = JSON.parse(
    readFileSync(path.join(root, 'models', 'code-ranker.json'), 'utf8'),
  ) as RankerModel;
  const coder = createCoder(ontology, { lexicons, ranker: rankerModel });
  const ranker = new CodeRanker(rankerModel);
  const embedder = referenceEmbedder(input.quantized, input.config, input.codeEmbeddings.modelId);
  const codeIndex = new CodeIndex(input.codeEmbeddings);
  const fusion: LinkerFusion = {
    features: [...FUSION_FEATURES],
    weights: FUSION_FEATURES.map(() => 0),
    threshold: 0.5,
    retrievalMinSimilarity: Number(process.env['LINKER_MIN_SIM'] ?? 0.7),
    retrievalTopK: 2,
    rankerId: rankerModel.id,
  };
  let gold = new Set<string>();
  const loo = createModelCoder(coder, embedder, codeIndex, {
    fusion,
    // The recipe the committed weights were fitted with (the product runs without retrieval).
    maxPhrases: FIT_RETRIEVAL_PHRASES,
    rankerLogit: (f) => {
      const p = Math.min(
        1 - 1e-6,
        Math.max(
          1e-6,
          sigmoid(dot(rankerModel.weights, ranker.features(f, { inGold: (c) => gold.has(c) }))),
        ),
      );
      return Math.log(p / (1 - p));
    },
    isSeenCode: (c) => (rankerModel.codeStats[c]?.[0] ?? 0) - (gold.has(c) ? 1 : 0) > 0,
    trainDocFreq: (c) => (rankerModel.codeStats[c]?.[0] ?? 0) - (gold.has(c) ? 1 : 0),
    contextBuckets: CONTEXT_BUCKETS,
  });
  const fitOn = fitSplits();
  const train = readCodiespSplits(fitOn);
  const trainGold = parseCodiespCodes(train.diagnosisTsv);
  const data: FusionRows = {
    rows: [],
    ids: [],
    y: [],
    noteOf: [],
    goldOfNote: [],
    goldPairs: 0,
    unseenGoldPairs: 0,
  };
  for (const [k, d] of train.docs.entries()) {
    gold = new Set(trainGold.get(d.id) ?? []);
    data.goldPairs += gold.size;
    data.goldOfNote.push(gold.size);
    // Codes that only this note has: unseen in the leave-one-out statistics.
    for (const c of gold) if ((rankerModel.codeStats[c]?.[0] ?? 0) <= 1) data.unseenGoldPairs++;
    for (const c of await loo.candidates(d.englishLines.join('\n'), MENTIONS)) {
      data.rows.push(c.features);
      data.ids.push(c.contextIds);
      data.y.push(gold.has(c.code) ? 1 : 0);
      data.noteOf.push(k);
    }
  }
  const fit = fitFusionWeights(data, fusion, train.split, log);

  // Dev: with the model vs the dictionary path (reporting only).
  const dev = readCodiespSplit('dev');
  const devGold = parseCodiespCodes(dev.diagnosisTsv);
  const trainDf = new Map<string, number>();
  for (const codes of trainGold.values())
    for (const c of codes) trainDf.set(c, (trainDf.get(c) ?? 0) + 1);
  const modelCoder = createModelCoder(coder, embedder, codeIndex, { fusion });
  const withModel = new Map<string, RankedCode[]>();
  const without = new Map<string, RankedCode[]>();
  for (const d of dev.docs) {
    const text = d.englishLines.join('\n');
    withModel.set(
      d.id,
      (await modelCoder.code(text, MENTIONS)).codes.map((c) => ({
        code: c.code,
        score: c.score,
      })),
    );
    without.set(
      d.id,
      coder.code(text, MENTIONS).codes.map((c) => ({ code: c.code, score: c.score })),
    );
  }
  const summarize = (preds: Map<string, RankedCode[]>): Record<string, number> => {
    const r = scoreCoding(devGold, preds, { trainDocFreq: trainDf });
    const never = r.recallByTrainFrequency?.find((b) => b.key === 'never');
    return {
      precision: round(r.exact.precision),
      recall: round(r.exact.recall),
      f1: round(r.exact.f1),
      map: round(r.map),
      unseenRecall: round(never?.recall ?? 0),
    };
  };
  const devWith = summarize(withModel);
  const devWithout = summarize(without);
  const devHeldOut = !fitOn.includes('dev');
  log(
    `fusion: dev (${devHeldOut ? 'held out' : 'in-sample'}) with model ${JSON.stringify(devWith)}; dictionary path ${JSON.stringify(devWithout)}`,
  );
  return {
    fusion,
    meta: {
      ...fit,
      fitSplits: train.split,
      devHeldOut,
      devWithModel: devWith,
      devDictionaryPath: devWithout,
    },
  };
}

/** The fitting notes' candidates: fusion features, context buckets, labels and gold counts. */
interface FusionRows {
  rows: FusionFeatures[];
  ids: number[][];
  y: number[];
  /** Index of each row's note. */
  noteOf: number[];
  goldOfNote: number[];
  goldPairs: number;
  /** Gold pairs whose code no other fitting note has. */
  unseenGoldPairs: number;
}

/**
 * Fits the fusion's dense weights and, when two-fold cross-validation keeps it, the context
 * scorer's, then both operating points, into `fusion`. Returns the figures for linker.json's meta.
 */
function fitFusionWeights(
  data: FusionRows,
  fusion: LinkerFusion,
  split: string,
  log: (s: string) => void,
): Record<string, number | null> {
  const { rows, ids, y, noteOf, goldOfNote, goldPairs, unseenGoldPairs } = data;
  // The weights are fitted, and stored, in FUSION_FEATURES order (fusion.features).
  const X = rows.map((f) => featureVector(f, FUSION_FEATURES));
  const retrievedRows = rows.filter((f) => f.retrieved === 1).length;
  const retrievedPos = rows.filter((f, i) => f.retrieved === 1 && y[i] === 1).length;
  log(
    `fusion: ${X.length} ${split} candidates (${retrievedRows} retrieved, ${retrievedPos} of them gold)`,
  );
  const lambdaSparse = chooseContextPenalty(
    { dense: X, ids, buckets: CONTEXT_BUCKETS },
    y,
    noteOf,
    goldOfNote,
    log,
  );
  const fitted = fitSparseLogistic(
    withoutContextIf(lambdaSparse, { dense: X, ids, buckets: CONTEXT_BUCKETS }),
    y,
    {
      lambda: 1e-3,
      lambdaSparse: lambdaSparse ?? 0,
      steps: FIT_STEPS,
    },
  );
  fusion.weights = fitted.dense.map((w) => Math.round(w * 1e5) / 1e5);
  // Without its penalty, the context scorer is left out (the fusion alone scored better).
  if (lambdaSparse !== undefined)
    fusion.context = {
      buckets: CONTEXT_BUCKETS,
      weights: fitted.sparse.map((w) => Math.round(w * 1e4) / 1e4),
    };
  const probs = X.map((x, i) =>
    sigmoid(dot(fusion.weights, x) + (fusion.context ? contextLogit(fusion.context, ids[i]!) : 0)),
  );
  const best = bestF1Threshold(probs, y, goldPairs);
  fusion.threshold = best.threshold;
  // Operating point for codes no (other) training note has, chosen on train: the F1 optimum
  // over those codes alone (leave-one-out: a code only this note has is unseen for it).
  const unseen = probs.map((_, i) => rows[i]!.unseen_code === 1);
  const bestUnseen = bestF1Threshold(
    probs.filter((_, i) => unseen[i]),
    y.filter((_, i) => unseen[i]),
    unseenGoldPairs,
  );
  fusion.unseenThreshold = Number(process.env['LINKER_UNSEEN_THRESHOLD'] ?? bestUnseen.threshold);
  log(
    `fusion: weights ${FUSION_FEATURES.map((f, j) => `${f}=${fusion.weights[j]!.toFixed(2)}`).join(' ')}, context penalty ${lambdaSparse ?? 'none'}, threshold ${fusion.threshold} (unseen codes ${fusion.unseenThreshold}, LOO unseen F1 ${bestUnseen.f1.toFixed(3)} over ${unseenGoldPairs} pairs), LOO train F1 ${best.f1.toFixed(3)}`,
  );

  return {
    fusionTrainCandidates: X.length,
    fusionRetrieved: retrievedRows,
    fusionRetrievedGold: retrievedPos,
    fusionLooTrainF1: round(best.f1),
    fusionContextPenalty: lambdaSparse ?? null,
    fusionLooUnseenF1: round(bestUnseen.f1),
  };
}

/** How the CLI's eval codes CodiEsp (mentions scope, inpatient setting), fitted as it is scored. */
const MENTIONS = { scope: 'mentions', setting: 'inpatient' } as const;
/** Hashed buckets of the context scorer. */
const CONTEXT_BUCKETS = 8192;
const FIT_STEPS = 400;
/** Penalties of the context weights tried; undefined: no context scorer (the fusion alone). */
const CONTEXT_PENALTIES = [undefined, 1e-2, 3e-3, 1e-3];

/** The rows without their hashed features when the context scorer is left out. */
function withoutContextIf(lambdaSparse: number | undefined, rows: SparseRows): SparseRows {
  return lambdaSparse === undefined ? { ...rows, ids: rows.ids.map(() => []) } : rows;
}

/**
 * The context weights' L2 penalty: two-fold over the fitting notes (odd and even), the one
 * whose weights give the best micro-F1 on the other half (each half at its own optimum).
 */
function chooseContextPenalty(
  rows: SparseRows,
  y: readonly number[],
  noteOf: readonly number[],
  goldOfNote: readonly number[],
  log: (s: string) => void,
): number | undefined {
  const scores = CONTEXT_PENALTIES.map((lambdaSparse) => {
    const all = withoutContextIf(lambdaSparse, rows);
    let f1 = 0;
    for (const fold of [0, 1]) {
      const fit = (i: number): boolean => noteOf[i]! % 2 !== fold;
      const pick = <T>(a: readonly T[], keep: boolean): T[] => a.filter((_, i) => fit(i) === keep);
      const w = fitSparseLogistic(
        { dense: pick(all.dense, true), ids: pick(all.ids, true), buckets: all.buckets },
        pick(y, true),
        { lambda: 1e-3, lambdaSparse: lambdaSparse ?? 0, steps: FIT_STEPS },
      );
      const held = rows.dense
        .map((x, i) => ({ x, i }))
        .filter(({ i }) => !fit(i))
        .map(({ x, i }) =>
          sigmoid(
            dot(w.dense, x) +
              contextLogit({ buckets: rows.buckets, weights: w.sparse }, all.ids[i]!),
          ),
        );
      const heldY = pick(y, false);
      const heldGold = goldOfNote.reduce((n, g, k) => (k % 2 === fold ? n + g : n), 0);
      f1 += bestF1Threshold(held, heldY, heldGold).f1 / 2;
    }
    log(
      `fusion: context penalty ${lambdaSparse ?? 'none (no context scorer)'}: two-fold F1 ${f1.toFixed(4)}`,
    );
    return f1;
  });
  return CONTEXT_PENALTIES[scores.indexOf(Math.max(...scores))]!;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** L2-regularised logistic regression, full-batch Adam on standardised features (deterministic). */
