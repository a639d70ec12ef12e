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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a state `h` continued over `s[from..to)` (UTF-16 code units), not finalized. */
function fnvContinue(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** 32-bit FNV-1a of a string's UTF-16 code units (inputs are folded ASCII). */
export function hashFeature(s: string): number {
  return fnvContinue(FNV_OFFSET, s) >>> 0;
}

/** The FNV-1a states after each feature kind's prefix. */
const WORD_PREFIX = fnvContinue(FNV_OFFSET, 'w:');
const PAIR_PREFIX = fnvContinue(FNV_OFFSET, 'b:');
const CHAR_PREFIX = fnvContinue(FNV_OFFSET, 'c:');

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
  const acc = scratchFor(config.buckets);
  const mask = config.buckets - 1;
  // Each feature is hashed as the string "w:word", "b:first second" or "c:gram" would be, without
  // building that string; each row's weight is summed in call order.
  const add = (hash: number, w: number): void => {
    const id = (hash >>> 0) & mask;
    if (acc.seen[id] === 0) touch(acc, id);
    acc.sums[id]! += w;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(fnvContinue(WORD_PREFIX, word), config.wordWeight);
    if (i > 0)
      add(fnvContinue(fnvContinue(PAIR_PREFIX, `${words[i - 1]} `), word), config.bigramWeight);
    const padded = `<${word}>`;
    let grams = 0;
    for (const n of config.charNgrams) grams += Math.max(0, padded.length - n + 1);
    for (const n of config.charNgrams)
      for (let s = 0; s + n <= padded.length; s++)
        add(fnvContinue(CHAR_PREFIX, padded, s, s + n), config.charWeight / grams);
  }
  return drainScratch(acc);
}

/** Per-row weight sums of the text being featurized, reset after each text. */
interface Scratch {
  sums: Float64Array;
  seen: Uint8Array;
  /** Rows touched, in first-touch order: `touched[0..count)`. */
  touched: Int32Array;
  count: number;
}

let scratch: Scratch | undefined;

function scratchFor(buckets: number): Scratch {
  if (scratch?.sums.length !== buckets)
    scratch = {
      sums: new Float64Array(buckets),
      seen: new Uint8Array(buckets),
      touched: new Int32Array(1024),
      count: 0,
    };
  return scratch;
}

function touch(acc: Scratch, id: number): void {
  if (acc.count === acc.touched.length) {
    const grown = new Int32Array(acc.touched.length * 2);
    grown.set(acc.touched);
    acc.touched = grown;
  }
  acc.seen[id] = 1;
  acc.touched[acc.count++] = id;
}

/** The touched rows sorted by id with their weights; clears the scratch. */
function drainScratch(acc: Scratch): TextFeatures {
  const ids = acc.touched.slice(0, acc.count).sort();
  const weights = new Float32Array(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    weights[k] = acc.sums[id]!;
    acc.sums[id] = 0;
    acc.seen[id] = 0;
  }
  acc.count = 0;
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
