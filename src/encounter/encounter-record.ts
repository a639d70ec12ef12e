/**
 * Pure steps on the encounter record: start one, add (or replace) a note's codes, set the
 * coder's choices, and the form kept by a persistent store (codes and note titles only).
 */
import type { CareSetting } from '../engine/coding-types.js';
import type { Encounter, EncounterNoteEntry, PoaIndicator } from './encounter-types.js';

/** Most notes one encounter holds (a long stay has a few dozen). */
export const MAX_ENCOUNTER_NOTES = 100;

export function startEncounter(input: {
  id: string;
  name: string;
  setting: CareSetting;
  now: string;
}): Encounter {
  return {
    id: input.id,
    name: input.name.trim().slice(0, 120),
    startedAt: input.now,
    setting: input.setting,
    notes: [],
    confirmedPoa: {},
  };
}

/** Adds a note's codes; the same note added again replaces its earlier codes (the coder changed them). */
export function addNoteToEncounter(encounter: Encounter, entry: EncounterNoteEntry): Encounter {
  const others = encounter.notes.filter((n) => n.note.id !== entry.note.id);
  if (others.length >= MAX_ENCOUNTER_NOTES) {
    throw new Error(`Expected at most ${MAX_ENCOUNTER_NOTES} notes in an encounter, got one more.`);
  }
  const replaced = encounter.notes.findIndex((n) => n.note.id === entry.note.id);
  const notes = [...encounter.notes];
  if (replaced >= 0) notes[replaced] = entry;
  else notes.push(entry);
  return { ...encounter, notes };
}

export function removeNoteFromEncounter(encounter: Encounter, noteId: string): Encounter {
  return { ...encounter, notes: encounter.notes.filter((n) => n.note.id !== noteId) };
}

/** The coder's principal choice (null: back to the suggestion) and confirmed POA indicators. */
export function setEncounterChoices(
  encounter: Encounter,
  choices: { principal?: string | null; confirmedPoa?: Record<string, PoaIndicator> },
): Encounter {
  const next: Encounter = {
    ...encounter,
    confirmedPoa: { ...encounter.confirmedPoa, ...(choices.confirmedPoa ?? {}) },
  };
  if (choices.principal === null) delete next.principal;
  else if (choices.principal !== undefined) next.principal = choices.principal;
  return next;
}

/** A title for a note not yet in the encounter: its kind, numbered when the kind repeats ("Progress note 2"). */
export function titleForNote(encounter: Encounter, noteId: string, kindLabel: string): string {
  const existing = encounter.notes.find((n) => n.note.id === noteId);
  if (existing) return existing.note.title;
  const same = encounter.notes.filter(
    (n) => n.note.title === kindLabel || n.note.title.startsWith(`${kindLabel} `),
  ).length;
  return same === 0 ? kindLabel : `${kindLabel} ${same + 1}`;
}

/**
 * What a persistent store may keep (hospital policy): codes, titles, note kinds, titles and
 * times, the coder's choices and bare POA indicators. No evidence quotes and no POA reasons
 * (they quote the note's words).
 */
export function toPersistentEncounter(encounter: Encounter): Encounter {
  return {
    ...encounter,
    notes: encounter.notes.map(({ note, codes }) => ({
      note: { ...note },
      codes: codes.map((c) => ({
        code: c.code,
        title: c.title,
        billable: c.billable,
        assertion: c.assertion,
        ...(c.group ? { group: c.group } : {}),
        evidence: [],
        ...(c.poa ? { poa: { indicator: c.poa.indicator, basis: c.poa.basis, reason: '' } } : {}),
      })),
    })),
  };
}

/** True when a persistent encounter saved at `savedAt` is older than the retention period. */
export function isPastRetention(savedAt: string, retentionDays: number, now: Date): boolean {
  const saved = Date.parse(savedAt);
  return !Number.isFinite(saved) || now.getTime() - saved > retentionDays * 86_400_000;
}
