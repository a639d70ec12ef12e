/**
 * Sepsis by its organism (Index: Sepsis, Escherichia coli A41.51; Guidelines I.C.1.d): where the
 * note names the organism in a sentence about the sepsis ("Septic shock due to E. coli", "E. coli
 * bacteremia" beside "sepsis"), the systemic infection is coded by it, in place of A41.9; and
 * severe sepsis or septic shock (R65.2-, "code first underlying infection") gets its infection
 * code when the note names one.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, span, type RuleDocument } from './rule-text.js';

const ORGANISMS: readonly [RegExp, string][] = [
  [/\b(?:e\.?\s?coli|escherichia coli)\b/i, 'A41.51'],
  [/\bpseudomonas\b/i, 'A41.52'],
  [/\bserratia\b/i, 'A41.53'],
  [/\bmrsa\b|\bmethicillin[- ]resistant staph/i, 'A41.02'],
  [/\bmssa\b|\bmethicillin[- ]susceptible staph|\bstaph(?:ylococcus)?\.? aureus\b/i, 'A41.01'],
  [/\bstrep(?:tococcus)?\.? pneumoniae\b|\bpneumococc/i, 'A40.3'],
  [/\bgroup a strep|\bgas\b(?= (?:sepsis|bacteremia))/i, 'A40.0'],
  [/\bgroup b strep|\bgbs\b/i, 'A40.1'],
  [/\benterococc/i, 'A41.81'],
  [/\b(?:klebsiella|proteus|enterobacter|acinetobacter)\b/i, 'A41.59'],
  [/\bh\.? ?influenzae\b|\bhaemophilus\b/i, 'A41.3'],
  [/\banaerob/i, 'A41.4'],
  [/\bgram[- ]negative\b/i, 'A41.50'],
];

const SEPSIS_ALL = /\b(?:sepsis|septic|urosepsis|septicemia|bacteremia)\b/gi;
const NEGATED = /\b(?:no|not|negative|without|ruled out|r\/o)\b/i;

/**
 * The organism code named on the same line as the sepsis, near it ("Septic shock due to E. coli";
 * sentence splitting would cut "E. coli"), with where it says so.
 */
function organismIn(doc: RuleDocument): { code: string; start: number; end: number } | undefined {
  for (const m of doc.text.matchAll(SEPSIS_ALL)) {
    const lineStart = doc.text.lastIndexOf('\n', m.index) + 1;
    const lineEnd = (doc.text.indexOf('\n', m.index) + 1 || doc.text.length + 1) - 1;
    const from = Math.max(lineStart, m.index - 60);
    const text = doc.text.slice(from, Math.min(lineEnd, m.index + 80));
    for (const [re, code] of ORGANISMS) {
      const o = re.exec(text);
      if (!o) continue;
      const clause = text.slice(0, o.index).split(/[;:]/).at(-1) ?? '';
      if (NEGATED.test(clause)) continue;
      return { code, start: from + o.index, end: from + o.index + o[0].length };
    }
  }
  return undefined;
}

export function applySepsisOrganism(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  addSystemicInfection(onto, codes);
  const sepsis = codes.filter((c) => c.assertion === 'present' && codeIn(c.code, /^A4[01]|^R652/));
  if (!sepsis.length) return;
  const found = organismIn(doc);
  if (!found || !onto.isBillable(found.code) || codes.some((c) => c.code === found.code)) return;
  const unspecified = sepsis.filter((c) => /^A41\.(?:9|50)$/.test(c.code));
  const evidence = [
    span(doc.text, found.start, found.end),
    ...(unspecified[0]?.evidence ?? sepsis[0]!.evidence),
  ];
  codes.push(
    ruleSuggestion(onto, found.code, evidence, 'present', 0.85, [
      {
        rule: 'sepsis-organism',
        message: `Sepsis due to the organism the note names: ${found.code} (Index: Sepsis, by organism).`,
        codes: sepsis.map((c) => c.code),
      },
    ]),
  );
  for (const c of unspecified) {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, {
      rule: 'sepsis-organism',
      message: `${found.code} names the organism.`,
      codes: [found.code],
    });
    removed.push(c);
  }
}

/**
 * Severe sepsis or septic shock (R65.2-) is coded after its systemic infection (I.C.1.d.1.b:
 * "code first underlying infection"): A41.9 where the note names no sepsis code of its own; the
 * organism rule above then names it when the note does.
 */
function addSystemicInfection(onto: Ontology, codes: CodeSuggestion[]): void {
  const severe = codes.find((c) => c.assertion === 'present' && codeIn(c.code, /^R652/));
  if (!severe) return;
  const systemic = codes.some(
    (c) => codeIn(c.code, /^A4[01]/) || (!codeIn(c.code, /^R65/) && /\bsepsis\b/i.test(c.title)),
  );
  if (systemic) return;
  codes.push(
    ruleSuggestion(onto, 'A41.9', severe.evidence, 'present', 0.85, [
      {
        rule: 'code-first',
        message: `${severe.code} says "code first underlying infection": sepsis of unspecified organism, A41.9, unless the note names one.`,
        codes: [severe.code],
      },
    ]),
  );
}
