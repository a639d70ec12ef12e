/**
 * A substance use disorder and an intoxication by the same substance are one combination code
 * (Alphabetic Index: "Alcohol, intoxication, with dependence" F10.229; Guidelines I.C.5.b.1: of
 * use, abuse and dependence documented together, only the most severe is coded):
 * "Acute alcohol intoxication in a patient with severe alcohol use disorder" is F10.229, not
 * F10.20 beside F10.129. "Uncomplicated" written beside the intoxication gives the 6th
 * character 0 (F10.220).
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeSuggestion } from './coding-types.js';
import { addNote, codeIn, sectionAt, span, type RuleDocument } from './rule-text.js';

/** Substance categories (F10-F16) and the words that name the substance. */
const SUBSTANCES: readonly [string, RegExp][] = [
  ['F10', /\b(?:alcohol(?:ic)?|etoh|ethanol)\b/i],
  ['F11', /\b(?:opioids?|opiates?|heroin|fentanyl|oxycodone)\b/i],
  ['F12', /\b(?:cannabis|marijuana|thc)\b/i],
  ['F13', /\b(?:benzodiazepines?|sedatives?|hypnotics?)\b/i],
  ['F14', /\bcocaine\b/i],
  ['F15', /\b(?:methamphetamines?|amphetamines?|meth|stimulants?)\b/i],
  ['F16', /\b(?:hallucinogens?|lsd|psilocybin|pcp|phencyclidine)\b/i],
];

const INTOXICATION = /\bintoxicat(?:ion|ed)\b/gi;
/** Cues before the word in its clause that deny it or place it in the past. */
const NOT_NOW =
  /\b(?:no|not|denies|without|history of|h\/o|hx of|prior|previous|r\/o|rule out)\b[^.;,\n]*$/i;
const HISTORY_SECTIONS = new Set(['past_medical_history', 'family_history', 'social_history']);

/** The present intoxication statements of one substance: the spans of "intoxication". */
function intoxicationSpans(doc: RuleDocument, substance: RegExp): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of doc.text.matchAll(INTOXICATION)) {
    const start = m.index;
    const end = start + m[0].length;
    if (HISTORY_SECTIONS.has(sectionAt(doc, start) ?? '')) continue;
    const lineStart = doc.text.lastIndexOf('\n', start) + 1;
    const before = doc.text.slice(Math.max(lineStart, start - 60), start);
    if (NOT_NOW.test(before)) continue;
    const clause = doc.text.slice(Math.max(lineStart, start - 40), end + 25);
    if (substance.test(clause)) out.push({ start, end });
  }
  return out;
}

/** F1x.x2x: a use, abuse or dependence with intoxication (dotless, as codeIn reads it). */
const WITH_INTOXICATION = /^F1\d\d2/;

/** The most severe use disorder code of a category the note reports (2 > 1 > 9), not an intoxication. */
function disorderOf(
  codes: readonly CodeSuggestion[],
  category: string,
): CodeSuggestion | undefined {
  const present = codes.filter(
    (c) =>
      c.assertion === 'present' &&
      c.code.startsWith(`${category}.`) &&
      !codeIn(c.code, WITH_INTOXICATION),
  );
  for (const level of ['2', '1', '9']) for (const c of present) if (c.code[4] === level) return c;
  return undefined;
}

const SEVERITY = ['9', '1', '2'];

/**
 * The combination code: the most severe level of the disorder and of any intoxication code the
 * note already has, and that code's complication ("with perceptual disturbance" F1x.x22), else
 * uncomplicated (0) where the note says so and unspecified (9) otherwise.
 */
function combinedCode(
  doc: RuleDocument,
  codes: readonly CodeSuggestion[],
  category: string,
  disorder: CodeSuggestion,
  spans: readonly { start: number; end: number }[],
): string {
  const stated = codes.filter(
    (c) => c.code.startsWith(`${category}.`) && codeIn(c.code, WITH_INTOXICATION),
  );
  const levels = [disorder, ...stated].map((c) => c.code[4]!);
  const level = SEVERITY[Math.max(...levels.map((l) => SEVERITY.indexOf(l)))]!;
  const complication = stated.map((c) => c.code[6]).find((ch) => ch !== undefined && ch !== '9');
  const uncomplicated = spans.some((s) =>
    /\buncomplicated\b/i.test(doc.text.slice(s.start - 30, s.end + 30)),
  );
  return `${category}.${level}2${complication ?? (uncomplicated ? '0' : '9')}`;
}

/**
 * Combines each reported use disorder with the intoxication the note states for its substance.
 * Returns the codes it replaced (the intoxication codes folded in).
 */
export function applySubstanceIntoxication(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): CodeSuggestion[] {
  const removed: CodeSuggestion[] = [];
  for (const [category, substance] of SUBSTANCES) {
    const disorder = disorderOf(codes, category);
    if (!disorder) continue;
    const spans = intoxicationSpans(doc, substance);
    if (!spans.length) continue;
    const code = combinedCode(doc, codes, category, disorder, spans);
    if (code === disorder.code || !onto.isBillable(code)) continue;
    const from = disorder.code;
    const folded = codes.filter(
      (c) =>
        c !== disorder &&
        c.code.startsWith(`${category}.`) &&
        (codeIn(c.code, WITH_INTOXICATION) || c.code[4] !== from[4]),
    );
    for (const other of folded) codes.splice(codes.indexOf(other), 1);
    removed.push(...folded);
    disorder.code = code;
    disorder.title = onto.title(code) ?? disorder.title;
    disorder.evidence.push(...spans.map((s) => span(doc.text, s.start, s.end)));
    addNote(disorder, {
      rule: 'combination',
      message: `${from} with the intoxication the note states: one combination code (Guidelines I.C.5.b.1).`,
      codes: [from, ...folded.map((r) => r.code)],
    });
  }
  return removed;
}
