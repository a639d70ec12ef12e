/**
 * An intracranial injury (S06.-) carries the loss of consciousness the note documents in its
 * sixth character: 0 without, 1 for 30 minutes or less ("brief LOC", "LOC < 1 min"), 2 for 31
 * to 59 minutes, 3 for 1 to 5 hours 59 minutes, 4 for 6 to 24 hours, 9 of unspecified duration.
 * A note that never speaks of consciousness gives 0: the injury is coded without a loss the
 * record does not state.
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, type RuleDocument } from './rule-text.js';

const LOC =
  /\b(?:loc|loss of consciousness|lost consciousness|passed out|knocked out|unconscious|unresponsive for)\b/gi;
const LOC_WORDS = new RegExp(LOC.source, 'i');
/** Sixth characters of S06 codes with the loss-of-consciousness axis. */
const INTRACRANIAL = /^S06\.(?:[0-6]X|3[0-8]|8[1-9]|9X)[0-9]/;

/** Duration words in the sentence of a documented loss → the sixth character. */
function durationCharacter(sentence: string): string {
  if (
    /\b(?:brief|momentary|transient|few seconds|seconds)\b|<\s*(?:1|5|10|15|30)\s*min/i.test(
      sentence,
    )
  )
    return '1';
  const minutes = /\b(\d{1,3})\s*(?:min|mins|minutes)\b/i.exec(sentence);
  if (minutes) return Number(minutes[1]) <= 30 ? '1' : Number(minutes[1]) < 60 ? '2' : '3';
  const hours = /\b(\d{1,2})\s*(?:h|hr|hrs|hours)\b/i.exec(sentence);
  if (hours) return Number(hours[1]) < 6 ? '3' : Number(hours[1]) <= 24 ? '4' : '9';
  return '9';
}

/** "no LOC", "without LOC", "denies LOC", "did not lose consciousness", or a clause negation. */
function deniedBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 30), at);
  return (
    /\b(?:no|without|w\/o|denies|denied|negative for|not|never|-)\s*(?:\w+\s+)?$/i.test(before) ||
    negatedInClauseBefore(text, at)
  );
}

/** The sixth character the note supports: a stated loss (with its duration), a denied one, or none. */
function documentedCharacter(doc: RuleDocument): string {
  for (const m of doc.text.matchAll(LOC)) {
    if (deniedBefore(doc.text, m.index)) continue;
    const s = doc.sentences.find((x) => m.index >= x.start && m.index < x.end);
    return durationCharacter(s ? doc.text.slice(s.start, s.end) : m[0]);
  }
  return '0';
}

export function applyLossOfConsciousness(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): void {
  const injuries = codes.filter((c) => INTRACRANIAL.test(c.code));
  if (!injuries.length) return;
  const sixth = documentedCharacter(doc);
  for (const s of injuries) {
    // The term itself said it ("… with loss of consciousness of 1 hour to 5 hours 59 minutes").
    if (s.code[6] === sixth || s.evidence.some((e) => LOC_WORDS.test(e.text))) continue;
    const code = s.code.slice(0, 6) + sixth + s.code.slice(7);
    if (!onto.isBillable(code)) continue;
    recode(onto, s, code, `Loss of consciousness as the note documents it: ${code}.`);
  }
}
