/**
 * Obesity by the class the note states (FY2025 E66.811-E66.813): "obesity class III", "class 2
 * obesity". Roman numerals are read as the classification's digits; the dictionary matches the
 * title "Obesity, class 1" on its words alone and cannot tell the classes apart.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { recode, type RuleDocument } from './rule-text.js';

const CLASS =
  /\bobesity,?\s*(?:class|cl\.?)\s*(iii|ii|i|[123])\b|\bclass\s*(iii|ii|i|[123])\s+(?:morbid\s+|severe\s+)?obesity\b/i;
const DIGIT: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  1: '1',
  2: '2',
  3: '3',
};

/** Moves an obesity code to the class its line states. */
export function applyObesityClass(
  onto: Ontology,
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
): void {
  for (const s of codes) {
    if (!/^E66\./.test(s.code) || s.assertion !== 'present') continue;
    for (const e of s.evidence) {
      const m = CLASS.exec(doc.text.slice(Math.max(0, e.start - 10), e.end + 20));
      const digit = m ? DIGIT[(m[1] ?? m[2])!.toLowerCase()] : undefined;
      if (!digit) continue;
      const code = `E66.81${digit}`;
      if (code !== s.code && onto.isBillable(code))
        recode(onto, s, code, `${s.code} refined to ${code}: the note states the class.`);
      break;
    }
  }
}
