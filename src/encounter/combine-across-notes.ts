/**
 * Combination codes across notes: the engine's own combination rules (combination-codes.ts:
 * diabetes with CKD, hypertension with heart failure and/or CKD, one CKD stage) run over the
 * encounter's codes instead of one note's text, so that type 2 diabetes in the H&P and CKD
 * stage 3b in a consult become E11.22 + N18.32, and hypertension with heart failure and CKD
 * from different notes becomes I13.0.
 *
 * The rules run over codes only (an empty rule document): each code's evidence is one
 * placeholder span per supporting note (its text the code's title, which the type checks read),
 * so the rules' own evidence merging tells which notes
 * support a combination they build.
 */
import { applyCombinationCodes } from '../engine/combination-codes.js';
import type { CodeSuggestion, EvidenceSpan } from '../engine/coding-types.js';
import type { RuleDocument } from '../engine/rule-text.js';
import type { Ontology } from '../ontology/ontology.js';
import type { SupportingNote } from './encounter-types.js';
import { absorbSupport, type MergedCode } from './merge-note-codes.js';

export interface CombinationOutcome {
  codes: MergedCode[];
  dropped: { code: MergedCode; reason: string }[];
  /** Rule notes the combination rules attached, by code. */
  notes: Map<string, CodeSuggestion['notes']>;
}

const CODES_ONLY: RuleDocument = { text: '', sentences: [], sections: [] };

/** One placeholder span per supporting note: [2i, 2i+1) for the note at index i. */
function noteSpans(code: MergedCode, noteIndex: Map<string, number>): EvidenceSpan[] {
  return code.supportedBy.map((s) => {
    const i = noteIndex.get(s.noteId)!;
    return { start: 2 * i, end: 2 * i + 1, text: code.title };
  });
}

function toSuggestion(code: MergedCode, noteIndex: Map<string, number>): CodeSuggestion {
  return {
    code: code.code,
    system: 'ICD-10-CM',
    title: code.title,
    billable: code.billable,
    score: 1,
    assertion: code.assertion,
    group: 'secondary',
    evidence: noteSpans(code, noteIndex),
    notes: [],
    source: 'encounter',
  };
}

function supportFromSpans(
  spans: readonly EvidenceSpan[],
  notes: readonly SupportingNote[],
): SupportingNote[] {
  const out: SupportingNote[] = [];
  for (const span of spans) {
    const note = notes[span.start / 2];
    if (note && !out.some((n) => n.noteId === note.noteId)) out.push(note);
  }
  return out;
}

export function combineAcrossNotes(
  onto: Ontology,
  codes: readonly MergedCode[],
  notes: readonly SupportingNote[],
): CombinationOutcome {
  const noteIndex = new Map(notes.map((n, i) => [n.noteId, i] as const));
  const byCode = new Map(codes.map((c) => [c.code, c] as const));
  const suggestions = codes
    .filter((c) => c.assertion === 'present')
    .map((c) => toSuggestion(c, noteIndex));
  const removed: CodeSuggestion[] = [];
  applyCombinationCodes(onto, CODES_ONLY, suggestions, removed, () => true);

  const out: MergedCode[] = codes.filter((c) => c.assertion !== 'present');
  for (const s of suggestions) {
    const existing = byCode.get(s.code);
    const support = supportFromSpans(s.evidence, notes);
    const merged: MergedCode = existing ?? {
      code: s.code,
      title: s.title,
      billable: s.billable,
      assertion: 'present',
      supportedBy: [],
      evidence: [],
      groups: [],
      poaByNote: [],
    };
    // A combination carries what its components' notes documented (evidence, groups, POA).
    for (const r of removed) {
      const component = byCode.get(r.code);
      const partners = r.notes.flatMap((n) => n.codes ?? []);
      if (component && component !== merged && partners.includes(s.code))
        absorbSupport(merged, component);
    }
    for (const n of support)
      if (!merged.supportedBy.some((x) => x.noteId === n.noteId)) merged.supportedBy.push(n);
    merged.supportedBy.sort((a, b) => noteIndex.get(a.noteId)! - noteIndex.get(b.noteId)!);
    out.push(merged);
  }
  const dropped = removed
    .filter((r) => !suggestions.some((s) => s.code === r.code))
    .map((r) => ({
      code: byCode.get(r.code)!,
      reason: r.notes.at(-1)?.message ?? 'Replaced by a combination code.',
    }))
    .filter((d) => d.code !== undefined);
  return {
    codes: out,
    dropped,
    notes: new Map(suggestions.map((s) => [s.code, s.notes] as const)),
  };
}
