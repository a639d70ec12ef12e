/**
 * Matches ICD-10-PCS Index terms in a sentence, order-free: an Index path (main term and
 * subterms) matches when every one of its content words is in the sentence, as a word or a
 * word's key (see sentence-words.ts). The most specific matches are kept: a path whose words
 * are all inside another match's words gives way to it.
 */
import type { EvidenceSpan } from '../engine/coding-types.js';
import { canonicalizeWord } from '../text/stem-word.js';
import { foldTokens } from '../ontology/fold-text.js';
import type { PcsIndexEntry, PcsIndexRef } from './pcs-pack-format.js';
import {
  ACTION_KEYS,
  INDEX_STOPWORDS,
  OPERATION_WORDS,
  PROCEDURE_WORD_ENDINGS,
} from './procedure-words.js';
import type { SentenceWord, SentenceWords } from './sentence-words.js';

/** Index words that qualify a name rather than say what was done ("Computerized Tomography" is "ct"). */
const OPTIONAL_INDEX_WORDS = new Set([
  'computerized',
  'computed',
  'magnetic',
  'imaging',
  'plain',
  'scan',
  'study',
  'procedure',
  'diagnostic',
  'therapeutic',
  'device',
]);

interface IndexTerm {
  entry: PcsIndexEntry;
  keys: string[];
}

export interface IndexTermMatch {
  entry: PcsIndexEntry;
  keys: string[];
  /** The note words that matched, one span per key. */
  spans: EvidenceSpan[];
}

/** Most words between the first and last matched word: a body part far from the action is another finding. */
export const MATCH_WINDOW = 5;

const OPERATION_KEYS = new Set(Object.keys(OPERATION_WORDS).map(canonicalizeWord));

/** Whether a key names an action: a root operation, an imaging type, or a procedure word ("-ectomy", "-scopy"). */
export function isActionKey(key: string): boolean {
  return OPERATION_KEYS.has(key) || ACTION_KEYS.has(key) || PROCEDURE_WORD_ENDINGS.test(key);
}

export interface IndexTermMatcher {
  match(words: SentenceWords): IndexTermMatch[];
}

function termKeys(path: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const title of path) {
    const outside = title.replace(/\([^)]*\)/g, ' ');
    for (const w of foldTokens(outside))
      if (!INDEX_STOPWORDS.has(w) && !OPTIONAL_INDEX_WORDS.has(w)) keys.add(canonicalizeWord(w));
  }
  return [...keys];
}

const codeRef = (r: PcsIndexRef): boolean =>
  r.kind === 'code' || r.kind === 'codes' || (r.kind === 'see' && !!r.code);

/** One word per key, all within {@link MATCH_WINDOW} words of an action word; undefined when none are. */
function closestWords(keys: readonly string[], words: SentenceWords): SentenceWord[] | undefined {
  const actions = keys.filter(isActionKey).flatMap((k) => words.keys.get(k) ?? []);
  for (const anchor of actions) {
    const picked = keys.map((k) =>
      (words.keys.get(k) ?? []).reduce<SentenceWord | undefined>(
        (best, w) =>
          !best || Math.abs(w.index - anchor.index) < Math.abs(best.index - anchor.index)
            ? w
            : best,
        undefined,
      ),
    );
    if (picked.every((w) => w && Math.abs(w.index - anchor.index) <= MATCH_WINDOW))
      return picked as SentenceWord[];
  }
  return undefined;
}

/** Whether every word of `m` is a word of `o`. */
function sameWords(m: IndexTermMatch, o: IndexTermMatch): boolean {
  const starts = new Set(o.spans.map((s) => s.start));
  return m.spans.every((s) => starts.has(s.start));
}

/** Builds the matcher over the Index entries that lead to a code or partial code. */
export function createIndexTermMatcher(index: readonly PcsIndexEntry[]): IndexTermMatcher {
  const terms: IndexTerm[] = [];
  const frequency = new Map<string, number>();
  // The Index repeats a path once per reference ("Intubation, Airway" → trachea, mouth, esophagus): one term each.
  const byPath = new Map<string, IndexTerm>();
  for (const entry of index) {
    if (!entry.refs.some(codeRef)) continue;
    const pathKey = entry.path.join('\u0000');
    const same = byPath.get(pathKey);
    if (same) {
      same.entry = { path: same.entry.path, refs: [...same.entry.refs, ...entry.refs] };
      continue;
    }
    const keys = termKeys(entry.path);
    if (!keys.length) continue;
    const term = { entry, keys };
    byPath.set(pathKey, term);
    terms.push(term);
    for (const k of keys) frequency.set(k, (frequency.get(k) ?? 0) + 1);
  }
  // Each term is filed under its rarest key, so a sentence checks few terms.
  const byAnchor = new Map<string, IndexTerm[]>();
  for (const t of terms) {
    const anchor = [...t.keys].sort((a, b) => frequency.get(a)! - frequency.get(b)!)[0]!;
    let list = byAnchor.get(anchor);
    if (!list) byAnchor.set(anchor, (list = []));
    list.push(t);
  }
  return {
    match(words) {
      const found: IndexTermMatch[] = [];
      for (const key of words.keys.keys()) {
        for (const t of byAnchor.get(key) ?? []) {
          if (!t.keys.every((k) => words.keys.has(k)) || !t.keys.some(isActionKey)) continue;
          const hit = closestWords(t.keys, words);
          if (hit) found.push({ entry: t.entry, keys: t.keys, spans: hit.map((w) => w.span) });
        }
      }
      return found.filter(
        (m) =>
          !found.some(
            (o) =>
              o !== m &&
              o.keys.length > m.keys.length &&
              (m.keys.every((k) => o.keys.includes(k)) || sameWords(m, o)),
          ),
      );
    },
  };
}
