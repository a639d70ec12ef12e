/**
 * COPD with an acute lower respiratory infection is J44.0 (the Tabular: "Chronic obstructive
 * pulmonary disease with (acute) lower respiratory infection; code also to identify the
 * infection"): added beside the infection's own code (pneumonia J12-J18, influenza J09-J11,
 * acute bronchitis or bronchiolitis J20-J21, J22) when the note reports COPD. An exacerbation
 * keeps J44.1 beside it; COPD without more (J44.9) says less and goes.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, ruleSuggestion } from './rule-text.js';

const COPD = /^J44[19]$/;
const LOWER_RESPIRATORY_INFECTION = /^(?:J09|J1[0-8]|J2[0-2])/;

/** Adds J44.0 in place; returns the J44.9 it replaced, if any. */
export function applyCopdInfection(onto: Ontology, codes: CodeSuggestion[]): CodeSuggestion[] {
  const present = (re: RegExp): CodeSuggestion[] =>
    codes.filter((c) => c.assertion === 'present' && codeIn(c.code, re));
  const copd = present(COPD);
  const infection = present(LOWER_RESPIRATORY_INFECTION)[0];
  if (!copd.length || !infection || codes.some((c) => c.code === 'J44.0')) return [];
  const message = `COPD with a lower respiratory infection (${infection.code}): J44.0, with the infection's code beside it.`;
  // One span says where: a long note repeats the COPD mention thousands of times, and every span
  // is highlighted in the page.
  codes.push(
    ruleSuggestion(onto, 'J44.0', copd[0]!.evidence.slice(0, 1), 'present', 0.8, [
      { rule: 'combination', message, codes: [infection.code] },
    ]),
  );
  const replaced = copd.filter((c) => c.code === 'J44.9');
  for (const c of replaced) {
    codes.splice(codes.indexOf(c), 1);
    addNote(c, {
      rule: 'combination',
      message: 'J44.0 says this COPD more specifically.',
      codes: ['J44.0'],
    });
  }
  return replaced;
}
