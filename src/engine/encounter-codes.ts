/**
 * Codes for what happened at this encounter that no diagnosis word names:
 *
 * - Z23, encounter for immunization: a vaccine given or administered at the visit (Guidelines
 *   I.C.21.c.2); not one given in the past, declined or merely advised.
 * - Z3A.-, weeks of gestation, beside a pregnancy (O or Z34) code (Guidelines I.C.15.a.3), from the
 *   current gestational age the note states ("IUP at 37w2d", "EGA 28w3d", "G1P0 at 14 weeks").
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CareSetting, CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, type RuleDocument } from './rule-text.js';

const VACCINE = String.raw`(?:vaccines?|vaccinations?|immunizations?|tdap|td|dtap|mmr|varicella|hep(?:atitis)? [ab]|influenza|flu shot|pcv ?\d+|prevnar|pneumovax|shingrix|hpv|rsv)`;
const GIVEN_AFTER = new RegExp(
  String.raw`\b${VACCINE}\b[^.;\n]{0,40}?\b(?:given|administered|today)\b`,
  'gi',
);
const GIVEN_BEFORE = new RegExp(
  String.raw`\b(?:vaccines? today|given|administered)\s*:?\s*(?:\w+\s+){0,2}${VACCINE}\b`,
  'gi',
);
const NOT_GIVEN =
  /\b(?:not|declined|refused|deferred|next|due|advised|recommended|will|consider)\b[^.;\n]*$/i;

function immunizationGiven(doc: RuleDocument): EvidenceSpan | undefined {
  for (const re of [GIVEN_AFTER, GIVEN_BEFORE]) {
    for (const m of doc.text.matchAll(re)) {
      const clause = m[0];
      // A dated, up-to-date or immune statement is about past doses, not this visit.
      const around = clause + doc.text.slice(m.index + clause.length, m.index + clause.length + 16);
      if (
        /\b\d{1,2}\/\d{2,4}\b|\b(?:19|20)\d\d\b|\butd\b|up to date|\bimmune\b|\d-?mo\b|prenatal|antepartum|previous|prior\b|\blast\b|\bat \d+ ?wk|\bat (?:the |a |an )?(?:pharmacy|outside|another|work|school)|elsewhere/i.test(
          around,
        )
      )
        continue;
      const before = doc.text.slice(Math.max(0, m.index - 40), m.index);
      if (
        NOT_GIVEN.test(before + clause.slice(0, clause.search(/\b(?:given|administered|today)\b/i)))
      )
        continue;
      return { start: m.index, end: m.index + clause.length, text: clause };
    }
  }
  return undefined;
}

/**
 * A current gestational age: after a pregnancy word or the obstetric history ("EGA 28w3d",
 * "G1P0 at 14w2d", "pregnancy, 30 weeks"), in the "28w3d" form, before "pregnant" or
 * "gestation", after "at" ("seen at 30 weeks"), or standing alone between commas or at a line's
 * end ("GDM, diet controlled, 30 weeks."). Read only where the note is about a pregnancy.
 */
