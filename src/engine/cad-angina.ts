/**
 * Coronary atherosclerosis with angina (Official Guidelines I.C.9.b): the classification
 * presumes the angina is due to the atherosclerosis and gives one combination code, I25.11-
 * for native vessels, by the angina's type; no separate I20.- code. "CAD w/ stable exertional
 * angina" is I25.118, not I25.10 + I20.89.
 */
import type { Ontology } from '../ontology/ontology.js';
import { negatedInClauseBefore } from '../context/clause-negation.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion, span, type RuleDocument } from './rule-text.js';

const ANGINA = /\bangina(?: pectoris)?\b/gi;
/** "CAD without angina": the one cue the clause check leaves out, right before the word. */
const WITHOUT_BEFORE = /\b(?:without|w\/o)\s+$/i;

/** The I25.11- code for the angina's type, read from the words around it. */
function anginaType(around: string): string {
  if (/\bunstable\b|\bcrescendo\b|\bpreinfarction\b/i.test(around)) return 'I25.110';
  if (/\bspasm\b|\bvasospastic\b|\bprinzmetal\b|\bvariant\b/i.test(around)) return 'I25.111';
  if (/\brefractory\b/i.test(around)) return 'I25.112';
  if (/\bstable\b|\bexertional\b|\beffort\b|\bchronic\b|\bccs\b/i.test(around)) return 'I25.118';
  return 'I25.119';
}

export function applyCadWithAngina(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
  allowed: (pos: number) => boolean,
): void {
  const cad = codes.filter((c) => codeIn(c.code, /^I251/) && c.assertion === 'present');
  if (!cad.length || cad.some((c) => /^I25\.11[0-28]$/.test(c.code))) return;
  const angina = [...doc.text.matchAll(ANGINA)].find(
    (m) =>
      allowed(m.index) &&
      !negatedInClauseBefore(doc.text, m.index) &&
      !WITHOUT_BEFORE.test(doc.text.slice(Math.max(0, m.index - 12), m.index)),
  );
  if (!angina) return;
  const around = doc.text.slice(Math.max(0, angina.index - 40), angina.index + 20);
  const code = anginaType(around);
  const evidence = [
    ...cad.flatMap((c) => c.evidence),
    span(doc.text, angina.index, angina.index + angina[0].length),
  ];
  const combo = ruleSuggestion(onto, code, evidence, 'present', 0.85, [
    {
      rule: 'combination',
      message: `Coronary atherosclerosis with angina: one combination code (${code}); the link is presumed (Guidelines I.C.9.b).`,
      codes: cad.map((c) => c.code),
    },
  ]);
  for (const c of codes.filter((x) => codeIn(x.code, /^I251|^I20/))) {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, {
      rule: 'combination',
      message: `${code} codes the atherosclerosis with its angina.`,
      codes: [code],
    });
    removed.push(c);
  }
  codes.push(combo);
}
