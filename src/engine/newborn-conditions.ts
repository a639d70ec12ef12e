/**
 * A newborn's conditions in chapter 16 (Official Guidelines I.C.16): where the Index has a
 * "newborn" subterm under the condition's main term ("Jaundice, newborn" P59.9, "Fever, newborn"
 * P81.9, "Dehydration, newborn" P74.1), the record of the birth stay (a Z38 code) or a note about
 * an infant under 29 days old takes that code in place of the one for an older patient ("Baby
 * boy" heads the records of older infants too, so it is not enough).
 */
import type { Ontology } from '../ontology/ontology.js';
import { foldText, toDotless, toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, type RuleDocument } from './rule-text.js';

const NEWBORN_SUBTERM = /^(?:newborn|neonatal|in newborn|of newborn)$/i;
const NEONATE_AGE =
  /\b(?:[0-9]|1[0-9]|2[0-8])[- ](?:day|d)[- ]old\b|\b(?:dol|day of life)\s*#?\d{1,2}\b|\bneonates?\b/i;
/** Codes that stay as they are: already perinatal, congenital, factors and pregnancy. */
const KEPT = /^[PQZO]/;

const byOntology = new WeakMap<Ontology, Map<string, string>>();

/** Folded main-term words → the billable P code of its "newborn" subterm, from the Index. */
function newbornCodes(onto: Ontology): Map<string, string> {
  const cached = byOntology.get(onto);
  if (cached) return cached;
  const idx = onto.pack.index;
  const out = new Map<string, string>();
  let heads: string[] = [];
  for (let r = 0; r < idx.term.length; r++) {
    if (idx.level[r] === 0) {
      heads = idx.term[r]!.split(',')
        .map((t) => foldText(t))
        .filter(Boolean);
      continue;
    }
    const code = idx.code[r]!;
    if (idx.level[r] !== 1 || !/^P/.test(code) || !NEWBORN_SUBTERM.test(idx.term[r]!.trim()))
      continue;
    if (!onto.isBillable(toDotless(code))) continue;
    for (const h of heads) if (!out.has(h)) out.set(h, toDotted(code));
  }
  byOntology.set(onto, out);
  return out;
}

/** Moves a newborn's conditions to their chapter 16 codes in place. */
export function applyNewbornConditions(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  const birthStay = codes.some((c) => c.assertion === 'present' && codeIn(c.code, /^Z38/));
  if (!birthStay && !NEONATE_AGE.test(doc.text)) return;
  const table = newbornCodes(onto);
  for (const s of codes) {
    if (s.assertion !== 'present' || codeIn(s.code, KEPT)) continue;
    const code = s.evidence
      .map((e) => foldText(e.text))
      .map((said) => [...table].find(([head]) => said === head || said.endsWith(` ${head}`))?.[1])
      .find(Boolean);
    if (!code || codes.some((c) => c.code === code)) continue;
    addNote(s, {
      rule: 'newborn',
      message: `A newborn's condition: ${code} in place of ${s.code} (Guidelines I.C.16).`,
    });
    s.code = code;
    s.title = onto.title(code) ?? s.title;
  }
}
