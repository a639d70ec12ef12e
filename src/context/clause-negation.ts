/**
 * The clause-level negation check, the one fallback beside the ConText scopes
 * (assert-context.ts). A ConText scope stops where a reader might not: at a list comma
 * ("limit juice, no screens"), at its scope limit, at a terminator, after a label or header
 * ("CXR: no evidence of pneumonia"). The coding conventions (apply-coding-rules.ts) still read
 * a mention as negated when one of these cues stands before it in its own clause, close by.
 *
 * The cues are the context lexicon's plainest negation triggers (a test checks each is one).
 * "not" and a bare "without" are left out: in a run of history ("COPD, not on home O2, HTN")
 * they negate a phrase, not the condition after it.
 */

/** How far before the mention a cue may start, in characters. */
const REACH = 60;

/** The negation cues the check reads, as the context lexicon writes them. */
export const CLAUSE_NEGATION_CUES = [
  'no',
  'denies',
  'denied',
  'negative for',
  'free of',
  'no evidence of',
  'no sign of',
  'no signs of',
  'ruled out',
  'absence of',
  'without evidence of',
] as const;

const CUE_TO_END = new RegExp(`\\b(?:${CLAUSE_NEGATION_CUES.join('|')})\\b[^.;:!?]*$`, 'i');
const CLAUSE_BREAK = /[.;:!?\n]|\b(?:but|however|although|except)\b/i;

/**
 * True when a negation cue stands before `pos` in the same clause, within 60 characters.
 *
 * @example
 * negatedInClauseBefore('CXR: no evidence of pneumonia', 20); // true
 * negatedInClauseBefore('No fever but cough', 13); // false
 */
export function negatedInClauseBefore(text: string, pos: number): boolean {
  const before = text.slice(Math.max(0, pos - REACH), pos);
  const clause = before.split(CLAUSE_BREAK).at(-1) ?? '';
  return CUE_TO_END.test(clause);
}
