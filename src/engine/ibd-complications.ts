/**
 * Crohn's disease and ulcerative colitis "with rectal bleeding" (K50.-11, K51.-11): where the
 * note writes the bleeding in the disease's sentence but the words did not meet as one term
 * ("Crohn's of small and large intestine (ileocolonic), moderately active, with rectal
 * bleeding"), the disease code takes the complication and the bleeding is its.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, recode, sentenceAround, sentencesOf, type RuleDocument } from './rule-text.js';

const BLEEDING = /^K62\.5$|^K92\.[12]$|^R58$/;

/** Where Crohn's disease is, by the words of its sentence: the fourth character of K50.-. */
const CROHN_SITES: readonly [RegExp, string][] = [
  [/\b(?:small and large (?:intestine|bowel)|ileocolonic|ileocolitis)\b/i, '8'],
  [/\b(?:small (?:intestine|bowel)|ileal|ileitis|(?:terminal )?ileum)\b/i, '0'],
  [/\b(?:large (?:intestine|bowel)|colonic|colon|colitis)\b/i, '1'],
];

/** Crohn's disease of an unspecified site (K50.9-) whose sentence names the bowel it affects. */
function applyCrohnSite(onto: Ontology, doc: RuleDocument, codes: CodeSuggestion[]): void {
  for (const s of codes.filter((c) => /^K50\.9/.test(c.code))) {
    const sentence = s.evidence.map((e) => sentenceAround(doc, e)).join(' ');
    const site = CROHN_SITES.find(([re]) => re.test(sentence))?.[1];
    const code = site && `K50.${site}${s.code.slice(5)}`;
    if (code && onto.isBillable(code)) recode(onto, s, code, `The bowel the note names: ${code}.`);
  }
}

export function applyIbdWithBleeding(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  for (const ibd of codes.filter(
    (c) => /^K5[01]\.\d0$/.test(c.code) && c.assertion === 'present',
  )) {
    const sentences = sentencesOf(doc, ibd);
    const bleed = codes.find(
      (c) =>
        BLEEDING.test(c.code) &&
        c.assertion === 'present' &&
        [...sentencesOf(doc, c)].some((k) => sentences.has(k)),
    );
    const code = `${ibd.code.slice(0, 5)}11`;
    if (!bleed || !onto.isBillable(code)) continue;
    recode(onto, ibd, code, `The rectal bleeding written with it: ${code}.`);
    addNote(bleed, { rule: 'combination', message: `${code} codes the bleeding.`, codes: [code] });
    codes.splice(codes.indexOf(bleed), 1);
    removed.push(bleed);
  }
  applyCrohnSite(onto, doc, codes);
}
