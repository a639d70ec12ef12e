/**
 * One note's contribution to the encounter, built where the note is (the content script):
 * its accepted codes with a few short quotes of their evidence, the note's kind and a title
 * from it (never the page title, which may name the patient), and (inpatient) the POA the
 * note's documentation suggests. The note text itself never leaves this function.
 */
import type { Assertion, CodeSuggestion } from '../../src/engine/coding-types.js';
import { titleForNote } from '../../src/encounter/encounter-record.js';
import type {
  Encounter,
  EncounterNoteEntry,
  NoteCode,
} from '../../src/encounter/encounter-types.js';
import { detectNoteKind, NOTE_KIND_LABELS } from '../../src/encounter/note-kind.js';
import { suggestPoaInNote } from '../../src/encounter/suggest-poa.js';
import type { NoteReview } from '../shared/protocol.js';

const MAX_QUOTES = 3;
const MAX_QUOTE_CHARS = 120;

export interface NoteForEncounter {
  text: string;
  /** The note's SHA-256 (hex): the note id is its prefix. */
  noteKey: string;
  review: NoteReview;
  suggestions: readonly CodeSuggestion[];
}

const clip = (text: string): string => {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_QUOTE_CHARS ? `${one.slice(0, MAX_QUOTE_CHARS - 1)}…` : one;
};

function noteCode(
  entry: NoteReview['accepted'][number] & { assertion?: Assertion },
  source: CodeSuggestion | undefined,
  note: NoteForEncounter,
  encounter: Encounter,
  kind: ReturnType<typeof detectNoteKind>,
): NoteCode {
  const evidence = (source?.evidence ?? []).filter((e) => e.end <= note.text.length);
  const first = evidence[0];
  const code: NoteCode = {
    code: entry.code,
    title: entry.title,
    billable: entry.billable,
    assertion: entry.assertion ?? source?.assertion ?? 'present',
    evidence: evidence.slice(0, MAX_QUOTES).map((e) => clip(e.text)),
  };
  if (source) code.group = source.group;
  if (encounter.setting === 'inpatient' && first) {
    code.poa = suggestPoaInNote({
      kind,
      text: note.text,
      start: first.start,
      end: first.end,
      condition: clip(first.text),
    });
  }
  return code;
}

export function buildEncounterEntry(
  note: NoteForEncounter,
  encounter: Encounter,
  now: Date,
): EncounterNoteEntry {
  const kind = detectNoteKind(note.text);
  const id = note.noteKey.slice(0, 16);
  const bySuggestedCode = new Map(note.suggestions.map((s) => [s.code, s] as const));
  return {
    note: {
      id,
      kind,
      title: titleForNote(encounter, id, NOTE_KIND_LABELS[kind]),
      addedAt: now.toISOString(),
    },
    codes: note.review.accepted.map((entry) =>
      noteCode(
        entry,
        bySuggestedCode.get(entry.replaces ?? entry.code) ?? bySuggestedCode.get(entry.code),
        note,
        encounter,
        kind,
      ),
    ),
  };
}
