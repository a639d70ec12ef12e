/**
 * A fall that caused the injuries the note codes is their external cause, not the symptom
 * "repeated falls" (R29.6, reached through the Index's "Fall, falling (repeated)"): beside an
 * injury code R29.6 stays only where the note speaks of falls as a pattern ("frequent falls",
 * "recurrent falls", "multiple falls").
 */
import type { CodeSuggestion } from './coding-types.js';
import { addNote, lineAround, type RuleDocument } from './rule-text.js';

const PATTERN = /\b(?:repeated|recurrent|frequent|multiple|several|many|\d+)\s+falls\b|\bfalls\b/i;

export function dropFallBesideInjury(
  doc: RuleDocument,
  codes: CodeSuggestion[],
  removed: CodeSuggestion[],
): void {
  const injury = codes.find((c) => /^[ST]/.test(c.code) && c.assertion === 'present');
  if (!injury) return;
  for (const s of codes.filter((c) => c.code === 'R29.6')) {
    if (s.evidence.some((e) => PATTERN.test(e.text) || PATTERN.test(lineAround(doc.text, e))))
      continue;
    addNote(s, {
      rule: 'integral-symptom',
      message: `The fall caused ${injury.code}: it is the injury's cause, not repeated falls.`,
      codes: [injury.code],
    });
    codes.splice(codes.indexOf(s), 1);
    removed.push(s);
  }
}
