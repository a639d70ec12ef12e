/**
 * Scores a coder's output against gold codes the way CodiEsp-D is judged.
 *
 * - Micro precision, recall and F1 on exact codes and on 3-character categories, counted over
 *   unique (document, code) pairs as the official `comp_f1_diag_proc.py` does: every predicted
 *   pair counts for precision, including pairs of documents that have no gold codes.
 * - MAP as the official `codiespD_P_evaluation.py` computes it (trectools `get_map`, with
 *   `trec_eval=False`): the ranked list is taken in the order given, duplicates keep their first
 *   rank, it is cut at `mapDepth` (1000), and for each gold document
 *   AP = (sum of precision@k over ranks k holding a gold code) / (number of unique gold codes).
 *   MAP is the mean of AP over the gold documents; a gold document with no predictions scores 0,
 *   and predictions for documents without gold codes are ignored.
 * - Recall split by how often the gold code occurs in the training split (documents containing
 *   it): never, 1-4, 5+; and recall per chapter letter, for analysis.
 *
 * Codes are normalised on both sides with {@link normalizeCode}.
 */
import { codeCategory, codeChapterLetter, normalizeCode } from './normalize-code.js';

const identity = (code: string): string => code;

/** A predicted code, optionally with the engine's score. */
export interface ScoredCode {
  code: string;
  score?: number;
  /**
   * false: ranked only (the tail of a ranking below the coder's threshold). It counts for MAP,
   * never for precision, recall or F1. Default true.
   */
  reported?: boolean;
}

/** One entry of a ranked prediction list: a bare code or a code with a score. */
export type RankedCode = string | ScoredCode;

/** Gold codes per document id. Codes may be dotted or lowercase; they are normalised. */
export type GoldCodes = ReadonlyMap<string, ReadonlySet<string> | readonly string[]>;

/** Ranked predictions per document id, best first. */
export type RankedPredictions = ReadonlyMap<string, readonly RankedCode[]>;

/** How often a gold code occurs in the training split: never, 1-4 or 5+ times (recall is reported per bucket). */
export type FrequencyBucket = 'never' | '1-4' | '5+';

/** The buckets in report order. */
export const FREQUENCY_BUCKETS: readonly FrequencyBucket[] = ['never', '1-4', '5+'];

/** Options of {@link scoreCoding}. */
export interface ScoreCodingOptions {
  /**
   * Number of training documents containing each code (normalised, undotted keys). Without it
   * the report has no frequency buckets (`recallByTrainFrequency` is null).
   */
  trainDocFreq?: ReadonlyMap<string, number>;
  /** Rank cut-off of the MAP (trectools default: 1000). */
  mapDepth?: number;
  /**
   * Only predictions with `score >= setThreshold` count for precision, recall, F1 and the recall
   * splits; MAP always uses the whole ranked list. Entries without a score always count.
   */
  setThreshold?: number;
  /**
   * Drop predicted codes outside this set (normalised codes) before scoring, as the official
   * scorer does with its valid-code lists.
   */
  validCodes?: ReadonlySet<string>;
  /**
   * Applied to every normalised code on both sides after normalisation (for example
   * `codiespCanonicalCode`, to compare 7th-character codes in CodiEsp's form). Training
   * frequencies are looked up with the canonical code too. Default: identity.
   */
  canonicalize?: (normalizedCode: string) => string;
}