const GESTATION = new RegExp(
  [
    /\b(?:(?:EGA|GA|IUP|gestational age|pregnan\w*|G\d+\s*(?:P\d+)?)[,:]?\s*(?:at|@|of|:)?\s*)(\d{1,2})\s*(?:w\d+d?|w\b|wks?\b|weeks?\b)/,
    /\b(\d{1,2})w\d+d\b/,
    /\b(\d{1,2})\s*(?:wks?|weeks?)(?:'|\s+of)?\s+(?:pregnant|gestation|GA|EGA|IUP)\b/,
    /\bat\s+(\d{1,2})(?:\+\d)?\s*(?:wks?|weeks?)\b/,
    /(?:^|[,;]\s*)([4-9]|[1-3]\d|4[0-4])(?:\+\d)?\s*(?:wks?|weeks?)\s*(?:[.;,]|$)/,
  ]
    .map((r) => r.source)
    .join('|'),
  'im',
);

/** The current gestational age the note writes ("EGA 28w3d", "G1P0 at 14w2d"), in completed weeks. */
export function currentGestation(
  text: string,
): { weeks: number; evidence: EvidenceSpan } | undefined {
  const m = GESTATION.exec(text);
  if (!m) return undefined;
  const weeks = m.slice(1).find((g) => g !== undefined);
  return {
    weeks: Number(weeks),
    evidence: { start: m.index, end: m.index + m[0].length, text: m[0] },
  };
}

/** The Z3A code for a gestational age in completed weeks. */
export function weeksOfGestationCode(weeks: number): string {
  if (weeks < 8) return 'Z3A.01';
  if (weeks > 42) return 'Z3A.49';
  return `Z3A.${String(weeks).padStart(2, '0')}`;
}

const ROUTINE_EXAM =
  /\b(?:well[- ]child|well[- ]baby|wcc|routine (?:child|infant) (?:health )?(?:exam|check)|(?:annual|routine|preventive|wellness) (?:physical|exam|examination|visit|check[- ]?up)|annual preventive|health maintenance (?:exam|visit)|preventive (?:care )?visit)\b/i;
const CHILD_AGE =
  /\b\d{1,2}[- ]?(?:mo|mos|months?)(?:[- ]old)?\b|\b(?:[0-9]|1[0-7])[- ]?(?:y\/?o|yo|years?[- ]old)\b|\binfant\b|\btoddler\b|\bnewborn\b/i;

/**
 * A routine (preventive) examination is the encounter's reason (Guidelines I.C.21.c.13): Z00.12-
 * for a child, Z00.0- for an adult, "with abnormal findings" when the visit found a condition
 * (any other present, non-Z code).
 */
function routineExamination(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
  setting: CareSetting,
): CodeSuggestion | undefined {
  // The visit's reason is stated up front (title, chief complaint, first lines), and an
  // inpatient stay is never one.
  const m = ROUTINE_EXAM.exec(doc.text.slice(0, 400));
  if (!m || setting === 'inpatient') return undefined;
  const child = CHILD_AGE.test(doc.text.slice(0, 400));
  const abnormal = codes.some(
    (c) => c.assertion === 'present' && !codeIn(c.code, /^Z/) && c.group !== 'flagged',
  );
  const code = child ? (abnormal ? 'Z00.121' : 'Z00.129') : abnormal ? 'Z00.01' : 'Z00.00';
  if (!onto.isBillable(code)) return undefined;
  return ruleSuggestion(
    onto,
    code,
    [{ start: m.index, end: m.index + m[0].length, text: m[0] }],
    'present',
    0.85,
    [
      {
        rule: 'encounter',
        message: `Routine ${child ? 'child health' : 'adult'} examination${abnormal ? ' with abnormal findings' : ''}: ${code} first (Guidelines I.C.21.c.13).`,
      },
    ],
  );
}

/** Adds Z23 and Z3A.- where the note documents them; returns the suggestions to add. */
export function addEncounterCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
  setting: CareSetting = 'outpatient',
): CodeSuggestion[] {
  const added: CodeSuggestion[] = [];
  const has = (code: string): boolean =>
    codes.some((c) => c.code === code || (code === 'Z3A' && c.code.startsWith('Z3A')));
  const shot = has('Z23') ? undefined : immunizationGiven(doc);
  if (shot && onto.isBillable('Z23')) {
    added.push(
      ruleSuggestion(onto, 'Z23', [shot], 'present', 0.85, [
        {
          rule: 'encounter',
          message: 'A vaccine was given at this encounter: Z23 (Guidelines I.C.21.c.2).',
        },
      ]),
    );
  }
  const exam = routineExamination(onto, doc, codes, setting);
  if (exam && !has(exam.code)) added.push(exam);
  const pregnant = codes.some((c) => c.assertion === 'present' && codeIn(c.code, /^O|^Z34/));
  const ga = pregnant ? currentGestation(doc.text) : undefined;
  const code = ga && weeksOfGestationCode(ga.weeks);
  // The weeks the note writes win over a Z3A the words "weeks of gestation" alone reached.
  if (code && onto.isBillable(code) && has('Z3A') && !has(code))
    for (const c of codes.filter((x) => x.code.startsWith('Z3A'))) {
      addNote(c, {
        rule: 'encounter',
        message: `The note gives the weeks: ${code}.`,
        codes: [c.code],
      });
      c.code = code;
      c.title = onto.title(code) ?? c.title;
    }
  if (ga && code && !has('Z3A') && onto.isBillable(code))
    added.push(
      ruleSuggestion(onto, code, [ga.evidence], 'present', 0.85, [
        {
          rule: 'encounter',
          message: `Weeks of gestation beside the pregnancy codes: ${code} (Guidelines I.C.15.a.3).`,
        },
      ]),
    );
  return added;
}
