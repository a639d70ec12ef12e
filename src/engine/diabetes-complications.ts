/**
 * The "with" presumption for diabetes (Official Guidelines I.A.15, I.C.4.a): a condition the
 * Alphabetic Index lists under "Diabetes, by type, with" is coded as a diabetic complication
 * even where the note lists it apart ("1. T2DM 2. Gastroparesis" is E11.43 + K31.84, "T2DM,
 * PAD" is E11.51), unless the note gives it another cause. CKD is combination-codes.ts's.
 *
 * The combination code is read from the Index ("Diabetes, diabetic, type 2, with, <subterm>")
 * and moved to the note's diabetes category (E08-E13 share their subdivisions); the separate
 * code stays where the Tabular pairs them (E11.621 "use additional code to identify site of
 * ulcer (L97.4-, L97.5-)", K31.84 "code first ... E11.43", E11.69 "use additional code to
 * identify complication") and goes otherwise (E11.51 says all that I73.9 says).
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, type RuleDocument } from './rule-text.js';
import { tabularPartners } from './tabular-pairs.js';

interface PresumedComplication {
  /** The condition's own code, as the dictionary reports it when the note lists it apart. */
  separate: RegExp;
  /** The subterm under "Diabetes, diabetic, type 2, with" (chosen by the mention's words when a function). */
  subterm: string | ((words: string) => string);
}

/**
 * Conditions under "Diabetes, with" that notes list on their own. Left out: those the
 * classification words as diabetic only ("necrobiosis lipoidica"), those a diabetic often has
 * for another reason and that coders link only when the provider does (cataract, dermatitis,
 * neuralgia), N28.9 (a disorder of kidney and ureter of any kind: CKD is combination-codes.ts's),
 * and the NEC rows.
 */
const PRESUMED: readonly PresumedComplication[] = [
  // "Neuropathy, peripheral (nerve) G62.9 - see also Polyneuropathy": peripheral is poly.
  {
    separate: /^G629$/,
    subterm: (w) =>
      /\b(?:poly|peripheral|distal|symmetric|stocking)/i.test(w) ? 'polyneuropathy' : 'neuropathy',
  },
  { separate: /^K3184$/, subterm: 'gastroparesis' },
  { separate: /^I739$/, subterm: 'peripheral angiopathy' },
  { separate: /^I96$/, subterm: 'gangrene' },
  { separate: /^L97[45]/, subterm: 'foot ulcer' },
  { separate: /^L97[1238]|^L984/, subterm: 'skin ulcer NEC' },
  { separate: /^M86/, subterm: 'osteomyelitis' },
  { separate: /^E162$/, subterm: 'hypoglycemia' },
  { separate: /^R739$/, subterm: 'hyperglycemia' },
];

/** The condition's words give it another cause ("neuropathy due to chemotherapy", "alcoholic"). */
const OTHER_CAUSE =
  /\b(?:due to|secondary to|caused by|from|induced|related to|alcoholic|chemo\w*|b12|not (?:related|due) to (?:the )?(?:diabet\w*|dm))\b/i;

const TYPE_2_WITH = 'Diabetes, diabetic, type 2, with, ';

/** Subterm → type 2 combination code, read once per ontology from the Index. */
const comboBySubterm = new WeakMap<Ontology, Map<string, string>>();

function type2Combos(onto: Ontology): Map<string, string> {
  let m = comboBySubterm.get(onto);
  if (m) return m;
  m = new Map();
  onto.indexPathsList().forEach((p, row) => {
    if (!p.startsWith(TYPE_2_WITH)) return;
    const subterm = p.slice(TYPE_2_WITH.length);
    const code = onto.indexEntry(row)?.code ?? '';
    if (code && !code.endsWith('-') && !subterm.includes(', ')) m!.set(subterm, code);
  });
  comboBySubterm.set(onto, m);
  return m;
}

