/**
 * Codes that the classification splits by what the note identifies:
 * - influenza due to an identified virus (J10.-) when the note names the type or subtype
 *   ("influenza A", "flu B", "H1N1"; Guidelines I.C.10.c: coded only on confirmation, which the
 *   provider's naming the type is) in place of the unidentified-virus code (J11.-), same
 *   manifestation;
 * - the follow-up examination after completed treatment for a malignant neoplasm (Z08) in place
 *   of the general one (Z09) beside a personal history of malignant neoplasm (Z85.-).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, type RuleDocument } from './rule-text.js';

const FLU_TYPE = /\b(?:influenza|flu)\s*(?:type\s*)?[AB]\b|\bH[1-9]N[1-9]\b/i;
const NEGATED_TYPE = /\b(?:negative|neg|not|no)\b[^.;\n]{0,20}$/i;

function retitle(onto: Ontology, s: CodeSuggestion, code: string, message: string): void {
  addNote(s, { rule: 'specificity', message, codes: [s.code] });
  s.code = code;
  s.title = onto.title(code) ?? s.title;
}

export function applyIdentifiedCause(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  const flu = FLU_TYPE.exec(doc.text);
  const typed =
    flu !== null && !NEGATED_TYPE.test(doc.text.slice(Math.max(0, flu.index - 30), flu.index));
  for (const s of codes) {
    if (typed && /^J11\./.test(s.code)) {
      const j10 = `J10${s.code.slice(3)}`;
      if (onto.isBillable(j10) && !codes.some((c) => c.code === j10))
        retitle(onto, s, j10, `The note names the influenza virus ("${flu![0]}"): ${j10}.`);
    }
    if (
      s.code === 'Z09' &&
      codes.some((c) => /^Z85/.test(c.code)) &&
      !codes.some((c) => c.code === 'Z08')
    )
      retitle(onto, s, 'Z08', 'Follow-up after completed treatment for a malignant neoplasm: Z08.');
  }
}
