/**
 * The Tabular List's inheritance rules for one code: the notes that apply to it (its own, then
 * each parent's, its block's and its chapter's), the 7th-character definition it takes, and
 * the fiscal year its notes come from.
 */
import { toDotted } from './fold-text.js';
import {
  NOTE_KINDS,
  type NoteKind,
  type PackNote,
  type PackNotes,
  type SevenChrDef,
  type TerminologyPack,
} from './pack-format.js';

/** A note as it applies to a code: declared on the code itself or inherited from above. */
export interface AppliedNote extends PackNote {
  /** Where it is declared: dotted code, block id or "chapter N". */
  from: string;
}

/** Where notes are declared, nearest first: the code, its parents, its block, its chapter. */
export interface NoteSource {
  from: string;
  notes: PackNotes | undefined;
}

export function collectAppliedNotes(
  sources: readonly NoteSource[],
): Partial<Record<NoteKind, AppliedNote[]>> {
  const applied: Partial<Record<NoteKind, AppliedNote[]>> = {};
  for (const { from, notes } of sources) {
    if (!notes) continue;
    for (const kind of NOTE_KINDS) {
      for (const note of notes[kind] ?? []) (applied[kind] ??= []).push({ ...note, from });
    }
  }
  return applied;
}

/**
 * The 7th-character definition that applies to `dotless`: declared on it or its nearest
 * parent (`ancestors`, dotless, nearest first); a 7-character code carries the definition of
 * the code it extends.
 */
export function findSeventhCharacter(
  pack: TerminologyPack,
  dotless: string,
  ancestors: readonly string[],
): (SevenChrDef & { from: string }) | undefined {
  for (const c of [dotless, ...ancestors]) {
    const def = pack.sevenChr[c];
    if (def) return { ...def, from: toDotted(c) };
  }
  if (dotless.length !== 7) return undefined;
  for (let len = 6; len >= 3; len--) {
    const c = dotless.slice(0, len).replace(/X+$/, '');
    const def = pack.sevenChr[c];
    if (def) return { ...def, from: toDotted(c) };
  }
  return undefined;
}

/** Fiscal year of the Tabular the notes of `dotless` (or its nearest parent's) come from. */
export function findNotesFy(
  pack: TerminologyPack,
  dotless: string,
  ancestors: readonly string[],
): number | null {
  for (const c of [dotless, ...ancestors]) {
    const fy = pack.noteFy[c];
    if (fy !== undefined) return fy;
  }
  return null;
}
