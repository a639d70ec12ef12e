/**
 * Words and marks a mention never spans: a negation cue, a clause boundary or a list
 * separator between the words of a term means they belong to different statements.
 * "chills but no fever" is not "fever with chills"; "nausea after meals, no vomiting" is not
 * "nausea with vomiting". A cue that is itself a word of the matched term ("without" in
 * "diabetes without complications") is part of the concept and does not count.
 */
import type { Token } from '../text/tokenize.js';

const NEGATION_CUES = new Set([
  'no',
  'not',
  "n't",
  'nor',
  'denies',
  'denied',
  'deny',
  'denying',
  'without',
  'w/o',
  'negative',
  'neg',
  'none',
  'never',
  'absent',
  'free',
]);
const CLAUSE_BOUNDARIES = new Set([
  'but',
  'however',
  'although',
  'though',
  'whereas',
  'except',
  'unless',
  ';',
]);

/**
 * Hedges, a barrier where only what is asserted is coded (reportable scope): "diarrhea, likely
 * viral" is no viral diarrhea, the cause is the supposed part. Every mention is coded in
 * mentions scope, the supposed one included, so there the hedge joins.
 */
const HEDGES = new Set([
  'likely',
  'probable',
  'probably',
  'possible',
  'possibly',
  'presumed',
  'presumably',
  'suspected',
  'questionable',
]);

/** True when token `k` is a negation cue or clause boundary ("-ve" counts as a negation cue). */
export function isMentionBarrier(tokens: readonly Token[], k: number, hedges = false): boolean {
  const t = (tokens[k] as Token).text;
  if (NEGATION_CUES.has(t) || CLAUSE_BOUNDARIES.has(t) || (hedges && HEDGES.has(t))) return true;
  return t === 've' && tokens[k - 1]?.text === '-';
}

const COORDINATORS = new Set(['and', 'or', 'nor']);
/** How far after a comma an enumeration's closing "and"/"or" may come. */
const ENUMERATION_REACH = 8;

/**
 * A comma between two items of an enumeration, each a word of the term ("fever, chills or
 * cough" read as "fever with chills"). Only a comma followed, within the clause, by the "and"
 * or "or" that closes a list counts: "ADHD, combined type" and "cataract, bilateral" are one
 * condition with its qualifier, a comma that sets off a phrase the term reaches across
 * ("allergy to mites, grasses and animal dander") has no term word on both sides, and a term
 * that takes in the last item too ("device, implant or graft") is one term.
 */
function isListSeparator(tokens: readonly Token[], k: number, chosen: readonly number[]): boolean {
  if ((tokens[k] as Token).text !== ',' || !chosen.includes(k - 1) || !chosen.includes(k + 1))
    return false;
  for (let j = k + 1; j < tokens.length && j <= k + ENUMERATION_REACH; j++) {
    const t = (tokens[j] as Token).text;
    // "device, implant or graft": a term that takes in the whole enumeration is one term.
    if (COORDINATORS.has(t)) return !chosen.includes(j + 1);
    if (t === '.' || t === ';' || t === ':') return false;
  }
  return false;
}

/**
 * True when a barrier lies between the first and last of `chosen` (ascending or not) that is
 * not itself one of the chosen words.
 */
export function crossesMentionBarrier(
  tokens: readonly Token[],
  chosen: readonly number[],
  hedges = false,
): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of chosen) {
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  for (let k = lo + 1; k < hi; k++) {
    if (chosen.includes(k)) continue;
    // "not intractable", "not specified as recurrent": a "not" the term's next word follows
    // belongs to the term (the classification's own wording; "not" is no matching word).
    if ((tokens[k] as Token).text === 'not' && chosen.includes(k + 1)) continue;
    if (isMentionBarrier(tokens, k, hedges) || isListSeparator(tokens, k, chosen)) return true;
  }
  return false;
}
