/**
 * The coder's encounter: codes gathered from several notes of one inpatient or outpatient
 * account (H&P, consults, progress notes, discharge summary), each with the notes that support
 * it. Only codes, titles, note kinds and titles and short quoted evidence are held here, never a
 * whole note; the extension keeps an encounter in session storage only.
 */
import type { Assertion, CareSetting, CodeGroup, RuleNote } from '../engine/coding-types.js';

/** The kind of a note, as the coder's document tree shows it. */
export type NoteKind =
  | 'history-and-physical'
  | 'emergency'
  | 'progress'
  | 'consult'
  | 'operative'
  | 'discharge-summary'
  | 'other';

/** CMS present-on-admission indicator, or exempt (the CMS POA-exempt list). */
export type PoaIndicator = 'Y' | 'N' | 'U' | 'W' | 'exempt';

/** What the documentation suggests for POA, and why (the coder confirms). */
export interface PoaSuggestion {
  indicator: PoaIndicator;
  /** How it was found: a statement in the note, the note's kind, its section, the exempt list, or nothing. */
  basis: 'stated' | 'note-kind' | 'section' | 'chronic' | 'exempt-list' | 'none' | 'notes-disagree';
  /** Short words for the coder, e.g. 'documented in the H&P'. Cue words only, never a note sentence. */
  reason: string;
}

export interface EncounterNote {
  /** Unique within the encounter (a hash prefix, never note text). */
  id: string;
  kind: NoteKind;
  /** What the coder sees in the document tree, e.g. "Consult" or a name the coder typed. */
  title: string;
  /** ISO date-time the note's codes were added. */
  addedAt: string;
}

/** One accepted code of one note. */
export interface NoteCode {
  /** Dotted ICD-10-CM code. */
  code: string;
  title: string;
  billable: boolean;
  assertion: Assertion;
  /** How the engine grouped it in that note (principal candidates count for sequencing). */
  group?: CodeGroup;
  /** Short quotes of the words that support it (at most a few, each clipped). */
  evidence: string[];
  /** POA suggested from this note's documentation (inpatient). */
  poa?: PoaSuggestion;
}

export interface EncounterNoteEntry {
  note: EncounterNote;
  codes: NoteCode[];
}

export interface Encounter {
  id: string;
  /** The name the coder typed, or "" for none. */
  name: string;
  startedAt: string;
  setting: CareSetting;
  notes: EncounterNoteEntry[];
  /** The coder's choice of principal diagnosis, when it overrides the suggestion. */
  principal?: string;
  /** POA indicators the coder confirmed, by code. */
  confirmedPoa: Record<string, PoaIndicator>;
}

/** Where a merged code comes from. */
export interface SupportingNote {
  noteId: string;
  kind: NoteKind;
  title: string;
}

/** One code of the encounter after merging, conflicts, combinations and sequencing. */
export interface EncounterCode {
  code: string;
  title: string;
  billable: boolean;
  assertion: Assertion;
  /** 1 = principal (inpatient) or first-listed (outpatient). */
  sequence: number;
  isPrincipal: boolean;
  supportedBy: SupportingNote[];
  evidence: { noteId: string; text: string }[];
  /** Conflicts, combinations, partner checks and sequencing notes. */
  notes: RuleNote[];
  /** Inpatient only. */
  poa?: { suggested: PoaSuggestion; confirmed?: PoaIndicator };
}

/** A code of a note that the encounter does not report, and why. */
export interface DroppedCode {
  code: string;
  title: string;
  reason: string;
  supportedBy: SupportingNote[];
}

export interface EncounterSummary {
  codes: EncounterCode[];
  dropped: DroppedCode[];
  /** Conflicts the coder should look at (specific over unspecified, Excludes1, notes disagreeing on POA). */
  warnings: string[];
  /** Why the principal diagnosis was chosen. */
  principalReason: string;
}
