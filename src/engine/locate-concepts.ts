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
): ConceptMatch[] {
  const matches: ConceptMatch[] = [];
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
          if (span > 0 && crossesMentionBarrier(tokens, chosen)) continue;
          if (span < bestSpan) {
            bestSpan = span;
            best = chosen;
          }
        }
        if (!best) continue;
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

/**
 * True when a term borrows only part of two or more abbreviation expansions: "end stage"
 * from ESRD plus "heart failure" from HFrEF is not "end stage heart failure". A term may use
 * one expansion partially ("diabetes, type 2" from T2DM) when the others are used whole
 * ("chronic kidney disease" from CKD).
 */
function mixesExpansions(
  dict: TermDictionary,
  tokens: readonly Token[],
  req: Int32Array,
  chosen: number[],
  extraWords: ExtraWords,
): boolean {
  let expandedPositions = 0;
  const usedAt = new Map<number, Set<number>>();
  for (let k = 0; k < req.length; k++) {
    const p = chosen[k]!;
    const extra = extraWords.get(p);
    if (!extra) continue;
    if (dict.tokenWordIds(tokens[p]!.text).includes(req[k]!)) continue;
    let used = usedAt.get(p);
    if (!used) {
      usedAt.set(p, (used = new Set()));
      expandedPositions++;
    }
    used.add(req[k]!);
  }
  if (expandedPositions < 2) return false;
  let partial = 0;
  for (const [p, used] of usedAt) {
    const all = new Set(
      extraWords
        .get(p)!
        .map((w) => dict.wordId(matchKey(w)))
        .filter((id) => id >= 0),
    );
    if (used.size < all.size) partial++;
  }
  return partial > 1;
}
