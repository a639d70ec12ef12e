import type { Token } from '../text/tokenize.js';
import { matchKey } from './match-key.js';
import { crossesMentionBarrier } from './mention-barriers.js';
import type { DictionaryTerm, TermDictionary } from './term-dictionary.js';

/** A dictionary term found in a sentence. */
export interface ConceptMatch {
  term: DictionaryTerm;
  termId: number;
  /** Token indices that carry the term's words, ascending. */
  tokens: number[];
  sentence: number;
  /** Fraction of the covered token range that the term's words fill (1 = contiguous). */
  density: number;
}

/** Extra words a token stands for (abbreviation expansions), by token index. */
export type ExtraWords = ReadonlyMap<number, readonly string[]>;

/**
 * Finds every dictionary term whose words all occur, in any order, inside a window of one
 * sentence. Terms are filed under their rarest word, so the cost is one lookup per distinct
 * word of the sentence plus a check per candidate.
 */
export function locateConcepts(
  dict: TermDictionary,
  tokens: readonly Token[],
  sentences: readonly { first: number; last: number }[],
  extraWords?: ExtraWords,
  /** Hedges ("likely", "possible") split terms: reportable scope (mention-barriers.ts). */
  hedgesSplit = false,
): ConceptMatch[] {
  const matches: ConceptMatch[] = [];
  const without = dict.wordId(WITHOUT_KEY);
  // Word id → token positions in the current sentence. A stamp per word id marks which
  // entries belong to this sentence, so nothing is cleared between sentences and the
  // membership test of the hot loop is one typed-array read.
  const scratch = dict.scratch();
  const { stamp, lists } = scratch;
  const present: number[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const { first, last } = sentences[s]!;
    const mark = scratch.nextMark();
    present.length = 0;
    const put = (id: number, tok: number): void => {
      if (id < 0) return;
      if (stamp[id] !== mark) {
        stamp[id] = mark;
        lists[id] = [tok];
        present.push(id);
        return;
      }
      const l = lists[id]!;
      if (l[l.length - 1] !== tok) l.push(tok);
    };
    for (let t = first; t <= last; t++) {
      const tok = tokens[t]!;
      if (tok.kind === 'punct') continue;
      if (!inLetterPair(tokens, t) && !isDateYear(tokens, t) && !isTherapyQualifier(tokens, t))
        for (const id of dict.tokenWordIds(tok.text)) put(id, t);
      for (const w of extraWords?.get(t) ?? []) put(dict.wordId(matchKey(w)), t);
    }
    for (const anchor of present) {
      const anchorPositions = lists[anchor]!;
      const { anchorStart, anchorTerms } = dict;
      for (let c = anchorStart[anchor]!; c < anchorStart[anchor + 1]!; c++) {
        const termId = anchorTerms[c]!;
        const term = dict.term(termId);
        const req = term.required;
        let ok = true;
        for (let k = 0; k < req.length && ok; k++) if (stamp[req[k]!] !== mark) ok = false;
        if (!ok) continue;
        // Nearest occurrence of every word to each occurrence of the anchor; keep the tightest.
        let best: number[] | undefined;
        let bestSpan = Infinity;
        for (const a of anchorPositions) {
          const chosen: number[] = [];
          for (let k = 0; k < req.length; k++) {
            const ps = lists[req[k]!]!;
            let p = ps[0]!;
            for (const q of ps) if (Math.abs(q - a) < Math.abs(p - a)) p = q;
            chosen.push(p);
          }
          const span = Math.max(...chosen) - Math.min(...chosen);
          // A mention never spans a negation cue, a clause boundary or a list separator.
          if (span > 0 && crossesMentionBarrier(tokens, chosen, hedgesSplit)) continue;
          if (span < bestSpan) {
            bestSpan = span;
            best = chosen;
          }
        }
        if (!best) continue;
        if (without >= 0 && withoutOutOfOrder(req, best, without)) continue;
        if (extraWords && mixesExpansions(dict, tokens, req, best, extraWords)) continue;
        const uniq = [...new Set(best)].sort((x, y) => x - y);
        const window = req.length * 2 + 3;
        if (bestSpan > window) continue;
        matches.push({
          term,
          termId,
          tokens: uniq,
          sentence: s,
          density: uniq.length / (bestSpan + 1),
        });
      }
    }
  }
  return matches;
}

const WITHOUT_KEY = matchKey('without');

/**
 * What a term says is absent follows its "without" in the note too: "Pulmonary embolism without
 * acute cor pulmonale" is not "Cor pulmonale, acute, without pulmonary embolism" (I27.81), whose
 * words it holds all. Only the word the term puts right after "without" must follow it; the
 * term's later subterms may come from anywhere in the sentence ("Intractable migraine without
 * aura" is "Migraine, without aura, intractable").
 */
