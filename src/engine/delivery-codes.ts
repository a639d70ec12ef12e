/**
 * The mother's record of a stay in which she delivered (Official Guidelines I.C.15):
 *
 * - Outcome of delivery, Z37.-, on every maternal record with a delivery (I.C.15.b.5): a single
 *   liveborn Z37.0 unless the note says twins (Z37.2) or a stillbirth (Z37.1).
 * - Conditions present at the delivery take their "complicating childbirth" / "in childbirth"
 *   code, not the trimester's: O24.414 → O24.424, O99.210 → O99.214, O14.00 → O14.04 (the
 *   Tabular's own sibling with that wording); pre-existing conditions the Tabular classifies in
 *   pregnancy take it too (E66 → O99.214 beside E66.-, I10 → O10.02 in place of I10).
 * - A perineal laceration of the delivery by its degree (O70.0-O70.3); a group B streptococcus
 *   carrier, O99.824 in place of Z22.330.
 * - In any pregnancy, delivered or not: no incidental pregnant state (Z33.1) beside pregnancy
 *   codes (no BMI either: bmi-codes.ts, I.C.21.c.3).
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, span, type RuleDocument } from './rule-text.js';
import { isNewbornRecord } from './newborn-birth.js';

/** Words that put a delivery in an earlier pregnancy ("Prior pregnancy: SVD at 39 wks"). */
const EARLIER_PREGNANCY =
  /\b(?:prior|previous|last|past|first|1st|2nd|second|other) (?:pregnanc(?:y|ies)|deliver(?:y|ies)|births?)\b|\b(?:ob hx|ob history|obstetric history|hx of|history of|h\/o|prior|previous)\b[^.\n]{0,30}$/i;

/** The first match of `re` (global or not) that no earlier pregnancy's words precede on its line. */
export function firstCurrent(re: RegExp, text: string): RegExpExecArray | null {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (let m = g.exec(text); m !== null; m = g.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    if (!EARLIER_PREGNANCY.test(text.slice(Math.max(lineStart, m.index - 60), m.index))) return m;
  }
  return null;
}

/** A delivery in this stay, as discharge summaries and L&D notes write it (not "prior SVD 2019"). */
const DELIVERED_THIS_STAY =
  /\b(?:pregnancy delivered|delivered (?:a |an |twins|vaginally|via |by |at \d)|(?:n?svd|spontaneous vaginal delivery|vaginal delivery|vacuum[- ]assisted (?:vaginal )?delivery|forceps[- ]assisted (?:vaginal )?delivery) (?:of|at \d|on \d)|delivery:\s*\d|underwent (?:a )?(?:primary |repeat )?(?:low transverse )?(?:c-?section|cesarean))/i;
const TWINS = /\b(?:twins?|twin gestation|di-?di|mo-?di)\b/i;
const STILLBIRTH = /\b(?:stillb(?:orn|irth)|iufd|intrauterine fetal demise|fetal demise)\b/i;
const PERINEAL_LACERATION =
  /\b(1st|first|2nd|second|3rd|third|4th|fourth)[- ]degree (?:perineal |vaginal |perineum )?(?:laceration|tear)\b/i;
const LACERATION_CODE: Record<string, string> = {
  '1st': 'O70.0',
  first: 'O70.0',
  '2nd': 'O70.1',
  second: 'O70.1',
  '3rd': 'O70.20',
  third: 'O70.20',
  '4th': 'O70.3',
  fourth: 'O70.3',
};
const GBS_CARRIER =
  /\b(?:gbs|group b strep(?:tococcus|tococcal)?)\s*(?:positive|pos\b|\(\+\)|\+|carrier|colonized|colonization)|\bgbs carrier\b/i;

/** Conditions the Tabular classifies at delivery, with their childbirth code. */
const AT_CHILDBIRTH: readonly { code: RegExp; o: string; replaces: boolean }[] = [
  { code: /^I10$/, o: 'O10.02', replaces: true },
  { code: /^Z22330$/, o: 'O99.824', replaces: true },
  { code: /^E0[0-7]/, o: 'O99.284', replaces: false },
  { code: /^E66/, o: 'O99.214', replaces: false },
  { code: /^D(?:5\d|6[0-4])/, o: 'O99.02', replaces: false },
  { code: /^F172/, o: 'O99.334', replaces: false },
];

