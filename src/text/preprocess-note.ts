/**
 * One call that runs the whole preprocess stage (normalise, tokenize, split, sectionize) on a
 * note, sharing one normalisation. This is what the concept recognizer consumes.
 */
import { detectSections, type CompiledSectionPatterns, type Section } from './detect-sections.js';
import { normalizeText, type NormalizedText } from './normalize-text.js';
import { splitSentences, type Sentence } from './split-sentences.js';
import { tokenizeNormalized, type Token } from './tokenize.js';

/** Options for {@link preprocessDocument}. */
export interface PreprocessDocumentOptions {
  /** Header patterns (from the lexicon pack); default: the curated headers. */
  sectionPatterns?: CompiledSectionPatterns;
  /** Cap on sentence length in characters (default 1000). */
  maxSentenceChars?: number;
}

/** A preprocessed note. Every offset is into `text`. */
export interface PreprocessedDocument {
  readonly text: string;
  readonly normalized: NormalizedText;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  readonly sections: readonly Section[];
}

/**
 * Normalises, tokenizes, splits and sectionizes `text` in one pass each.
 *
 * @example
 * const doc = preprocessDocument('PMH: HTN, DM2.\nFH: mother with breast cancer.');
 * doc.sections.map((s) => s.category); // ["past_medical_history", "family_history"]
 */
export function preprocessDocument(
  text: string,
  options: PreprocessDocumentOptions = {},
): PreprocessedDocument {
  const normalized = normalizeText(text);
  const splitOptions =
    options.maxSentenceChars === undefined ? {} : { maxChars: options.maxSentenceChars };
  return {
    text,
    normalized,
    tokens: tokenizeNormalized(normalized),
    sentences: splitSentences(normalized, splitOptions),
    sections: detectSections(normalized, options.sectionPatterns),
  };
}

/**
 * Index range `[from, to)` of the tokens lying inside original span `[start, end)`
 * (binary search; tokens are sorted and do not overlap).
 */
export function findTokenRange(
  tokens: readonly Token[],
  start: number,
  end: number,
): [number, number] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < end) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}
