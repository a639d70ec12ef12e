/**
 * A kidney or ureteral stone with hydronephrosis is one code (Alphabetic Index: "Hydronephrosis,
 * with, obstruction, ureteral, calculus" N13.2; N20 Excludes1 "calculus with hydronephrosis
 * (N13.2)"): "obstructing R ureteral stone with hydronephrosis" is N13.2 alone, not N20.1 +
 * N13.30. With infection it is N13.6, which the infection's own codes then accompany.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, recode } from './rule-text.js';

/** Folds the stone and the hydronephrosis into N13.2; returns the codes folded away. */
export function applyCalculusHydronephrosis(
  onto: Ontology,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const present = (re: RegExp): CodeSuggestion | undefined =>
    codes.find((c) => c.assertion === 'present' && codeIn(c.code, re));
  const stone = present(/^N20[0-29]/);
  const hydro = present(/^N13(?:30|39|1|2)/);
  if (!stone || !hydro || !onto.isBillable('N13.2')) return [];
  const from = stone.code;
  recode(
    onto,
    stone,
    'N13.2',
    `${from} with ${hydro.code}: one code, N13.2 (N20 Excludes1).`,
    'combination',
  );
  stone.evidence.push(...hydro.evidence);
  if (hydro.code === 'N13.2') return [];
  codes.splice(codes.indexOf(hydro), 1);
  addNote(hydro, {
    rule: 'combination',
    message: 'Coded in N13.2 with the stone.',
    codes: ['N13.2'],
  });
  return [hydro];
}
