/**
 * A learned, calibrated reranker over the dictionary's candidates.
 *
 * The dictionary finds every code a note's words can reach; most of those are right for a
 * coder reading an Index, but many are not what annotators code ("old" → I25.2, "blood" →
 * D75.9). The ranker turns each candidate into features (how the term matched, its context,
 * and how often this phrase → code pairing was right in the training notes) and a logistic
 * model gives a calibrated probability. Trained by `npm run train` (build/train-ranker.ts)
 * on CodiEsp train only; the model file lives in models/ with its card.
 */
import { ASSERTIONS, type Assertion } from './coding-types.js';
import { TERM_SOURCES } from './term-dictionary.js';
import { featureVector, storedFeatureOrder } from './named-features.js';

export const RANKER_FORMAT = 'marginalia-code-ranker';
export const RANKER_FORMAT_VERSION = 1;

/** What the coder knows about one candidate code in one note. */
export interface CandidateFeatures {
  /** Dotless code in output form. */
  code: string;
  dictScore: number;
  density: number;
  requiredWords: number;
  mentions: number;
  /** Folded evidence texts ("chronic kidney disease"). */
  keys: string[];
  sources: string[];
  assertion: Assertion;
  unspecified: boolean;
  billable: boolean;
}

/** Training-split statistics: [documents with the code in gold, documents predicted, of which right]. */
export type CodeStat = [df: number, n: number, tp: number];
/** Per "key\tcode": [documents predicted, of which right]. */
export type KeyStat = [n: number, tp: number];

export interface RankerModel {
  format: typeof RANKER_FORMAT;
  formatVersion: number;
  /** Id and version, e.g. "code-ranker@1". */
  id: string;
  features: string[];
  weights: number[];
  /** Probability at or above which a candidate is reported. */
  threshold: number;
  codeStats: Record<string, CodeStat>;
  keyStats: Record<string, KeyStat>;
  categoryDf: Record<string, number>;
  /** Documents in the training split. */
  trainDocs: number;
  /** Phrases mined from the training notes (English evidence of gold codes), added to the dictionary. */
  learnedTerms: { phrase: string; code: string }[];
  /** Header codes the annotators use as codes (CIE-10-ES 2018 "R51"), kept as is in mentions scope. */
  headerForms: string[];
  /** Free-form provenance and metrics for the model card. */
  meta: Record<string, unknown>;
}

/** Leave-one-out correction while training: this note's own contribution to the statistics. */
export interface OwnContribution {
  inGold: (code: string) => boolean;
}

/** The ranker's features, in the order `npm run train` fits them (a model stores its own order). */
export const RANKER_FEATURES = [
  'bias',
  'dict_score',
  'log_code_df',
  'key_precision',
  'log_key_n',
  'code_precision',
  'log_code_n',
  'log_category_df',
  'density',
  'required_words',
  'log_mentions',
  ...TERM_SOURCES.map((s) => `source_${s}` as const),
  ...ASSERTIONS.map((a) => `assertion_${a}` as const),
  'unspecified',
  'billable',
  'chapter_r',
  'chapter_z',
  'chapter_st',
  'chapter_cd',
  'key_known',
  'code_known',
] as const;

/** The name of one ranker feature. */
export type RankerFeature = (typeof RANKER_FEATURES)[number];

export class CodeRanker {
  readonly id: string;
  readonly threshold: number;
  /** The model's feature names in weight order. */
  private readonly order: readonly RankerFeature[];

  constructor(readonly model: RankerModel) {
    if (model.format !== RANKER_FORMAT || model.formatVersion !== RANKER_FORMAT_VERSION) {
      throw new Error(
        `Expected a ${RANKER_FORMAT} v${RANKER_FORMAT_VERSION} model, got ${JSON.stringify(model.format)} v${model.formatVersion}.`,
      );
    }
    this.order = storedFeatureOrder(
      `Ranker model ${model.id}`,
      model.features,
      model.weights.length,
      RANKER_FEATURES,
    );
    this.id = model.id;
    this.threshold = model.threshold;
  }

  /** The features of a candidate by name; `own` removes the note's own counts (training only). */
  namedFeatures(c: CandidateFeatures, own?: OwnContribution): Record<RankerFeature, number> {
    const m = this.model;
    const gold = own?.inGold(c.code) ? 1 : 0;
    const [df0 = 0, cn0 = 0, ctp0 = 0] = m.codeStats[c.code] ?? [];
    const df = df0 - gold;
    const cn = cn0 - (own ? 1 : 0);
    const ctp = ctp0 - gold;
    const globalPrior = 0.2;
    const codePrec = (ctp + 2 * globalPrior) / (Math.max(0, cn) + 2);
    let keyPrec = codePrec;
    let keyN = 0;
    for (const k of c.keys) {
      const stat = m.keyStats[`${k}\t${c.code}`];
      if (!stat) continue;
      const n = stat[0] - (own ? 1 : 0);
      const tp = stat[1] - gold;
      if (n <= 0) continue;
      const p = (tp + 2 * codePrec) / (n + 2);
      if (n > keyN || (n === keyN && p > keyPrec)) {
        keyN = n;
        keyPrec = p;
      }
    }
    const cat = c.code.slice(0, 3);
    const catDf = (m.categoryDf[cat] ?? 0) - gold;
    const ch = c.code[0] ?? '';
    const has = (yes: boolean): number => (yes ? 1 : 0);
    return {
      bias: 1,
      dict_score: c.dictScore,
      log_code_df: Math.log1p(Math.max(0, df)),
      key_precision: keyPrec,
      log_key_n: Math.log1p(keyN),
      code_precision: codePrec,
      log_code_n: Math.log1p(Math.max(0, cn)),
      log_category_df: Math.log1p(Math.max(0, catDf)),
      density: c.density,
      required_words: Math.min(c.requiredWords, 6) / 6,
      log_mentions: Math.log1p(c.mentions),
      source_index: has(c.sources.includes('index')),
      source_title: has(c.sources.includes('title')),
      source_inclusion: has(c.sources.includes('inclusion')),
      source_neoplasm: has(c.sources.includes('neoplasm')),
      source_abbreviation: has(c.sources.includes('abbreviation')),
      source_learned: has(c.sources.includes('learned')),
      assertion_present: has(c.assertion === 'present'),
      assertion_negated: has(c.assertion === 'negated'),
      assertion_possible: has(c.assertion === 'possible'),
      assertion_hypothetical: has(c.assertion === 'hypothetical'),
      assertion_historical: has(c.assertion === 'historical'),
      assertion_family: has(c.assertion === 'family'),
      unspecified: has(c.unspecified),
      billable: has(c.billable),
      chapter_r: has(ch === 'R'),
      chapter_z: has(ch === 'Z'),
      chapter_st: has(ch === 'S' || ch === 'T'),
      chapter_cd: has(ch === 'C' || ch === 'D'),
      key_known: has(keyN > 0),
      code_known: has(cn > 0),
    };
  }

  /** The feature vector of a candidate in the model's weight order (training and scoring). */
  features(c: CandidateFeatures, own?: OwnContribution): number[] {
    return featureVector(this.namedFeatures(c, own), this.order);
  }

  /** Calibrated probability that the candidate is a code the note supports. */
  predict(c: CandidateFeatures): number {
    return sigmoid(dot(this.model.weights, this.features(c)));
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function dot(w: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * x[i]!;
  return s;
}
