/**
 * Anaphylaxis due to a food is coded by the food (Alphabetic Index: "Shock, anaphylactic, due to
 * food" T78.00-T78.09): "anaphylaxis due to peanut ingestion" is T78.01-, not the unspecified
 * anaphylactic shock T78.2-. The 7th character (encounter) is kept.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, sentenceAround, type RuleDocument } from './rule-text.js';

/** Food words → the 5th character of T78.0- (most specific first). */
const FOODS: readonly [RegExp, string][] = [
  [/\bpeanuts?\b/i, '1'],
  [/\b(?:shellfish|shrimp|crab|lobster|crustaceans?|prawns?|crayfish)\b/i, '2'],
  [/\b(?:fish|salmon|tuna|cod)\b/i, '3'],
  [
    /\b(?:tree nuts?|walnuts?|almonds?|cashews?|pecans?|hazelnuts?|pistachios?|sesame|seeds?)\b/i,
    '5',
  ],
  [/\b(?:milk|dairy|cheese|lactose)\b/i, '7'],
  [/\beggs?\b/i, '8'],
  [/\b(?:fruits?|vegetables?|kiwi|strawberr(?:y|ies)|banana)\b/i, '4'],
  [/\b(?:food additives?|sulfites?|msg)\b/i, '6'],
  [/\b(?:food|meal|ate|eating|ingestion of|wheat|soy)\b/i, '0'],
];

const ANAPHYLAXIS = /^T78\.2/;

/** Recodes an anaphylaxis whose sentence names a food. */
export function applyAnaphylaxisFood(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): void {
  for (const s of codes) {
    if (!ANAPHYLAXIS.test(s.code) || s.assertion !== 'present') continue;
    const sentence = s.evidence.map((e) => sentenceAround(doc, e)).join(' ');
    const food = FOODS.find(([words]) => words.test(sentence));
    if (!food) continue;
    const code = `T78.0${food[1]}X${s.code.slice(-1)}`;
    if (!onto.isBillable(code)) continue;
    recode(onto, s, code, `${s.code} refined to ${code}: the note names the food that caused it.`);
  }
}