/** Rewrites `codes` for a delivery stay; returns the codes it replaced (for the flagged list). */
export function applyDeliveryCodes(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const replaced: CodeSuggestion[] = [];
  const add = (code: string, at: EvidenceSpan[], message: string): void => {
    if (!onto.isBillable(code) || codes.some((c) => c.code === code)) return;
    codes.push(ruleSuggestion(onto, code, at, 'present', 0.8, [{ rule: 'delivery', message }]));
  };
  const drop = (c: CodeSuggestion, message: string, by?: string): void => {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, { rule: 'delivery', message, codes: by ? [by] : undefined });
    replaced.push(c);
  };
  // The infant's own record (a Z38 liveborn code) tells its birth, not a delivery of the patient.
  const newborn = isNewbornRecord(doc.text) || codes.some((c) => codeIn(c.code, /^Z38/));
  const delivered = newborn ? null : firstCurrent(DELIVERED_THIS_STAY, doc.text);
  if (!delivered) {
    dropBesidePregnancyCodes(codes, drop);
    return replaced;
  }
  const evidence = span(doc.text, delivered.index, delivered.index + delivered[0].length);
  for (const s of [...codes]) {
    if (s.assertion !== 'present') continue;
    const rule = AT_CHILDBIRTH.find((r) => codeIn(s.code, r.code));
    if (rule) {
      add(rule.o, s.evidence, `${s.code} at delivery: ${rule.o} (Guidelines I.C.15.a).`);
      if (rule.replaces) drop(s, `Classified at delivery as ${rule.o}.`, rule.o);
    } else if (/^O/.test(s.code)) toChildbirthCode(onto, s);
  }
  addLaceration(doc, add);
  addGbsCarrier(doc, codes, add);
  add(
    outcomeOfDelivery(doc.text),
    [evidence],
    "Outcome of delivery on the mother's record (Guidelines I.C.15.b.5).",
  );
  dropBesidePregnancyCodes(codes, drop);
  return replaced;
}

/** The outcome code: twins, a stillbirth or (by default) a single liveborn infant. */
function outcomeOfDelivery(text: string): string {
  if (TWINS.test(text)) return STILLBIRTH.test(text) ? 'Z37.3' : 'Z37.2';
  return STILLBIRTH.test(text) ? 'Z37.1' : 'Z37.0';
}

/**
 * The code of the same category whose title says "childbirth" where this one says "pregnancy"
 * or names a trimester ("…, third trimester" → "…, complicating childbirth").
 */
function toChildbirthCode(onto: Ontology, s: CodeSuggestion): void {
  const wanted = [
    s.title.replace(/\bin pregnancy\b/i, 'in childbirth'),
    s.title.replace(
      /\bcomplicating pregnancy, (?:first|second|third|unspecified) trimester$/i,
      'complicating childbirth',
    ),
    s.title.replace(
      /, (?:first|second|third|unspecified) trimester$/i,
      ', complicating childbirth',
    ),
  ].filter((t) => t !== s.title);
  if (!wanted.length) return;
  // The category's billable codes (a few dozen), not the whole classification.
  const code = onto
    .billableDescendants(toDotless(s.code).slice(0, 3))
    .find((c) => wanted.includes(onto.title(c) ?? ''));
  if (!code) return;
  addNote(s, { rule: 'delivery', message: `At delivery: ${code} in place of ${s.code}.` });
  s.code = code;
  s.title = onto.title(code)!;
}

function addLaceration(
  doc: RuleDocument,
  add: (code: string, at: EvidenceSpan[], message: string) => void,
): void {
  const m = PERINEAL_LACERATION.exec(doc.text);
  if (!m) return;
  const code = LACERATION_CODE[m[1]!.toLowerCase()];
  if (code)
    add(
      code,
      [span(doc.text, m.index, m.index + m[0].length)],
      'Perineal laceration during delivery, by its degree.',
    );
}

function addGbsCarrier(
  doc: RuleDocument,
  codes: CodeSuggestion[],
  add: (code: string, at: EvidenceSpan[], message: string) => void,
): void {
  const m = GBS_CARRIER.exec(doc.text);
  if (!m || codes.some((c) => codeIn(c.code, /^O9982/))) return;
  add(
    'O99.824',
    [span(doc.text, m.index, m.index + m[0].length)],
    'Group B streptococcus carrier at delivery.',
  );
}

/** Pregnancy codes say it all: no incidental pregnant state beside them. */
function dropBesidePregnancyCodes(
  codes: CodeSuggestion[],
  drop: (c: CodeSuggestion, message: string, by?: string) => void,
): void {
  const o = codes.find((c) => /^O/.test(c.code) && c.assertion === 'present');
  if (!o) return;
  for (const c of codes.filter((x) => x.code === 'Z33.1'))
    drop(c, `${o.code} codes this pregnancy.`, o.code);
}
