/**
 * An elevated blood-pressure reading without a diagnosis of hypertension, R03.0 (the Index:
 * "Elevated, blood pressure, reading, no diagnosis of hypertension"): reported when the
 * assessment, the diagnoses or the problem list call the pressure elevated and the codes hold no
 * hypertensive disease (I10-I1A) and no hypertension of pregnancy (O10-O16). A reading in the
 * vitals alone is the provider's to interpret, and "high blood pressure" is how patients name
 * hypertension, so neither counts.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { codeIn, ruleSuggestion, sectionAt, span, type RuleDocument } from './rule-text.js';

const ELEVATED_BP =
  /\belevated (?:bp|b\/p|blood[- ]pressure)\b|\b(?:bp|blood[- ]pressure)(?: readings?)? (?:was |is |remains? )?elevated\b/gi;
const WHERE_DIAGNOSED = new Set([
  'assessment_and_plan',
  'diagnoses',
  'discharge_diagnoses',
  'problem_list',
]);
const HYPERTENSIVE = /^(?:I1[0-6A]|O1[0-6])/;
const NEGATED_BEFORE = /\b(?:no|not|without|denies|negative for)\b[^.;\n]{0,20}$/i;

export function applyElevatedBpReading(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  if (codes.some((c) => c.assertion === 'present' && codeIn(c.code, HYPERTENSIVE))) return;
  if (codes.some((c) => c.code === 'R03.0')) return;
  for (const m of doc.text.matchAll(ELEVATED_BP)) {
    const section = sectionAt(doc, m.index);
    if (!section || !WHERE_DIAGNOSED.has(section)) continue;
    if (NEGATED_BEFORE.test(doc.text.slice(Math.max(0, m.index - 40), m.index))) continue;
    codes.push(
      ruleSuggestion(
        onto,
        'R03.0',
        [span(doc.text, m.index, m.index + m[0].length)],
        'present',
        0.7,
        [
          {
            rule: 'elevated-bp-reading',
            message: 'Elevated blood pressure without a diagnosis of hypertension: R03.0.',
          },
        ],
      ),
    );
    return;
  }
}
