/**
 * `npm run train` (ranker part): fits the calibrated code reranker on CodiEsp train and dev
 * (`MARGINALIA_FIT_SPLITS`, see read-codiesp.ts; "train" leaves dev out for a held-out score).
 *
 * 1. Codes every training note with the dictionary path (mentions scope) and keeps every
 *    candidate with its features.
 * 2. Counts, per code and per phrase → code pairing, how often the dictionary proposed it and
 *    how often the annotators coded it. While fitting, each note's own counts are left out
 *    (leave-one-out), so the model learns how far to trust the statistics on unseen notes.
 * 3. Fits an L2-regularised logistic regression (full-batch gradient descent from zero:
 *    deterministic), picks the probability threshold that maximises micro-F1 on the
 *    leave-one-out predictions, and writes models/code-ranker.json.
 *
 * Only the fitting splits are used for fitting; dev is scored for the model card (held out only
 * when it is not among them). The test split is never read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOntology } from '../src/ontology/ontology.js';
import { createCoder, type AnalyzedCandidate } from '../src/engine/create-coder.js';
import { readLexiconPack } from '../src/context/lexicon-pack.js';
import {
  CodeRanker,
  RANKER_FEATURES,
  RANKER_FORMAT,
  RANKER_FORMAT_VERSION,
  dot,
  sigmoid,
  type CodeStat,
  type KeyStat,
  type RankerModel,
} from '../src/engine/code-ranker.js';
import { parseCodiespCodes } from '../src/eval/parse-codiesp-gold.js';
import { scoreCoding, formatEvalReport } from '../src/eval/score-coding.js';
import {
  fitSplits,
  readCodiespSplit,
  readCodiespSplits,
  repoRoot,
  type CodiespFitSplit,
} from './read-codiesp.js';
import { sha256Of } from './data-source.js';
import { bestF1Threshold, fitLogistic } from './fit-logistic-regression.js';

const root = repoRoot();
const packDir = path.join(root, 'dist', 'packs');
const t0 = performance.now();
const ontology = loadOntology(
  JSON.parse(readFileSync(path.join(packDir, 'icd10cm-2025-april.json'), 'utf8')),
);
const lexicons = readLexiconPack(
  JSON.parse(readFileSync(path.join(packDir, 'lexicons.json'), 'utf8')),
);
const stats = JSON.parse(readFileSync(path.join(packDir, 'codiesp-train-stats.json'), 'utf8')) as {
  phrases: { phrase: string; code: string; count: number; precision: number }[];
};
// Phrases seen as gold evidence in at least two training notes: a phrase mined from one note
// would be found again in that same note while fitting, and teach the model to over-trust it.
const learnedTerms = stats.phrases
  .filter((p) => p.count >= Number(process.env.MIN_PHRASE_COUNT ?? 2))
  .map((p) => ({ phrase: p.phrase, code: p.code }));
const FIT_SPLITS = fitSplits();
const DEV_HELD_OUT = !FIT_SPLITS.includes('dev');
const trainGoldAll = parseCodiespCodes(readCodiespSplits(FIT_SPLITS).diagnosisTsv);
const headerForms = [...new Set([...trainGoldAll.values()].flatMap((s) => [...s]))]
  .filter((c) => ontology.has(c) && !ontology.isBillable(c))
  .sort();
const coder = createCoder(ontology, {
  lexicons,
  headerForms,
  extraTerms: learnedTerms.map((t) => ({
    text: t.phrase,
    code: t.code,
    source: 'learned',
    weight: 0.9,
  })),
});

interface DocCandidates {
  id: string;
  gold: Set<string>;
  candidates: AnalyzedCandidate[];
}

function analyzeSplit(splits: readonly CodiespFitSplit[]): {
  docs: DocCandidates[];
  gold: Map<string, Set<string>>;
  sources: { file: string; sha256: string }[];
} {
  const data = splits.length === 1 ? readCodiespSplit(splits[0]!) : readCodiespSplits(splits);
  const gold = parseCodiespCodes(data.diagnosisTsv);
  const docs = data.docs.map((d) => ({
    id: d.id,
    gold: gold.get(d.id) ?? new Set<string>(),
    candidates: coder.analyze(d.englishLines.join('\n'), { scope: 'mentions' }).candidates,
  }));
  return { docs, gold, sources: data.sources };
}

const train = analyzeSplit(FIT_SPLITS);
console.log(
  `train-ranker: analysed ${train.docs.length} ${FIT_SPLITS.join('+')} notes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

// Statistics over the training notes.
const codeStats: Record<string, CodeStat> = {};
const keyStats: Record<string, KeyStat> = {};
const categoryDf: Record<string, number> = {};
for (const doc of train.docs) {
  for (const code of doc.gold) {
    (codeStats[code] ??= [0, 0, 0])[0]++;
  }
  for (const cat of new Set([...doc.gold].map((c) => c.slice(0, 3))))
    categoryDf[cat] = (categoryDf[cat] ?? 0) + 1;
  for (const { features: f } of doc.candidates) {
    const hit = doc.gold.has(f.code) ? 1 : 0;
    const cs = (codeStats[f.code] ??= [0, 0, 0]);
    cs[1]++;
    cs[2] += hit;
    for (const k of new Set(f.keys)) {
      const ks = (keyStats[`${k}\t${f.code}`] ??= [0, 0]);
      ks[0]++;
      ks[1] += hit;
    }
  }
}

const model: RankerModel = {
  format: RANKER_FORMAT,
  formatVersion: RANKER_FORMAT_VERSION,
  id: 'code-ranker@1',
  features: [...RANKER_FEATURES],
  weights: RANKER_FEATURES.map(() => 0),
  threshold: 0.5,
  codeStats,
  keyStats,
  categoryDf,
  trainDocs: train.docs.length,
  learnedTerms,
  headerForms,
  meta: {},
};
const ranker = new CodeRanker(model);

// Leave-one-out feature matrix.
const X: number[][] = [];
const y: number[] = [];
const owner: number[] = [];
train.docs.forEach((doc, d) => {
  for (const { features } of doc.candidates) {
    X.push(ranker.features(features, { inGold: (c) => doc.gold.has(c) }));
    y.push(doc.gold.has(features.code) ? 1 : 0);
    owner.push(d);
  }
});

const weights = fitLogistic(X, y, 1e-3, 1500);
model.weights = weights.map((v) => Math.round(v * 1e6) / 1e6);

// Threshold: the micro-F1 optimum on the leave-one-out predictions.
const goldPairs = train.docs.reduce((n, d) => n + d.gold.size, 0);
const probs = X.map((x) => sigmoid(dot(model.weights, x)));
const best = bestF1Threshold(probs, y, goldPairs);
model.threshold = best.threshold;
void owner;

// Score dev with the fitted model (reporting only).
const dev = analyzeSplit(['dev']);
const devPred = new Map<string, { code: string; score: number }[]>();
const final = new CodeRanker(model);
for (const doc of dev.docs) {
  const scored = doc.candidates
    .map(({ features }) => ({ code: features.code, score: final.predict(features) }))
    .filter((c) => c.score >= 0.2)
    .sort((a, b) => b.score - a.score);
  devPred.set(doc.id, scored);
}
// Dev F1 across thresholds, for the model card (the threshold itself comes from train).
const devSweep: Record<string, number> = {};
for (let t = 0.2; t <= 0.5001; t += 0.02) {
  const cut = new Map([...devPred].map(([id, list]) => [id, list.filter((c) => c.score >= t)]));
  devSweep[t.toFixed(2)] = Math.round(scoreCoding(dev.gold, cut, {}).exact.f1 * 1000) / 1000;
}
console.log('dev micro-F1 by threshold:', JSON.stringify(devSweep));
const trainDf = new Map(Object.entries(codeStats).map(([c, s]) => [c, s[0]]));
const report = scoreCoding(
  dev.gold,
  new Map([...devPred].map(([id, list]) => [id, list.filter((c) => c.score >= model.threshold)])),
  { trainDocFreq: trainDf },
);
console.log(
  formatEvalReport(
    report,
    DEV_HELD_OUT
      ? 'dev with the ranker (held out)'
      : 'dev with the ranker (in-sample: dev is part of the fitting data)',
  ),
);

model.meta = {
  trainedOn: `CodiEsp ${FIT_SPLITS.join(' + ')} (${train.docs.length} English machine-translated clinical cases, CC BY 4.0), diagnosis codes`,
  trainSources: train.sources.filter((s) => /(?:train|dev)D\.tsv$/.test(s.file)),
  examples: X.length,
  positives: y.reduce((a, b) => a + b, 0),
  looTrainF1: Math.round(best.f1 * 1000) / 1000,
  dev: {
    heldOut: DEV_HELD_OUT,
    precision: round(report.exact.precision),
    recall: round(report.exact.recall),
    f1: round(report.exact.f1),
    categoryF1: round(report.category.f1),
    map: round(report.map),
  },
};
const out = path.join(root, 'models', 'code-ranker.json');
const json = JSON.stringify(model);
writeFileSync(out, json + '\n');
console.log(
  `train-ranker: ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${path.relative(root, out)} (${(json.length / 1024).toFixed(0)} KB, sha256 ${sha256Of(json + '\n').slice(0, 16)}…), threshold ${model.threshold}, LOO train F1 ${best.f1.toFixed(3)}`,
);
console.log(
  'weights:',
  model.features.map((f, j) => `${f}=${model.weights[j]!.toFixed(2)}`).join(' '),
);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
