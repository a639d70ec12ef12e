/**
 * Which note a result belongs to. A note's identity is a SHA-256 over the page location it was
 * read at and its exact extracted text (through the text's own SHA-256, computed once per note);
 * it is kept in memory only (never logged or stored), and a result is shown, accepted or
 * exported only while the page still holds that note.
 */
import { sha256Hex } from '../../src/ontology/sha256.js';
import type { ExtractedNote } from './extracted-note.js';

/**
 * The identity of a note whose text hashes to `textHash` (the SHA-256 the review is kept
 * under), read at `location`. Two reads are the same note exactly when their text and location
 * are equal, so a check against the page compares those directly instead of hashing again.
 */
export function identifyNote(textHash: string, location: string): string {
  return sha256Hex(`${location}\u0000${textHash}`);
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
    if (
      current.slice(sourceOffset, sourceOffset + length) !==
      note.text.slice(segment.start, segment.end)
    )
      return false;
  }
  return true;
}
