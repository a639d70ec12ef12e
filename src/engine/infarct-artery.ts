/**
 * An ST elevation myocardial infarction by the artery the note names (Alphabetic Index:
 * "Infarct, myocardial, ST elevation, inferior wall, involving right coronary artery" I21.11):
 * "acute inferior STEMI, culprit proximal RCA occlusion" is I21.11, not "of other sites of
 * inferior wall" (I21.19). Only a code that names no artery moves.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, sentenceAround, type RuleDocument } from './rule-text.js';

/** Artery words → the STEMI code that names the artery. */
const ARTERIES: readonly [RegExp, string][] = [
  [/\bleft main\b|\blmca?\b/i, 'I21.01'],
  [/\blad\b|\bleft anterior descending\b/i, 'I21.02'],
  [/\brca\b|\bright coronary\b/i, 'I21.11'],
  [/\blcx\b|\bcircumflex\b/i, 'I21.21'],
];
/** STEMI codes of a wall or site that name no artery. */
const NO_ARTERY = new Set(['I21.09', 'I21.19', 'I21.29', 'I21.3']);

export function applyInfarctArtery(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): void {
  for (const s of codes) {
    if (!NO_ARTERY.has(s.code) || s.assertion !== 'present') continue;
    const said = s.evidence.map((e) => sentenceAround(doc, e)).join(' ');
    const hit = ARTERIES.filter(([re]) => re.test(said));
    if (hit.length !== 1 || !onto.isBillable(hit[0]![1])) continue;
    recode(onto, s, hit[0]![1], `${s.code} refined to ${hit[0]![1]}: the note names the artery.`);
  }
}