/** The words around a mention: its own and the rest of its clause, where a cause is written. */
function clauseAfter(doc: RuleDocument, s: CodeSuggestion): string {
  return s.evidence
    .map((e) => e.text + (doc.text.slice(e.end, e.end + 60).split(/[.;\n]|,\s/)[0] ?? ''))
    .join(' | ');
}

/**
 * Replaces conditions the Index presumes diabetic by the diabetes combination code, in place.
 * Returns the separate codes it removed (each with its reason), for the flagged list.
 */
export function applyDiabetesComplications(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const diabetes = codes.filter(
    (c) => codeIn(c.code, /^E(?:0[89]|1[013])/) && c.assertion === 'present',
  );
  const category = diabetes[0]?.code.slice(0, 3);
  if (!category || diabetes.some((c) => c.code.slice(0, 3) !== category)) return [];
  const combos = type2Combos(onto);
  specifyPolyneuropathy(onto, doc, codes, diabetes);
  const removed: CodeSuggestion[] = [];
  for (const s of [...codes]) {
    const rule = PRESUMED.find((p) => codeIn(s.code, p.separate));
    if (!rule || s.assertion !== 'present') continue;
    const words = clauseAfter(doc, s);
    if (OTHER_CAUSE.test(words)) continue;
    const subterm = typeof rule.subterm === 'string' ? rule.subterm : rule.subterm(words);
    const type2 = combos.get(subterm);
    const combo = type2 && toDotted(category + toDotless(type2).slice(3));
    if (!combo || !onto.isBillable(combo)) continue;
    addCombination(onto, codes, diabetes, s, combo, subterm);
    if (keepsSeparateCode(onto, combo, s.code)) continue;
    codes.splice(codes.indexOf(s), 1);
    addNote(s, {
      rule: 'combination',
      message: `${combo} codes the diabetes with its ${subterm}: not coded separately.`,
      codes: [combo],
    });
    removed.push(s);
  }
  return removed;
}

/** "T2DM w/ peripheral neuropathy" is E11.42, not E11.40: peripheral neuropathy is polyneuropathy in the Index. */
function specifyPolyneuropathy(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  diabetes: CodeSuggestion[],
): void {
  for (const s of diabetes) {
    if (!/\.40$/.test(s.code) || !/\b(?:poly|peripheral)/i.test(clauseAfter(doc, s))) continue;
    const poly = s.code.replace(/\.40$/, '.42');
    if (!onto.isBillable(poly) || codes.some((c) => c.code === poly)) continue;
    addNote(s, {
      rule: 'specificity',
      message: `Peripheral neuropathy is polyneuropathy in the Index ("Neuropathy, peripheral - see also Polyneuropathy"): ${poly}.`,
      codes: [s.code],
    });
    s.code = poly;
    s.title = onto.title(poly) ?? s.title;
  }
}

/** The Tabular pairs them ("use additional code" / "code first"), or the combination is "other specified". */
function keepsSeparateCode(onto: Ontology, combo: string, separate: string): boolean {
  return (
    tabularPartners(onto, combo, separate) ||
    /other specified complication/i.test(onto.title(combo) ?? '')
  );
}

function addCombination(
  onto: Ontology,
  codes: CodeSuggestion[],
  diabetes: CodeSuggestion[],
  condition: CodeSuggestion,
  combo: string,
  subterm: string,
): void {
  const message = `Diabetes with ${subterm}: the Index lists it under "Diabetes, with", so the guidelines presume the link (I.A.15) unless the note gives another cause.`;
  const existing = codes.find((c) => c.code === combo);
  if (existing) {
    addNote(existing, { rule: 'combination', message, codes: [condition.code] });
    return;
  }
  const evidence = [...diabetes[0]!.evidence, ...condition.evidence];
  codes.push(
    ruleSuggestion(onto, combo, evidence, 'present', 0.8, [
      { rule: 'combination', message, codes: [diabetes[0]!.code, condition.code] },
    ]),
  );
}
