/**
 * De-duplicates the accepted codes of every note of an encounter: one entry per code, with the
 * notes that support it, their quoted evidence, how each note grouped it and what each note
 * suggests for POA.
 */
import type { Assertion, CodeGroup } from '../engine/coding-types.js';
import type { EncounterNoteEntry, PoaSuggestion, SupportingNote } from './encounter-types.js';

export interface MergedCode {
  code: string;
  title: string;
  billable: boolean;
  assertion: Assertion;
  supportedBy: SupportingNote[];
  evidence: { noteId: string; text: string }[];
  /** How each supporting note grouped it. */
  groups: CodeGroup[];
  /** POA suggested by each supporting note. */
  poaByNote: { noteId: string; suggestion: PoaSuggestion }[];
}

/** A present assertion wins over any other when notes disagree (the condition is documented). */
function strongerAssertion(a: Assertion, b: Assertion): Assertion {
  return a === 'present' || b === 'present' ? 'present' : a;
}

export function mergeNoteCodes(entries: readonly EncounterNoteEntry[]): MergedCode[] {
  const byCode = new Map<string, MergedCode>();
  for (const { note, codes } of entries) {
    const support: SupportingNote = { noteId: note.id, kind: note.kind, title: note.title };
    for (const c of codes) {
      let merged = byCode.get(c.code);
      if (!merged) {
        merged = {
          code: c.code,
          title: c.title,
          billable: c.billable,
          assertion: c.assertion,
          supportedBy: [],
          evidence: [],
          groups: [],
          poaByNote: [],
        };
        byCode.set(c.code, merged);
      }
      merged.assertion = strongerAssertion(merged.assertion, c.assertion);
      if (!merged.supportedBy.some((s) => s.noteId === note.id)) merged.supportedBy.push(support);
      for (const text of c.evidence) merged.evidence.push({ noteId: note.id, text });
      if (c.group) merged.groups.push(c.group);
      if (c.poa) merged.poaByNote.push({ noteId: note.id, suggestion: c.poa });
    }
  }
  return [...byCode.values()];
}

/** Folds `from` into `into`: its notes, evidence, groups and POA suggestions now support `into`. */
export function absorbSupport(into: MergedCode, from: MergedCode): void {
  for (const s of from.supportedBy)
    if (!into.supportedBy.some((x) => x.noteId === s.noteId)) into.supportedBy.push(s);
  into.evidence.push(...from.evidence);
  into.groups.push(...from.groups);
  into.poaByNote.push(...from.poaByNote);
}

/** "Consult, Discharge summary" */
export function noteTitles(notes: readonly SupportingNote[]): string {
  return notes.map((n) => n.title).join(', ');
}
