/**
 * The linker's tokenizer: text → weighted hashed features (pure TS, shared by training, the
 * TypeScript reference forward pass and every runtime that feeds the ONNX model).
 *
 * Features of a folded text (lowercase, accents removed, punctuation as spaces, filler words
 * such as "unspecified" or "of" dropped):
 * - each word ("w:kidney"), weight `wordWeight`;
 * - each adjacent word pair ("b:kidney stone"), weight `bigramWeight`;
 * - the character n-grams of "<word>" (n in `charNgrams`), together weighing `charWeight` per word.
 * Each feature is hashed (FNV-1a, 32 bit) into one of `buckets` rows of the embedding table.
 */
import { foldTokens } from '../ontology/fold-text.js';
import { LINKER_STOP_WORDS } from '../text/function-words.js';

export interface FeaturizerConfig {
  /** Rows of the hashed embedding table (a power of two). */
  buckets: number;
  /** Character n-gram lengths, e.g. [3, 4, 5]. */
  charNgrams: number[];
  wordWeight: number;
  bigramWeight: number;
  /** Total weight of one word's character n-grams. */
  charWeight: number;
  /** At most this many words of a text are featurized. */
  maxWords: number;
  /** Words dropped before featurizing. */
  stopWords: string[];
}

export const DEFAULT_FEATURIZER: FeaturizerConfig = {
  buckets: 1 << 17,
  charNgrams: [3, 4, 5],
  wordWeight: 1,
  bigramWeight: 0.7,
  charWeight: 1,
  maxWords: 24,
  stopWords: [...LINKER_STOP_WORDS],
};

/** Hashed features of one text: row ids and weights, same length. */
export interface TextFeatures {
  ids: Int32Array;
  weights: Float32Array;
}

/** A padded batch, the ONNX model's input: `ids` and `weights` are `[batch, length]` row-major. */
export interface FeatureBatch {
  batch: number;
  length: number;
  ids: Int32Array;
  weights: Float32Array;
}

/** 32-bit FNV-1a of a string's UTF-16 code units (inputs are folded ASCII). */
export function hashFeature(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Folded content words of a text, as the featurizer sees them. */
export function featureWords(
  text: string,
  config: FeaturizerConfig,
  stop?: ReadonlySet<string>,
): string[] {
  const stops = stop ?? new Set(config.stopWords);
  return foldTokens(text)
    .filter((w) => !stops.has(w))
    .slice(0, config.maxWords);
}

/**
 * Features of one text. Duplicates are merged (weights added), so a text's features are a
 * sparse bag; an empty text has no features (its embedding is the zero vector).
 *
 * @example
 * featurizeText('Kidney stones', DEFAULT_FEATURIZER).ids.length; // words + pairs + n-grams
 */
export function featurizeText(
  text: string,
  config: FeaturizerConfig = DEFAULT_FEATURIZER,
  stop?: ReadonlySet<string>,
): TextFeatures {
  const words = featureWords(text, config, stop);
  const acc = new Map<number, number>();
  const add = (key: string, w: number): void => {
    const id = hashFeature(key) & (config.buckets - 1);
    acc.set(id, (acc.get(id) ?? 0) + w);
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(`w:${word}`, config.wordWeight);
    if (i > 0) add(`b:${words[i - 1]} ${word}`, config.bigramWeight);
    const padded = `<${word}>`;
    const grams: string[] = [];
    for (const n of config.charNgrams)
      for (let s = 0; s + n <= padded.length; s++) grams.push(padded.slice(s, s + n));
    for (const g of grams) add(`c:${g}`, config.charWeight / grams.length);
  }
  const ids = new Int32Array(acc.size);
  const weights = new Float32Array(acc.size);
  let k = 0;
  for (const [id, w] of [...acc].sort((a, b) => a[0] - b[0])) {
    ids[k] = id;
    weights[k++] = w;
  }
  return { ids, weights };
}

/** Pads a list of featurized texts into one batch (padding: id 0, weight 0). */
export function padFeatures(list: readonly TextFeatures[]): FeatureBatch {
  const length = Math.max(1, ...list.map((f) => f.ids.length));
  const ids = new Int32Array(list.length * length);
  const weights = new Float32Array(list.length * length);
  list.forEach((f, b) => {
    ids.set(f.ids, b * length);
    weights.set(f.weights, b * length);
  });
  return { batch: list.length, length, ids, weights };
}

/** Featurizes and pads texts in one step. */
export function featurizeBatch(
  texts: readonly string[],
  config: FeaturizerConfig = DEFAULT_FEATURIZER,
): FeatureBatch {
  const stop = new Set(config.stopWords);
  return padFeatures(texts.map((t) => featurizeText(t, config, stop)));
}
