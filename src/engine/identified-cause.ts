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
import { recode, ruleSuggestion, type RuleDocument } from './rule-text.js';

const FLU_TYPE = /\b(?:influenza|flu)\s*(?:type\s*)?[AB]\b|\bH[1-9]N[1-9]\b/i;
const NEGATED_TYPE = /\b(?:negative|neg|not|no)\b[^.;\n]{0,20}$/i;

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
        recode(onto, s, j10, `The note names the influenza virus ("${flu![0]}"): ${j10}.`);
    }
    if (
      s.code === 'Z09' &&
      codes.some((c) => /^Z85/.test(c.code)) &&
      !codes.some((c) => c.code === 'Z08')
    )
      recode(onto, s, 'Z08', 'Follow-up after completed treatment for a malignant neoplasm: Z08.');
  }
}

const NIHSS = /\bNIHSS(?:\s+score)?\s*(?:of|=|:|was|is)?\s*(\d{1,2})\b/gi;

/**
 * The NIH stroke scale score beside a cerebral infarction (Guidelines I.C.18.i: the initial
 * score, code first I63.-): the score the note gives on arrival or admission, else the first
 * one written; in place of the score code a bare "NIHSS" suggested.
 */
export function applyNihssScore(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const scores = codes.filter((c) => /^R29\.7/.test(c.code));
  if (!codes.some((c) => /^I63/.test(c.code) && c.assertion === 'present')) return [];
  const found = [...doc.text.matchAll(NIHSS)].filter((m) => Number(m[1]) <= 42);
  const initial =
    found.find((m) =>
      /\b(?:on arrival|arrival|admission|initial|presentation)\b/i.test(
        doc.text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20),
      ),
    ) ?? found[0];
  if (!initial) return [];
  const n = Number(initial[1]);
  const code = `R29.7${n < 10 ? '0' : n < 20 ? '1' : n < 30 ? '2' : n < 40 ? '3' : '4'}${n % 10}`;
  if (!onto.isBillable(code)) return [];
  for (const s of scores) codes.splice(codes.indexOf(s), 1);
  if (codes.some((c) => c.code === code)) return [];
  const at = initial.index;
  return [
    ruleSuggestion(
      onto,
      code,
      [{ start: at, end: at + initial[0].length, text: initial[0] }],
      'present',
      0.8,
      [
        {
          rule: 'nihss',
          message: `Initial NIH stroke scale score ${n}: ${code}, after the cerebral infarction (I.C.18.i).`,
        },
      ],
    ),
  ];
}
