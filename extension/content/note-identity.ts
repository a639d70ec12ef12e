/**
 * Which note a result belongs to. A note's identity is the SHA-256 of the page location it was
 * read at and its exact extracted text; it is kept in memory only (never logged or stored), and
 * a result is shown, accepted or exported only while the page still holds that note.
 */
import { sha256Hex } from '../../src/ontology/sha256.js';
import type { ExtractedNote } from './extracted-note.js';

let last: { location: string; text: string; id: string } | undefined;

/** The identity of `text` read at `location` (the last one is kept: repeated checks are cheap). */
export function identifyNote(text: string, location: string): string {
  if (last && last.text === text && last.location === location) return last.id;
  const id = sha256Hex(`${location}\u0000${text}`);
  last = { location, text, id };
  return id;
}

/**
 * Whether every character the note was read from is still on the page, unchanged: each text
 * node still attached with the same data, each field still attached with the same value.
 * Cheap (no layout, no new extraction); it cannot see text added next to the note, which the
 * mutation watch reports.
 */
export function isNoteSourceUnchanged(note: ExtractedNote): boolean {
  for (const segment of note.segments) {
    const { source, sourceOffset } = segment;
    if (!source.isConnected) return false;
    const current = 'data' in source ? source.data : source.value;
    const length = segment.end - segment.start;
    if (current.slice(sourceOffset, sourceOffset + length) !== note.text.slice(segment.start, segment.end)) return false;
  }
  return true;
}