/** Micro-averaged counts and ratios. Ratios with a zero denominator are 0. */
export interface PrfScores {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Recall over the gold pairs of one group (frequency bucket or chapter). */
export interface RecallGroup {
  /** Bucket name or chapter letter. */
  key: string;
  /** Gold (document, code) pairs in the group. */
  gold: number;
  /** Of those, pairs the coder predicted (in the thresholded set). */
  found: number;
  recall: number;
}

/** Everything {@link scoreCoding} measures. */
export interface CodingEvalReport {
  /** Documents with at least one gold code (the MAP denominator). */
  goldDocuments: number;
  /** Documents with at least one prediction that counts for the set metrics. */
  predictedDocuments: number;
  /** Predicted documents that have no gold codes (they still count for precision). */
  predictedDocumentsWithoutGold: number;
  /** Exact-code micro scores. */
  exact: PrfScores;
  /** 3-character category micro scores (set of categories per document). */
  category: PrfScores;
  /** Mean average precision of the ranked lists against exact gold codes. */
  map: number;
  /** Rank cut-off used for MAP. */
  mapDepth: number;
  /** Set-metric threshold, or null when every prediction counted. */
  setThreshold: number | null;
  /** Recall by training frequency, in {@link FREQUENCY_BUCKETS} order; null without frequencies. */
  recallByTrainFrequency: RecallGroup[] | null;
  /** Recall by chapter letter of the gold code, sorted by letter. */
  recallByChapter: RecallGroup[];
}

/** Bucket of a code that occurs in `docFreq` training documents. */
export function frequencyBucket(docFreq: number): FrequencyBucket {
  if (!Number.isFinite(docFreq) || docFreq < 0) {
    throw new Error(`frequencyBucket: expected a document count >= 0, got ${docFreq}`);
  }
  if (docFreq === 0) return 'never';
  return docFreq < 5 ? '1-4' : '5+';
}

/** Micro precision/recall/F1 from counts; ratios with a zero denominator are 0. */
export function prfFromCounts(
  truePositives: number,
  falsePositives: number,
  falseNegatives: number,
): PrfScores {
  const predicted = truePositives + falsePositives;
  const gold = truePositives + falseNegatives;
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = gold === 0 ? 0 : truePositives / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}

/**
 * Average precision of one ranked list against a gold set, trec_eval style:
 * sum of precision@k over the ranks k (1-based, after removing repeated codes and cutting at
 * `depth`) that hold a gold code, divided by the number of gold codes. 0 when gold is empty.
 * Codes must already be normalised.
 */
export function averagePrecision(
  ranked: readonly string[],
  gold: ReadonlySet<string>,
  depth = 1000,
): number {
  if (gold.size === 0) return 0;
  const seen = new Set<string>();
  let rank = 0;
  let hits = 0;
  let sum = 0;
  for (const code of ranked) {
    if (seen.has(code)) continue;
    seen.add(code);
    rank += 1;
    if (rank > depth) break;
    if (gold.has(code)) {
      hits += 1;
      sum += hits / rank;
    }
  }
  return sum / gold.size;
}

function entryCode(entry: RankedCode, docId: string): string {
  const raw = typeof entry === 'string' ? entry : entry.code;
  if (typeof raw !== 'string') {
    throw new Error(
      `scoreCoding: expected a code string in the predictions of "${docId}", got ${typeof raw}`,
    );
  }
  return normalizeCode(raw);
}

function countsForSet(entry: RankedCode, threshold: number | undefined): boolean {
  if (typeof entry !== 'string' && entry.reported === false) return false;
  if (threshold === undefined || typeof entry === 'string' || entry.score === undefined)
    return true;
  return entry.score >= threshold;
}

function addTo(
  groups: Map<string, { gold: number; found: number }>,
  key: string,
  found: boolean,
): void {
  const g = groups.get(key) ?? { gold: 0, found: 0 };
  g.gold += 1;
  if (found) g.found += 1;
  groups.set(key, g);
}

function toGroups(
  groups: Map<string, { gold: number; found: number }>,
  order: readonly string[],
): RecallGroup[] {
  return order.map((key) => {
    const g = groups.get(key) ?? { gold: 0, found: 0 };
    return { key, gold: g.gold, found: g.found, recall: g.gold === 0 ? 0 : g.found / g.gold };
  });
}

/**
 * Score ranked predictions against gold codes. See the module comment for the exact definitions.
 *
 * @param gold gold codes per document; documents with an empty set are ignored.
 * @param predictions ranked codes per document, best first.
 */
export function scoreCoding(
  gold: GoldCodes,
  predictions: RankedPredictions,
  options: ScoreCodingOptions = {},
): CodingEvalReport {
  const mapDepth = options.mapDepth ?? 1000;
  if (!Number.isInteger(mapDepth) || mapDepth < 1) {
    throw new Error(`scoreCoding: expected mapDepth to be a positive integer, got ${mapDepth}`);
  }
  const threshold = options.setThreshold;
  if (threshold !== undefined && Number.isNaN(threshold)) {
    throw new Error('scoreCoding: expected setThreshold to be a number, got NaN');
  }

  const canon = options.canonicalize ?? identity;
  const goldNorm = new Map<string, Set<string>>();
  for (const [docId, codes] of gold) {
    const set = new Set<string>();
    for (const c of codes) set.add(canon(normalizeCode(c)));
    if (set.size > 0) goldNorm.set(docId, set);
  }

  // Ranked (for MAP) and set (for P/R/F1) predictions per note.
  const rankedNorm = new Map<string, string[]>();
  const setNorm = new Map<string, Set<string>>();
  for (const [docId, list] of predictions) {
    if (!Array.isArray(list)) {
      throw new Error(
        `scoreCoding: expected an array of ranked codes for "${docId}", got ${typeof list}`,
      );
    }
    const ranked: string[] = [];
    const set = new Set<string>();
    for (const entry of list) {
      const raw = entryCode(entry, docId);
      if (options.validCodes && !options.validCodes.has(raw)) continue;
      const code = canon(raw);
      ranked.push(code);
      if (countsForSet(entry, threshold)) set.add(code);
    }
    rankedNorm.set(docId, ranked);
    if (set.size > 0) setNorm.set(docId, set);
  }

  let tp = 0;
  let fp = 0;
  let fn = 0;
  let ctp = 0;
  let cfp = 0;
  let cfn = 0;
  let predictedDocumentsWithoutGold = 0;
  const buckets = new Map<string, { gold: number; found: number }>();
  const chapters = new Map<string, { gold: number; found: number }>();
  let freq: Map<string, number> | undefined;
  if (options.trainDocFreq) {
    freq = new Map();
    for (const [c, n] of options.trainDocFreq) {
      const k = canon(normalizeCode(c));
      freq.set(k, (freq.get(k) ?? 0) + n);
    }
  }

  const docIds = new Set<string>([...goldNorm.keys(), ...setNorm.keys()]);
  for (const docId of docIds) {
    const g = goldNorm.get(docId) ?? new Set<string>();
    const p = setNorm.get(docId) ?? new Set<string>();
    if (g.size === 0 && p.size > 0) predictedDocumentsWithoutGold += 1;
    for (const code of p) {
      if (g.has(code)) tp += 1;
      else fp += 1;
    }
    for (const code of g) {
      const found = p.has(code);
      if (!found) fn += 1;
      if (freq) addTo(buckets, frequencyBucket(freq.get(code) ?? 0), found);
      addTo(chapters, codeChapterLetter(code), found);
    }
    const gc = new Set([...g].map(codeCategory));
    const pc = new Set([...p].map(codeCategory));
    for (const c of pc) {
      if (gc.has(c)) ctp += 1;
      else cfp += 1;
    }
    for (const c of gc) if (!pc.has(c)) cfn += 1;
  }

  let apSum = 0;
  for (const [docId, g] of goldNorm) {
    apSum += averagePrecision(rankedNorm.get(docId) ?? [], g, mapDepth);
  }

  return {
    goldDocuments: goldNorm.size,
    predictedDocuments: setNorm.size,
    predictedDocumentsWithoutGold,
    exact: prfFromCounts(tp, fp, fn),
    category: prfFromCounts(ctp, cfp, cfn),
    map: goldNorm.size === 0 ? 0 : apSum / goldNorm.size,
    mapDepth,
    setThreshold: threshold ?? null,
    recallByTrainFrequency: freq ? toGroups(buckets, FREQUENCY_BUCKETS) : null,
    recallByChapter: toGroups(chapters, [...chapters.keys()].sort()),
  };
}

function pct(x: number): string {
  return (x * 100).toFixed(1).padStart(5);
}

/** A readable plain-text table of a {@link CodingEvalReport}, for the CLI and build logs. */
export function formatEvalReport(report: CodingEvalReport, title = 'CodiEsp-D evaluation'): string {
  const lines: string[] = [];
  lines.push(title);
  lines.push(
    `documents: ${report.goldDocuments} gold, ${report.predictedDocuments} predicted` +
      (report.predictedDocumentsWithoutGold > 0
        ? ` (${report.predictedDocumentsWithoutGold} without gold)`
        : '') +
      (report.setThreshold === null ? '' : `; set threshold ${report.setThreshold}`),
  );
  lines.push('');
  lines.push('level      precision  recall     F1     TP     FP     FN');
  const row = (name: string, s: PrfScores): string =>
    `${name.padEnd(10)} ${pct(s.precision)}%   ${pct(s.recall)}%  ${pct(s.f1)}% ${String(s.truePositives).padStart(6)} ${String(
      s.falsePositives,
    ).padStart(6)} ${String(s.falseNegatives).padStart(6)}`;
  lines.push(row('exact', report.exact));
  lines.push(row('category', report.category));
  lines.push(`MAP (depth ${report.mapDepth}): ${report.map.toFixed(3)}`);
  if (report.recallByTrainFrequency) {
    lines.push('');
    lines.push('recall by train frequency  gold  found  recall');
    for (const g of report.recallByTrainFrequency) {
      lines.push(
        `  ${g.key.padEnd(24)}${String(g.gold).padStart(5)}  ${String(g.found).padStart(5)}  ${pct(g.recall)}%`,
      );
    }
  }
  if (report.recallByChapter.length > 0) {
    lines.push('');
    lines.push('recall by chapter letter   gold  found  recall');
    for (const g of report.recallByChapter) {
      lines.push(
        `  ${g.key.padEnd(24)}${String(g.gold).padStart(5)}  ${String(g.found).padStart(5)}  ${pct(g.recall)}%`,
      );
    }
  }
  return lines.join('\n');
}
