/**
 * The words of one sentence as matching keys, each key with the note span it came from. A
 * word can give several keys: its own (canonical) form, the Index word it stands for
 * ("ct" → tomography, "excised" → excision), the noun of an adjective ("hepatic" → liver), and
 * for "-ectomy" words the root operation and the body part ("cholecystectomy" → resection,
 * gallbladder).
 */
import type { EvidenceSpan } from '../engine/coding-types.js';
import { phraseTokens } from '../eval/phrase-tokens.js';
import { canonicalizeWord } from '../text/stem-word.js';
import { adjectiveToNoun } from '../text/word-variants.js';
import {
  ECTOMY_STEMS,
  IMPLIED_KEYS,
  INDEX_STOPWORDS,
  PARTIAL_WORDS,
  WORD_NORMAL_FORMS,
} from './procedure-words.js';

export interface SentenceWord {
  /** The folded word as written. */
  word: string;
  /** Position among the sentence's content words (stopwords share their neighbour's position). */
  index: number;
  span: EvidenceSpan;
}

export interface SentenceWords {
  words: SentenceWord[];
  /** Key → the words that give it, in order. */
  keys: Map<string, SentenceWord[]>;
}

/** Words that combine two regions ("thoracoabdominal" → chest, abdomen). */
const COMPOUND_WORDS: Readonly<Record<string, readonly string[]>> = {
  thoracoabdominal: ['chest', 'abdomen'],
  toracoabdominal: ['chest', 'abdomen'],
  abdominopelvic: ['abdomen', 'pelvis'],
  craniocerebral: ['head', 'brain'],
  cervicothoracic: ['neck', 'chest'],
};

/** The root operation and body part an "-ectomy" word names, or undefined. */
export function ectomyKeys(word: string, partial: boolean): string[] | undefined {
  const m = /^(\w+?)(ectomy|ectomies)$/.exec(word);
  if (!m) return undefined;
  const stem = m[1]!;
  const hemi = stem.startsWith('hemi');
  const part = ECTOMY_STEMS[stem] ?? ECTOMY_STEMS[stem.replace(/^(hemi|total|sub)/, '')];
  if (!part) return undefined;
  return [partial || hemi ? 'excision' : 'resection', ...part.split(' ').map(canonicalizeWord)];
}

/** Keys per word are the same in every note: computed once (bounded, cleared when full). */
const KEY_CACHE = new Map<string, string[]>();
const KEY_CACHE_LIMIT = 50_000;

function keysOf(word: string, partial: boolean): string[] {
  const cacheKey = partial ? `${word}|p` : word;
  const cached = KEY_CACHE.get(cacheKey);
  if (cached) return cached;
  if (KEY_CACHE.size >= KEY_CACHE_LIMIT) KEY_CACHE.clear();
  const keys = computeKeys(word, partial);
  KEY_CACHE.set(cacheKey, keys);
  return keys;
}

function computeKeys(word: string, partial: boolean): string[] {
  const keys = new Set<string>([canonicalizeWord(word)]);
  const normal = WORD_NORMAL_FORMS[word];
  if (normal) keys.add(canonicalizeWord(normal));
  const noun = adjectiveToNoun(word);
  if (noun) for (const w of noun.split(' ')) keys.add(canonicalizeWord(w));
  for (const w of COMPOUND_WORDS[word] ?? []) keys.add(w);
  for (const w of IMPLIED_KEYS[word] ?? []) keys.add(w);
  for (const k of ectomyKeys(word, partial) ?? []) keys.add(k);
  if (word === 'biopsy' || word === 'biopsies' || word === 'biopsied') keys.add('excision');
  return [...keys];
}

const ACTION_WORD_CACHE = new Map<string, boolean>();

/**
 * Whether `text.slice(start, end)` holds a word with a key `isAction` accepts: clauses without
 * one cannot match an Index term and are skipped before building their words.
 */
export function hasActionWord(
  text: string,
  start: number,
  end: number,
  isAction: (key: string) => boolean,
): boolean {
  const words =
    text
      .slice(start, end)
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? [];
  return words.some((w) => {
    let hit = ACTION_WORD_CACHE.get(w);
    if (hit === undefined) {
      if (ACTION_WORD_CACHE.size >= KEY_CACHE_LIMIT) ACTION_WORD_CACHE.clear();
      hit = keysOf(w, false).some(isAction) || keysOf(w, true).some(isAction);
      ACTION_WORD_CACHE.set(w, hit);
    }
    return hit;
  });
}

/** The words and keys of `text.slice(start, end)`, spans in `text` offsets. */
export function sentenceWords(text: string, start: number, end: number): SentenceWords {
  const slice = text.slice(start, end);
  const toks = phraseTokens(slice);
  const partial = toks.some((t) => PARTIAL_WORDS.has(t.token));
  let content = 0;
  const words: SentenceWord[] = toks.map((t) => {
    if (!INDEX_STOPWORDS.has(t.token)) content += 1;
    return {
      word: t.token,
      index: content,
      span: {
        start: start + t.start,
        end: start + t.end,
        text: text.slice(start + t.start, start + t.end),
      },
    };
  });
  const keys = new Map<string, SentenceWord[]>();
  for (const w of words) {
    for (const k of keysOf(w.word, partial)) {
      let list = keys.get(k);
      if (!list) keys.set(k, (list = []));
      list.push(w);
    }
  }
  return { words, keys };
}

/** The smallest span covering `spans`. */
export function coverSpans(text: string, spans: readonly EvidenceSpan[]): EvidenceSpan {
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return { start, end, text: text.slice(start, end) };
}

/** Sentence-ish spans of `text`: split after . ; ! ? and at line breaks (cheap; offsets exact). */
export function splitClauses(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const boundary = /[.;!?](?=\s|$)|\n/g;
  let start = 0;
  for (let m = boundary.exec(text); m; m = boundary.exec(text)) {
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim()) out.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}
