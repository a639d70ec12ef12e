/**
 * Body mass index codes (Z68) from the value the note writes, reported only beside a weight
 * diagnosis the provider documents (Official Guidelines I.B.14 and I.C.21.c.3: BMI codes are
 * secondary codes and need an associated reportable diagnosis such as obesity, overweight,
 * underweight or malnutrition). Adults: Z68.1 (19.9 or less) through Z68.45 (70 or more);
 * children: Z68.51-Z68.56 from the percentile for age.
 *
 * The dictionary's own Z68 candidates (matched on the word "BMI") are replaced by this one.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion, EvidenceSpan } from './coding-types.js';
import { codeIn, ruleSuggestion, type RuleDocument } from './rule-text.js';

/** Weight diagnoses a BMI code may accompany (dotless, as codeIn compares). */
const WEIGHT_DIAGNOSIS = /^E66|^E4[0-6]|^R63[4-6]|^O9921|^E8882/;

const ADULT_VALUE = /\bBMI\b[^0-9\n]{0,12}(\d{2}(?:\.\d+)?)/gi;
const PERCENTILE =
  /\bBMI\b[^\n]{0,40}?(?:(\d{1,3}(?:\.\d+)?)(?:st|nd|rd|th)?\s*(?:%ile|percentile)|(\d{3})%\s*of\s*(?:the\s*)?95th)/gi;

/** The adult Z68 code for a BMI value. */
export function adultBmiCode(value: number): string {
  if (value < 20) return 'Z68.1';
  if (value < 40) return `Z68.${Math.floor(value)}`;
  if (value < 45) return 'Z68.41';
  if (value < 50) return 'Z68.42';
  if (value < 60) return 'Z68.43';
  if (value < 70) return 'Z68.44';
  return 'Z68.45';
}

/** The pediatric Z68.5- code for a BMI percentile for age (or a percentage of the 95th). */
export function pediatricBmiCode(percentile: number, percentOf95th?: number): string {
  if (percentOf95th !== undefined)
    return percentOf95th >= 140 ? 'Z68.56' : percentOf95th >= 120 ? 'Z68.55' : 'Z68.54';
  if (percentile < 5) return 'Z68.51';
  if (percentile < 85) return 'Z68.52';
  if (percentile < 95) return 'Z68.53';
  return 'Z68.54';
}

function bmiStatement(doc: RuleDocument): { code: string; span: EvidenceSpan } | undefined {
  for (const m of doc.text.matchAll(PERCENTILE)) {
    const code = pediatricBmiCode(
      Number(m[1] ?? 95),
      m[2] !== undefined ? Number(m[2]) : undefined,
    );
    return { code, span: { start: m.index, end: m.index + m[0].length, text: m[0] } };
  }
  for (const m of doc.text.matchAll(ADULT_VALUE)) {
    const value = Number(m[1]);
    if (value < 10 || value > 100) continue;
    return {
      code: adultBmiCode(value),
      span: { start: m.index, end: m.index + m[0].length, text: m[0] },
    };
  }
  return undefined;
}

/** Replaces the Z68 candidates in `codes` by the BMI code the note supports, if any. */
export function applyBmiCode(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const removed: CodeSuggestion[] = [];
  for (let i = codes.length - 1; i >= 0; i--)
    if (codeIn(codes[i]!.code, /^Z68/)) removed.push(...codes.splice(i, 1));
  // No BMI code in pregnancy (Guidelines I.C.21.c.3): obesity there is O99.21- beside E66.-.
  if (codes.some((c) => c.assertion === 'present' && codeIn(c.code, /^O/))) return removed;
  const weight = codes.filter((c) => c.assertion === 'present' && codeIn(c.code, WEIGHT_DIAGNOSIS));
  const bmi = weight.length ? bmiStatement(doc) : undefined;
  if (!bmi || !onto.isBillable(bmi.code)) return removed;
  const note = {
    rule: 'bmi',
    message: `BMI documented (${bmi.span.text}) beside ${weight.map((w) => w.code).join(', ')}: reported as ${bmi.code} (Guidelines I.B.14).`,
    codes: weight.map((w) => w.code),
  };
  codes.push(ruleSuggestion(onto, bmi.code, [bmi.span], 'present', 0.85, [note]));
  return removed.filter((r) => r.code !== bmi.code);
}
