/**
 * Text layer of the pure core: normalisation with an offset map, tokenization, sentence and
 * section splitting, abbreviations, spelling variants and stemming. Re-exports only.
 * Every span is an offset pair into the ORIGINAL text.
 */

/** Normalise text for matching and map offsets back: {@link normalizeText}, {@link toOriginalSpan}, {@link toOriginalOffset}. */
export { normalizeText, toOriginalSpan, toOriginalOffset } from './normalize-text.js';
/** Types of the normalisation result and options. */
export type { NormalizedText, NormalizeTextOptions, OffsetRange } from './normalize-text.js';

/** Linear-time clinical tokenizer: {@link tokenize}, {@link tokenizeNormalized}. */
export { tokenize, tokenizeNormalized } from './tokenize.js';
/** A token (`text` normalised, `start`/`end` original offsets) and its kind. */
export type { Token, TokenKind } from './tokenize.js';

/** Sentence and list-item splitting: {@link splitSentences}; {@link MAX_SENTENCE_CHARS} caps a sentence. */
export { splitSentences, MAX_SENTENCE_CHARS } from './split-sentences.js';
/** A sentence span, its kind and the splitter options. */
export type { Sentence, SentenceKind, SplitSentencesOptions } from './split-sentences.js';

/** Section detection: {@link detectSections}, {@link compileSectionPatterns}, {@link findSection}. */
export { detectSections, compileSectionPatterns, findSection } from './detect-sections.js';
/** A detected section and compiled header patterns. */
export type { Section, CompiledSectionPatterns } from './detect-sections.js';

/** Section vocabulary: curated headers, medspaCy category mapping, non-diagnostic sections. */
export {
  CURATED_SECTION_PATTERNS,
  NON_DIAGNOSTIC_SECTIONS,
  toSectionCategory,
  foldHeader,
} from './section-headers.js';
/** Section category union and header pattern shape. */
export type { SectionCategory, SectionPattern } from './section-headers.js';

/** The whole preprocess stage in one call: {@link preprocessDocument}; {@link findTokenRange} slices tokens by span. */
export { preprocessDocument, findTokenRange } from './preprocess-note.js';
/** Result and options of {@link preprocessDocument}. */
export type { PreprocessedDocument, PreprocessDocumentOptions } from './preprocess-note.js';

/** Curated abbreviations: {@link ABBREVIATIONS}, {@link findAbbreviations}, {@link lookupAbbreviation}, {@link compileAbbreviations}. */
export {
  ABBREVIATIONS,
  findAbbreviations,
  lookupAbbreviation,
  compileAbbreviations,
} from './abbreviations.js';
/** Abbreviation table and match types. */
export type {
  AbbreviationEntry,
  AbbreviationSense,
  AbbreviationKind,
  AbbreviationContext,
  AbbreviationMatch,
  AbbreviationTrieNode,
  CompiledAbbreviations,
  FindAbbreviationsOptions,
} from './abbreviations.js';

/** Abbreviation sense priors from the Meta-Inventory (build-time parsing): {@link parseSenseTable}, {@link mergeSenseTables}. */
export { parseSenseTable, mergeSenseTables } from './parse-abbreviation-senses.js';
/** A parsed inventory: form → sense → share. */
export type { SenseTable } from './parse-abbreviation-senses.js';

/** British → American spelling and adjective → noun: {@link toAmericanSpelling}, {@link adjectiveToNoun}, {@link ADJECTIVAL_FORMS}. */
export { toAmericanSpelling, adjectiveToNoun, ADJECTIVAL_FORMS } from './word-variants.js';

/** Plural/inflection normaliser for Index matching: {@link stemWord}, {@link canonicalizeWord}. */
export { stemWord, canonicalizeWord } from './stem-word.js';
