/**
 * Dependence on supplemental oxygen (Z99.81, Index: "Dependence (on) … oxygen (long-term)
 * (supplemental)") from a note that says the patient uses oxygen at home: "home O2 2 L",
 * "on 2 L O2 at home", "O2-dependent", "uses O2 ~20 h/day". The note seldom writes the
 * Index's words, so the common phrasings are recognised here.
 *
 * Oxygen started or arranged at this encounter ("home O2 arranged" at discharge) is no
 * dependence the patient came with; neither is a negated, planned or family statement. In an
 * inpatient record only the parts that describe the patient before and across the stay count
 * (history, problem list, assessment and diagnoses), never the course or the discharge orders.
 */
import type { CareSetting } from './coding-types.js';
import { sectionAt, type RuleDocument } from './rule-text.js';
import type { SectionCategory } from '../text/section-headers.js';

const HOME_OXYGEN =
  /\bhome (?:o2|oxygen)\b|\b(?:o2|oxygen) at home\b|\b(?:o2|oxygen)[- ]dependen(?:t|ce)\b|\bdependen(?:t|ce) on (?:supplemental |home )?(?:o2|oxygen)\b|\b(?:uses|using|wears|on) (?:supplemental )?(?:o2|oxygen) ~?\d+ ?(?:h|hrs?|hours)(?:\/d(?:ay)?| a day| per day)\b/gi;

/** A negation, plan or option before the words in their sentence. */
const NOT_IN_USE =
  /\b(?:no|not|denies|never|without|off|consider(?:s|ed|ing)?|candidate|plan(?:s|ned)?|will|may|discuss(?:ed|ing)?|refer(?:red|ral)?|pending|awaiting)\b[^.;]*$/i;

/** Words that make the oxygen new at this encounter. */
const NEW_START =
  /\b(?:arranged|ordered|set up|newly|new|start(?:ed|ing)?|initiat(?:ed|ing)|qualif(?:y|ies|ied)|evaluat\w*|eval)\b/i;

const NEVER: ReadonlySet<SectionCategory> = new Set([
  'family_history',
  'hospital_course',
  'procedures',
  'patient_instructions',
  'differential',
  'ruled_out',
]);

const INPATIENT_ONLY: ReadonlySet<SectionCategory> = new Set([
  'history_of_present_illness',
  'past_medical_history',
  'social_history',
  'problem_list',
  'assessment_and_plan',
  'diagnoses',
  'discharge_diagnoses',
]);

/** The spans where the note says the patient depends on oxygen at home. */
export function findHomeOxygen(
  doc: RuleDocument,
  setting: CareSetting,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of doc.sentences) {
    const sentence = doc.text.slice(s.start, s.end);
    if (NEW_START.test(sentence)) continue;
    const section = sectionAt(doc, s.start);
    if (section && NEVER.has(section)) continue;
    if (setting === 'inpatient' && !(section && INPATIENT_ONLY.has(section))) continue;
    for (const m of sentence.matchAll(HOME_OXYGEN)) {
      if (NOT_IN_USE.test(sentence.slice(0, m.index))) continue;
      out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    }
  }
  return out;
}
