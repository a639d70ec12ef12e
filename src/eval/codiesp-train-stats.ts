/**
 * The shape of `dist/packs/codiesp-train-stats.json`, written by `build/mine-codiesp.ts` from the
 * CodiEsp splits the models are fitted on ("train+dev" by default, "train" for a held-out dev;
 * test is never used).
 *
 * Codes are normalised (uppercase, no dot), as {@link normalizeCode} writes them.
 */
import { normalizeCode } from './normalize-code.js';

export const CODIESP_STATS_FORMAT = 'marginalia-codiesp-train-stats';
export const CODIESP_STATS_FORMAT_VERSION = 1;

/** One input file and its checksum, as verified against the data folder's SHA256SUMS. */
export interface StatsSource {
  /** Path relative to the data directory, e.g. "codiesp/train/trainD.tsv". */
  file: string;
  sha256: string;
}

/**
 * A mined English phrase for a code: in `count` training documents, the English translation of
 * a gold evidence span for `code` was `phrase`.
 */
export interface MinedPhrase {
  /** Lowercased tokens joined by one space, e.g. "right orchiepididymitis". */
  phrase: string;
  /** Normalised code, e.g. "N451". */
  code: string;
  /** Training documents where the phrase was mined as the evidence of `code`. */
  count: number;
  /** Training documents whose English text contains the phrase (token sequence) anywhere. */
  docFreqOfPhrase: number;
  /**
   * Estimated precision of "phrase in a document => code is gold there": training documents
   * containing the phrase that have `code` in gold, over `docFreqOfPhrase`, with add-one
   * smoothing in the denominator.
   */
  precision: number;
}

/** Counts describing how the phrase mining went (for reports and regression checks). */
export interface MiningSummary {
  /** Gold diagnosis (document, code) pairs in the training split (trainD.tsv, unique). */
  goldPairs: number;
  /** Of those, pairs with at least one evidence span in trainX.tsv. */
  pairsWithSpan: number;
  /** Pairs for which an English phrase was extracted. */
  pairsWithPhrase: number;
  /** Spanish sentences and English lines aligned 1-1 or n-m (share of Spanish sentences). */
  alignedSentenceShare: number;
  /** Entries in `phrases` after filtering. */
  phraseEntries: number;
}

/** The whole stats file. */
export interface CodiespTrainStats {
  format: typeof CODIESP_STATS_FORMAT;
  formatVersion: number;
  /** "train+dev" or "train". */
  split: string;
  /** Number of training documents. */
  documents: number;
  sources: StatsSource[];
  /** Hash over the sources and the tool version; the build skips mining when it matches. */
  inputHash: string;
  /** Training documents containing each diagnosis code (trainD.tsv), normalised keys. */
  codeDocFreq: Record<string, number>;
  /**
   * Training gold codes (with their document frequency) that are headers, not leaves, in the
   * ICD-10-CM 2025 order file: CodiEsp (CIE-10-ES 2018) used them as codes before later
   * expansions (M54.5, R51, R05, E87.2) or without the 7th character (S02.5XX). An engine scored in
   * CodiEsp `mentions` scope may want to emit these forms.
   */
  cmHeaderCodes: Record<string, number>;
  /** Mined English phrases, sorted by code then descending count. */
  phrases: MinedPhrase[];
  summary: MiningSummary;
}

/**
 * Check the parts of a parsed stats file that consumers rely on and return it typed.
 *
 * @throws Error saying which field was expected and what came.
 */
export function parseCodiespTrainStats(json: unknown): CodiespTrainStats {
  const fail = (what: string, got: unknown): never => {
    throw new Error(
      `codiesp-train-stats: expected ${what}, got ${JSON.stringify(got)?.slice(0, 80)}`,
    );
  };
  if (typeof json !== 'object' || json === null) return fail('an object', json);
  const o = json as Record<string, unknown>;
  if (o['format'] !== CODIESP_STATS_FORMAT) fail(`format "${CODIESP_STATS_FORMAT}"`, o['format']);
  if (o['formatVersion'] !== CODIESP_STATS_FORMAT_VERSION) {
    fail(`formatVersion ${CODIESP_STATS_FORMAT_VERSION}`, o['formatVersion']);
  }
  const df = o['codeDocFreq'];
  if (typeof df !== 'object' || df === null || Array.isArray(df))
    fail('codeDocFreq to be an object', df);
  for (const [code, n] of Object.entries(df as Record<string, unknown>)) {
    if (normalizeCode(code) !== code) fail('codeDocFreq keys to be normalised codes', code);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      fail(`a positive count for ${code}`, n);
  }
  const phrases = o['phrases'];
  if (!Array.isArray(phrases)) fail('phrases to be an array', phrases);
  for (const p of phrases as unknown[]) {
    const e = p as Record<string, unknown>;
    if (
      typeof e?.['phrase'] !== 'string' ||
      typeof e['code'] !== 'string' ||
      typeof e['count'] !== 'number'
    ) {
      fail('phrase entries {phrase, code, count, docFreqOfPhrase, precision}', p);
    }
  }
  return json as CodiespTrainStats;
}

/** The training document frequencies as a map, ready for `scoreCoding({ trainDocFreq })`. */
export function trainDocFreqMap(stats: CodiespTrainStats): Map<string, number> {
  return new Map(Object.entries(stats.codeDocFreq));
}
