/**
 * One diabetes type per patient. The Index's diabetes entries are reached from many wordings
 * ("diabetic CKD", "DKA", "diabetic retinopathy") that do not say the type, and the dictionary
 * can land them in any of E08-E13. A coder takes the type the note documents (Guidelines
 * I.C.4.a: type 1 E10, type 2 E11; when the type is not documented the default is E11, Index:
 * Diabetes, diabetic (mellitus) (sugar) E11.9), and keeps the complication part of the code:
 * E13.22 for "diabetic CKD" in a type 2 diabetic is E11.22. A code whose own evidence names its
 * type ("drug-induced", "type 1") keeps it.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, sectionAt, type RuleDocument } from './rule-text.js';

type Category = 'E08' | 'E09' | 'E10' | 'E11' | 'E13';

const TYPE_WORDS: readonly [Category, RegExp][] = [
  [
    'E10',
    /\btype\s*(?:1|i|one)\b(?!\s*(?:mi|myocardial))|\bt1dm?\b|\bdm\s*(?:1|i)\b|\bdm1\b|\biddm\b|\bjuvenile[- ]onset diabetes\b/i,
  ],
  [
    'E11',
    /\btype\s*(?:2|ii|two)\b(?!\s*(?:mi|myocardial))|\bt2dm?\b|\bdm\s*(?:2|ii)\b|\bdm2\b|\bniddm\b|\badult[- ]onset diabetes\b/i,
  ],
  [
    'E09',
    /\b(?:drug|chemical|steroid|medication|glucocorticoid)[- ]induced (?:diabetes|dm)\b|\bdiabetes (?:mellitus )?(?:due to|induced by) (?:an? )?(?:drugs?|chemicals?|medications?|steroids?|glucocorticoids?)\b/i,
  ],
  [
    'E08',
    /\bdiabetes (?:mellitus )?due to (?:an )?underlying condition\b|\b(?:cystic fibrosis|pancreatitis)[- ]related diabetes\b|\bcfrd\b/i,
  ],
  [
    'E13',
    /\b(?:secondary|post[- ]?pancreatectomy|mody|other specified) (?:diabetes|dm)\b|\bdiabetes (?:mellitus )?specified type\b/i,
  ],
];

/** The type a piece of text names, if exactly one. */
function typeNamed(text: string): Category | undefined {
  const named = TYPE_WORDS.filter(([, re]) => re.test(text)).map(([c]) => c);
  return named.length === 1 ? named[0] : undefined;
}

/** The patient's diabetes type from the whole note (family history aside). */
export function documentedDiabetesType(doc: RuleDocument): Category | undefined {
  const found = new Set<Category>();
  for (const [category, re] of TYPE_WORDS) {
    const global = new RegExp(re.source, 'gi');
    for (const m of doc.text.matchAll(global)) {
      if (sectionAt(doc, m.index) !== 'family_history') found.add(category);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Moves every diabetes code to the patient's type, keeping its complication; merges duplicates. */
export function harmonizeDiabetesType(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const documented = documentedDiabetesType(doc);
  if (!documented && GESTATIONAL.test(doc.text)) return dropForGestational(codes);
  const patientType = documented ?? 'E11';
  for (const s of codes) {
    if (!codeIn(s.code, /^E(?:0[89]|1[013])/)) continue;
    const own = typeNamed(s.evidence.map((e) => e.text).join(' '));
    const target = own ?? patientType;
    if (s.code.startsWith(target)) continue;
    const moved = target + s.code.slice(3);
    if (!onto.isBillable(moved)) continue;
    addNote(s, {
      rule: 'diabetes-type',
      message: `The note documents ${target === 'E10' ? 'type 1' : target === 'E11' ? (own || documentedDiabetesType(doc) ? 'type 2' : 'no type, so the default type 2 (Index: Diabetes)') : 'this type of'} diabetes: ${s.code} becomes ${moved}.`,
      codes: [s.code],
    });
    s.code = moved;
    s.title = onto.title(moved) ?? s.title;
  }
  return [];
}

const GESTATIONAL =
  /\bgdm(?:a?[12])?\b|\bgestational diabetes\b|\bdiabetes (?:mellitus )?(?:arising )?in pregnancy\b/i;

/**
 * Gestational diabetes with no type 1 or type 2 documented is coded in O24.4- (Guidelines
 * I.C.15.g): the E08-E13 codes that "GDM" or "diabetes" reached are removed and returned.
 */
function dropForGestational(codes: CodeSuggestion[]): CodeSuggestion[] {
  const removed = codes.filter((c) => codeIn(c.code, /^E(?:0[89]|1[013])/));
  for (const r of removed) {
    codes.splice(codes.indexOf(r), 1);
    addNote(r, {
      rule: 'diabetes-type',
      message:
        'Gestational diabetes is coded in O24.4-, not as type 1 or type 2 diabetes (Guidelines I.C.15.g).',
    });
  }
  return removed;
}