function withoutOutOfOrder(req: Int32Array, chosen: readonly number[], without: number): boolean {
  const k = req.indexOf(without);
  if (k < 0) return false;
  for (let j = k + 1; j < req.length; j++) if (req[j] !== without) return chosen[j]! < chosen[k]!;
  return false;
}

/**
 * A letter of a slash or ampersand pair ("c/b", "s/p", "h/o", "n/v", "H&P") is half of a shorthand, never a word
 * of its own: the "b" of "c/b acute blood loss" is no blood type B.
 */
function inLetterPair(tokens: readonly Token[], t: number): boolean {
  if (/^[a-z][/&][a-z]$/i.test(tokens[t]!.text)) return true;
  const letter = (k: number): boolean => /^[a-z]$/i.test(tokens[k]?.text ?? '');
  const joint = (k: number): boolean => tokens[k]?.text === '/' || tokens[k]?.text === '&';
  if (!letter(t)) return false;
  // "H&P", "I&D", "D&C": an ampersand pair is a shorthand too ("H" is no Hartnup "H disease").
  return (joint(t + 1) && letter(t + 2)) || (joint(t - 1) && letter(t - 2));
}

/**
 * A year in a note dates something ("DVT 2019, pneumonia"); it is a term's word only where it
 * names the disease ("coronavirus disease 2019", "COVID 2019"): "2019, pneumonia" is no
 * COVID-19 pneumonia.
 */
function isDateYear(tokens: readonly Token[], t: number): boolean {
  if (!/^(?:19|20)\d\d$/.test(tokens[t]!.text)) return false;
  return !/^(?:disease|covid|coronavirus|cov|sars)$/i.test(tokens[t - 1]?.text ?? '');
}

/**
 * "On chronic anticoagulation", "on long-term steroids": the duration is the therapy's, never a
 * word of the condition before it ("AFib on chronic anticoagulation" is no chronic AFib).
 */
function isTherapyQualifier(tokens: readonly Token[], t: number): boolean {
  const w = tokens[t]!.text;
  // "Acute on chronic" is the condition's own course.
  return (
    (w === 'chronic' || w === 'long-term') &&
    tokens[t - 1]?.text === 'on' &&
    !/^(?:acute|subacute|-)$/.test(tokens[t - 2]?.text ?? '')
  );
}

/**
 * True when a term borrows only part of two or more abbreviation expansions: "end stage"
 * from ESRD plus "heart failure" from HFrEF is not "end stage heart failure". A term may use
 * one expansion partially ("diabetes, type 2" from T2DM) when the others are used whole
 * ("chronic kidney disease" from CKD), but a later item of a list never lends a part of its
 * expansion to an earlier one ("AFib on apixaban, CKD" is no chronic atrial fibrillation), nor
 * an abbreviation a part of its expansion to the next abbreviation ("COPD, HTN").
 */
function mixesExpansions(
  dict: TermDictionary,
  tokens: readonly Token[],
  req: Int32Array,
  chosen: number[],
  extraWords: ExtraWords,
): boolean {
  const usedAt = new Map<number, Set<number>>();
  for (let k = 0; k < req.length; k++) {
    const p = chosen[k]!;
    if (!extraWords.has(p) || dict.tokenWordIds(tokens[p]!.text).includes(req[k]!)) continue;
    let used = usedAt.get(p);
    if (!used) usedAt.set(p, (used = new Set()));
    used.add(req[k]!);
  }
  const partial = [...usedAt].filter(
    ([p, used]) => used.size < expansionWordCount(dict, extraWords, p),
  );
  if (usedAt.size >= 2 && partial.length > 1) return true;
  // The later item of a list lends no part of itself to an earlier one, nor an abbreviation to
  // the next item: "COPD, HTN" is no pulmonary hypertension.
  return partial.some(([p]) =>
    chosen.some((q) => (q < p || (q > p && usedAt.has(q))) && commaBetween(tokens, q, p)),
  );
}

/** How many dictionary words the expansions at token `p` hold. */
function expansionWordCount(dict: TermDictionary, extraWords: ExtraWords, p: number): number {
  const ids = extraWords
    .get(p)!
    .map((w) => dict.wordId(matchKey(w)))
    .filter((id) => id >= 0);
  return new Set(ids).size;
}

function commaBetween(tokens: readonly Token[], a: number, b: number): boolean {
  for (let k = Math.min(a, b) + 1; k < Math.max(a, b); k++)
    if (tokens[k]!.text === ',') return true;
  return false;
}
