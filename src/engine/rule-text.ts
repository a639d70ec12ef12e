/**
 * What the coding rules read besides the suggestions: the note, its sentences and sections,
 * and helpers to build rule-made suggestions.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { SectionCategory } from '../text/section-headers.js';
import type { Assertion, CodeSuggestion, EvidenceSpan, RuleNote } from './coding-types.js';

export interface RuleDocument {
  text: string;
  /** Sentence spans in text order. */
  sentences: readonly { start: number; end: number }[];
  sections: readonly { category: SectionCategory; start: number; end: number }[];
}

/** Index of the sentence holding offset `pos` (-1 when none). */
export function sentenceIndexAt(doc: RuleDocument, pos: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Whether two spans share a character. */
export function spansOverlap(a: EvidenceSpan, b: EvidenceSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The sentence holding an evidence span (the span itself when no sentence holds it). */
export function sentenceAround(doc: RuleDocument, e: EvidenceSpan): string {
  const s = doc.sentences[sentenceIndexAt(doc, e.start)];
  return s ? doc.text.slice(s.start, Math.max(s.end, e.end)) : doc.text.slice(e.start, e.end);
}

/** Sentence indices of every evidence span of a suggestion. */
export function sentencesOf(doc: RuleDocument, s: CodeSuggestion): Set<number> {
  return new Set(s.evidence.map((e) => sentenceIndexAt(doc, e.start)));
}

/** The section category holding offset `pos`, if any. */
export function sectionAt(doc: RuleDocument, pos: number): SectionCategory | undefined {
  let found: SectionCategory | undefined;
  for (const sec of doc.sections)
    if (pos >= sec.start && pos < Math.max(sec.end, sec.start + 1)) found = sec.category;
  return found;
}

export function span(text: string, start: number, end: number): EvidenceSpan {
  return { start, end, text: text.slice(start, end) };
}

export function addNote(s: CodeSuggestion, note: RuleNote): void {
  if (!s.notes.some((n) => n.rule === note.rule && n.message === note.message)) s.notes.push(note);
}

/** The line of the note holding a span (its own words and the list item around them). */
export function lineAround(text: string, e: EvidenceSpan): string {
  const start = text.lastIndexOf('\n', e.start) + 1;
  const end = text.indexOf('\n', e.end);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Moves a suggestion to a more specific code, noting why and which code it was. */
export function recode(
  onto: Ontology,
  s: CodeSuggestion,
  code: string,
  message: string,
  rule: RuleNote['rule'] = 'specificity',
): void {
  addNote(s, { rule, message, codes: [s.code] });
  s.code = code;
  s.title = onto.title(code) ?? s.title;
}

/** A suggestion made by a rule (a combination code, a history code, a partner). */
export function ruleSuggestion(
  onto: Ontology,
  code: string,
  evidence: EvidenceSpan[],
  assertion: Assertion,
  score: number,
  notes: RuleNote[],
): CodeSuggestion {
  return {
    code,
    system: 'ICD-10-CM',
    title: onto.title(code) ?? '',
    billable: onto.isBillable(code),
    score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000,
    assertion,
    group: 'secondary',
    evidence: dedupeSpans(evidence),
    notes,
    source: 'rule',
  };
}

export function dedupeSpans(spans: EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Set<string>();
  const out: EvidenceSpan[] = [];
  for (const e of [...spans].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const k = `${e.start}:${e.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ ...e });
  }
  return out;
}

/** Dotted code starts with one of the prefixes (dots ignored). */
export function codeIn(code: string, prefixes: readonly string[] | RegExp): boolean {
  const d = code.replace('.', '');
  return prefixes instanceof RegExp
    ? prefixes.test(d)
    : prefixes.some((p) => d.startsWith(p.replace('.', '')));
}
