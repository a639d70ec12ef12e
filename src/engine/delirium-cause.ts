/**
 * Delirium the note attributes to a physical condition is F05 (Alphabetic Index: "Delirium, due
 * to (secondary to), general medical condition"; "superimposed on dementia"), a mental disorder
 * coded beside its cause, not the symptom R41.0 that the cause would absorb: "acute delirium 2/2
 * UTI" is N39.0 + F05. Delirium from alcohol or a drug has its own codes (F10-F19, T codes) and
 * is left alone.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, ruleSuggestion, sentenceAround, span, type RuleDocument } from './rule-text.js';

const CAUSED =
  /\bdelirium\b[^.;\n]{0,40}?\b(?:due to|secondary to|2\/2|from|caused by|attributed to|in the setting of|superimposed on)\b/i;
/** The same, for a scan of the whole note (compiled once, not per note). */
const CAUSED_ALL = new RegExp(CAUSED.source, 'gi');
const SUBSTANCE =
  /\b(?:alcohol|etoh|withdrawal|intoxication|drug|medication|opioid|benzodiazepine|anticholinergic|steroid)/i;

const NOT_STATED =
  /\b(?:no|not|without|denies|r\/o|rule out|risk of|risk for|prevent\w*|precautions?|monitor for|watch for)\b[^.;,\n]*$/i;

/**
 * Delirium stated with its cause that no candidate carried to here (the dictionary's F05 term
 * spans the cause and scores low where CodiEsp rarely codes it): F05, with the words as evidence.
 */
function statedDelirium(onto: Ontology, doc: RuleDocument): CodeSuggestion | undefined {
  for (const m of doc.text.matchAll(CAUSED_ALL)) {
    const sentence = sentenceAround(doc, { start: m.index, end: m.index + 8, text: 'delirium' });
    const lineStart = doc.text.lastIndexOf('\n', m.index) + 1;
    if (NOT_STATED.test(doc.text.slice(Math.max(lineStart, m.index - 40), m.index))) continue;
    if (SUBSTANCE.test(sentence)) continue;
    return ruleSuggestion(onto, 'F05', [span(doc.text, m.index, m.index + 8)], 'present', 0.7, [
      { rule: 'combination', message: 'Delirium the note attributes to a condition: F05.' },
    ]);
  }
  return undefined;
}

/**
 * Recodes R41.0 to F05 where its sentence names what caused it (not a substance), or adds F05
 * where the note states such a delirium and nothing codes it. Returns the suggestion to add.
 */
export function applyDeliriumCause(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): CodeSuggestion | undefined {
  if (!onto.isBillable('F05')) return undefined;
  if (!codes.some((c) => /^(?:R41\.0|F05|F1\d\.\d[23]1)/.test(c.code)))
    return statedDelirium(onto, doc);
  for (const s of codes) {
    if (s.code !== 'R41.0' || codes.some((c) => c.code === 'F05')) continue;
    const caused = s.evidence.some((e) => {
      const sentence = sentenceAround(doc, e);
      const m = CAUSED.exec(sentence);
      return m !== null && !SUBSTANCE.test(sentence.slice(m.index));
    });
    if (caused)
      recode(
        onto,
        s,
        'F05',
        'R41.0 recoded to F05: the note attributes the delirium to a condition.',
      );
  }
}
