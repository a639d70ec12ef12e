/**
 * A condition a discharge summary lists as resolved ("Hyponatremia, resolved" among the
 * discharge diagnoses, "delirium POD1-2, resolved" in the hospital course) arose or was treated
 * during this stay: it is coded (Guidelines III: conditions that develop subsequently or affect
 * treatment), not read as a past condition. A line that places it before the stay ("history
 * of", "prior", a past year) keeps it a history.
 */
import type { CareSetting, CodeSuggestion } from './coding-types.js';
import { addNote, lineAround, sectionAt, type RuleDocument } from './rule-text.js';
import type { SectionCategory } from '../text/section-headers.js';

const THIS_STAY: ReadonlySet<SectionCategory> = new Set(['discharge_diagnoses', 'hospital_course']);

const RESOLVED = /\bresolv(?:ed|ing)\b/i;
const BEFORE_THE_STAY =
  /\b(?:history|hx|h\/o|prior|previous|previously|remote|past|old|(?:19|20)\d\d|years? ago|months? ago)\b/i;

/** Moves each resolved-during-the-stay condition from historical to present; returns them. */
export function codeResolvedThisStay(
  doc: RuleDocument,
  setting: CareSetting,
  codes: readonly CodeSuggestion[],
): CodeSuggestion[] {
  if (setting !== 'inpatient') return [];
  const moved = codes.filter(
    (s) =>
      s.assertion === 'historical' &&
      s.source !== 'rule' &&
      s.evidence.length > 0 &&
      s.evidence.every((e) => {
        const section = sectionAt(doc, e.start);
        const line = lineAround(doc.text, e);
        return (
          section !== undefined &&
          THIS_STAY.has(section) &&
          RESOLVED.test(line) &&
          !BEFORE_THE_STAY.test(line)
        );
      }),
  );
  for (const s of moved) {
    s.assertion = 'present';
    addNote(s, {
      rule: 'resolved-this-stay',
      message: 'Resolved during this stay: coded, as a condition that arose or was treated here.',
    });
  }
  return moved;
}
