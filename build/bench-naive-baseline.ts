/**
 * The naive lexical baseline the benchmark compares the engine against: an inverted index
 * over every code title of the pack; for each sentence of a note, every title whose content
 * words all occur in that sentence is predicted. No context, no ranking, no Index, no
 * abbreviations. Each title is posted under its rarest word only, so a sentence checks just
 * the titles that could match.
 */
import { foldTokens } from '../src/ontology/fold-text.js';
import type { TerminologyPack } from '../src/ontology/pack-format.js';
import { NAIVE_BASELINE_STOP_WORDS } from '../src/text/function-words.js';

export interface NaiveBaseline {
  /** Titles indexed (those with at least one content word). */
  readonly titles: number;
  /** Dotless codes predicted for a note, in first-seen order. */
  code(text: string): string[];
}

/** Content words of a title or sentence, folded the way the ontology folds them. */
function contentWords(text: string): string[] {
  return foldTokens(text).filter((w) => !NAIVE_BASELINE_STOP_WORDS.has(w));
}

export function buildNaiveBaseline(pack: Pick<TerminologyPack, 'codes' | 'titles'>): NaiveBaseline {
  const titleWords: string[][] = [];
  const df = new Map<string, number>();
  for (const title of pack.titles) {
    const words = [...new Set(contentWords(title))];
    titleWords.push(words);
    for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const postings = new Map<string, number[]>();
  let titles = 0;
  titleWords.forEach((words, i) => {
    if (!words.length) return;
    titles++;
    let rarest = words[0]!;
    for (const w of words) if ((df.get(w) ?? 0) < (df.get(rarest) ?? 0)) rarest = w;
    let list = postings.get(rarest);
    if (!list) postings.set(rarest, (list = []));
    list.push(i);
  });
  return {
    titles,
    code(text) {
      const found = new Set<string>();
      for (const sentence of text.split(/[.!?;\n]+/)) {
        const words = new Set(contentWords(sentence));
        for (const w of words) {
          for (const i of postings.get(w) ?? []) {
            if (titleWords[i]!.every((t) => words.has(t))) found.add(pack.codes[i]!);
          }
        }
      }
      return [...found];
    },
  };
}
