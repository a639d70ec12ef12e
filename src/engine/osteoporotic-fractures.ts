/**
 * A fracture in a patient with osteoporosis is coded to M80 (age-related or other osteoporosis
 * with current pathological fracture), not to a traumatic fracture code, even after a minor
 * fall or trauma that would not break a healthy bone (Guidelines I.C.13.d.2). Reading
 * "fracture" as the Index's "Fracture, traumatic" finds the injury code for the same words
 * ("L femoral neck fx"); where the note codes an M80 fracture, those injury codes give way.
 */
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn } from './rule-text.js';

/** Removes from `codes` the traumatic fracture codes an M80 code replaces, and returns them. */
export function dropFracturesOfOsteoporosis(codes: CodeSuggestion[]): CodeSuggestion[] {
  const m80 = codes.find((c) => codeIn(c.code, /^M80/) && c.assertion === 'present');
  if (!m80) return [];
  const removed = codes.filter(
    (c) => codeIn(c.code, /^S/) && /\bfracture\b/i.test(c.title) && c.source !== 'rule',
  );
  for (const r of removed) {
    codes.splice(codes.indexOf(r), 1);
    addNote(r, {
      rule: 'osteoporotic-fracture',
      message: `A fracture in a patient with osteoporosis is coded ${m80.code}, not as a traumatic fracture (Guidelines I.C.13.d.2).`,
      codes: [m80.code],
    });
  }
  return removed;
}
