/**
 * Cholecystitis with gallstones by its acuity (Alphabetic Index: "Calculus, gallbladder, with
 * cholecystitis, acute" K80.0-, "chronic" K80.1-, "acute and chronic" K80.12/K80.13): the
 * Tabular's inclusion "cholecystitis with cholelithiasis NOS" files under chronic (K80.1-), so an
 * acute cholecystitis with gallstones read through it, or an "acute calculous cholecystitis"
 * read as the acalculous K81.0, is moved to the acuity the note states.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, recode, sentenceAround, type RuleDocument } from './rule-text.js';

/** Moves gallbladder calculus with cholecystitis to the stated acuity; returns codes folded away. */
export function applyCholecystitisAcuity(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const folded: CodeSuggestion[] = [];
  const acuteOnly = codes.find((c) => c.code === 'K81.0' && c.assertion === 'present');
  for (const s of codes) {
    if (!/^K8[01]/.test(s.code)) continue;
    const said = s.evidence.map((e) => sentenceAround(doc, e)).join(' ');
    const acute = /\bacute\b/i.test(said) || acuteOnly !== undefined;
    const chronic = /\bchronic\b/i.test(said);
    let code: string | undefined;
    if (/^K80\.1[01]$/.test(s.code) && acute)
      code = chronic ? `K80.1${s.code.endsWith('1') ? '3' : '2'}` : `K80.0${s.code.slice(-1)}`;
    else if (s.code === 'K81.0' && s.evidence.some((e) => /\bcalculous\b/i.test(e.text)))
      code = chronic ? 'K80.12' : 'K80.00';
    if (!code || code === s.code || !onto.isBillable(code)) continue;
    recode(
      onto,
      s,
      code,
      `${s.code} refined to ${code}: gallstones with the cholecystitis the note states.`,
    );
  }
  const combined = codes.find((c) => /^K80\.[01]/.test(c.code));
  if (combined && acuteOnly && combined !== acuteOnly) {
    addNote(acuteOnly, {
      rule: 'combination',
      message: `Coded in ${combined.code}.`,
      codes: [combined.code],
    });
    codes.splice(codes.indexOf(acuteOnly), 1);
    folded.push(acuteOnly);
  }
  return folded;
}
