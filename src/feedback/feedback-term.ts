/**
 * The only note text feedback ever keeps: a short folded term ("type 2 diabetes"), never a
 * sentence. Numbers that could identify someone (dates, record numbers) and identifier-like
 * tokens are dropped; evidence longer than a few words is not learned from at all.
 */
import { foldTokens } from '../ontology/fold-text.js';
import type { EvidenceSpan } from '../engine/coding-types.js';

/** At most this many words in a stored term. */
export const MAX_TERM_WORDS = 6;
/** At most this many characters in a stored term. */
export const MAX_TERM_CHARS = 60;
/** At most this many terms per feedback event (one per distinct evidence span). */
export const MAX_TERMS_PER_EVENT = 4;

/** A folded word worth keeping: short numbers ("type 2", "stage 3") yes; dates, ids and codes-like strings no. */
function isKeptWord(word: string): boolean {
  if (/^\d+$/.test(word)) return word.length <= 2;
  // "mrn123456", "ab12cd34": three or more digits inside a word read as an identifier.
  if (word.replace(/\D/g, '').length >= 3) return false;
  return word.length <= 24;
}

/**
 * The stored form of an evidence text, or undefined when it must not be stored (too long,
 * nothing but numbers). Idempotent: a stored term normalises to itself.
 *
 * @example
 * normalizeFeedbackTerm('Type 2 Diabetes');       // "type 2 diabetes"
 * normalizeFeedbackTerm('MRN 12345678 CHF');      // "mrn chf"
 * normalizeFeedbackTerm('The patient, a 67 year old man, came in with chest pain'); // undefined
 */
export function normalizeFeedbackTerm(text: string): string | undefined {
  const words = foldTokens(text).filter(isKeptWord);
  if (!words.length || words.length > MAX_TERM_WORDS) return undefined;
  if (words.every((w) => /^\d+$/.test(w))) return undefined;
  const term = words.join(' ');
  return term.length <= MAX_TERM_CHARS ? term : undefined;
}

/** The distinct stored terms of a suggestion's evidence, at most {@link MAX_TERMS_PER_EVENT}. */
export function feedbackTermsOf(evidence: readonly Pick<EvidenceSpan, 'text'>[]): string[] {
  const terms: string[] = [];
  for (const e of evidence) {
    const t = normalizeFeedbackTerm(e.text);
    if (t && !terms.includes(t)) terms.push(t);
    if (terms.length >= MAX_TERMS_PER_EVENT) break;
  }
  return terms;
}
