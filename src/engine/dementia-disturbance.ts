/**
 * Dementia with the disturbance the note documents (FY2023 F01-F03 structure): the code "without
 * behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety" gives way to the
 * sibling "with psychotic disturbance" (hallucinations, delusions, paranoia), "with agitation"
 * (agitation, aggression, combativeness), "with mood disturbance" (depression, apathy) or "with
 * anxiety" when the note states one as present; the symptom code it absorbs is not reported
 * beside it (R44.-, R45.1, R41.8-).
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, lineAround, recode, ruleSuggestion, type RuleDocument } from './rule-text.js';

const DISTURBANCES: readonly { words: RegExp; suffix: string; absorbs: RegExp; what: string }[] = [
  {
    words: /\b(?:hallucinations?|delusions?|delusional|paranoi[ad]|psychosis|psychotic)\b/gi,
    suffix: '2',
    absorbs: /^R44\./,
    what: 'psychotic disturbance',
  },
  {
    words: /\b(?:agitation|agitated|aggressi(?:on|ve)|combative(?:ness)?)\b/gi,
    suffix: '11',
    absorbs: /^R45\.1/,
    what: 'agitation',
  },
];

function documented(doc: RuleDocument, re: RegExp): boolean {
  for (const m of doc.text.matchAll(re)) if (!negatedInClauseBefore(doc.text, m.index)) return true;
  return false;
}

export function applyDementiaDisturbance(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  dementiaOfUnderlyingDisease(onto, doc, codes);
  dropUnspecifiedBesideKnownCause(codes, removed);
  for (const s of codes) {
    if (!/^F0[123]\.[0-9A-C]0$/.test(s.code) || s.assertion !== 'present') continue;
    const found = DISTURBANCES.find((d) => documented(doc, d.words));
    if (!found) continue;
    const sibling = s.code.slice(0, -1) + found.suffix;
    if (!onto.isBillable(sibling) || codes.some((c) => c.code === sibling)) continue;
    addNote(s, {
      rule: 'combination',
      message: `Dementia with ${found.what} documented: ${sibling}.`,
      codes: [s.code],
    });
    s.code = sibling;
    s.title = onto.title(sibling) ?? s.title;
  }
  for (const s of codes.filter((c) => /^F0[123]\./.test(c.code) && c.assertion === 'present'))
    for (const d of DISTURBANCES.filter((x) => s.code.endsWith(x.suffix)))
      dropAbsorbed(s.code, d.absorbs, codes, removed);
}

/** The symptom code a dementia "with … disturbance" includes (R44.- beside F02.A2). */
function dropAbsorbed(
  by: string,
  absorbs: RegExp,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  for (const c of codes.filter((x) => absorbs.test(x.code))) {
    addNote(c, { rule: 'integral-symptom', message: `${by} includes it.`, codes: [by] });
    codes.splice(codes.indexOf(c), 1);
    removed.push(c);
  }
}

/**
 * "Unspecified dementia" (F03) beside the dementia of a known cause (F01 vascular, F02 in other
 * diseases): one dementia, which the note names; "mild dementia" in the history is the same one.
 */
function dropUnspecifiedBesideKnownCause(codes: CodeSuggestion[], removed: CodeSuggestion[]): void {
  const known = codes.find((c) => /^F0[12]\./.test(c.code) && c.assertion === 'present');
  if (!known) return;
  for (const s of codes.filter((c) => c.code.startsWith('F03.') && c.assertion === 'present')) {
    addNote(s, {
      rule: 'specificity',
      message: `${known.code} codes the same dementia with its cause.`,
      codes: [known.code],
    });
    codes.splice(codes.indexOf(s), 1);
    removed.push(s);
  }
}

/**
 * Diseases whose dementia is F02, "dementia in other diseases classified elsewhere" (the
 * Tabular's F02 "code first the underlying physiological condition"): Alzheimer's, the
 * frontotemporal and Lewy body dementias, Parkinson's, Huntington's, multiple sclerosis,
 * Creutzfeldt-Jakob disease, HIV disease.
 */
const UNDERLYING_DISEASE = /^(?:G30\.|G31\.0|G31\.83|G20\.|G10$|G35$|A81\.0|B20$)/;

/**
 * The dementia of a disease the note codes is F02 at the severity and disturbance documented:
 * "unspecified dementia" (F03) beside Alzheimer's disease becomes its F02 twin (F03.B11 →
 * F02.B11); with no dementia code, Alzheimer's disease adds F02.80 (the Index's bracketed
 * manifestation, "Disease, Alzheimer's G30.9 [F02.80]"), and the others add it where the note
 * states their dementia.
 */
function dementiaOfUnderlyingDisease(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  const disease = codes.find((c) => UNDERLYING_DISEASE.test(c.code) && c.assertion === 'present');
  if (!disease || codes.some((c) => c.code.startsWith('F02.'))) return;
  const unspecified = codes.find((c) => c.code.startsWith('F03.') && c.assertion === 'present');
  if (unspecified) {
    const twin =
      'F02.' +
      (unspecified.code[4] === '9' ? '8' : unspecified.code[4]) +
      unspecified.code.slice(5);
    if (onto.isBillable(twin))
      recode(
        onto,
        unspecified,
        twin,
        `The dementia of ${disease.code}: dementia in a disease classified elsewhere.`,
      );
    return;
  }
  // The Index brackets F02.80 after every Alzheimer's entry; the others need the dementia stated.
  const written = disease.evidence.filter(
    (e) => disease.code.startsWith('G30.') || statesDementia(doc, lineAround(doc.text, e), e.start),
  );
  if (!written.length) return;
  codes.push(
    ruleSuggestion(onto, 'F02.80', written, 'present', disease.score, [
      {
        rule: 'use-additional',
        message: `Dementia of ${disease.code} documented: the manifestation F02.80 is coded after it.`,
        codes: [disease.code],
      },
    ]),
  );
}

/** A "dementia" in `line` (which holds the evidence at `at`) that no cue before it negates. */
function statesDementia(doc: RuleDocument, line: string, at: number): boolean {
  const lineStart = doc.text.lastIndexOf('\n', at) + 1;
  for (const m of line.matchAll(/\bdementia\b/gi))
    if (!negatedInClauseBefore(doc.text, lineStart + m.index)) return true;
  return false;
}
