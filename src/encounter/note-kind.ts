/**
 * The kind of a note, read from its first lines (headings such as "History and Physical",
 * "Consultation", "Discharge Summary"). Only the heading words are matched.
 */
import type { NoteKind } from './encounter-types.js';

export const NOTE_KIND_LABELS: Readonly<Record<NoteKind, string>> = {
  'history-and-physical': 'History and physical',
  emergency: 'Emergency department note',
  progress: 'Progress note',
  consult: 'Consult',
  operative: 'Operative note',
  'discharge-summary': 'Discharge summary',
  other: 'Note',
};

const KIND_PATTERNS: readonly [NoteKind, RegExp][] = [
  ['discharge-summary', /\bdischarge summary\b/i],
  [
    'history-and-physical',
    /\b(?:history and physical|history & physical|h\s*&\s*p|h and p|admission (?:note|h&p)|admitting note)\b/i,
  ],
  ['consult', /\bconsult(?:ation)?(?: note| report)?\b/i],
  [
    'operative',
    /\b(?:operative (?:note|report)|op note|procedure note|brief op(?:erative)? note)\b/i,
  ],
  ['emergency', /\b(?:emergency department|ed) (?:note|provider note|visit)\b/i],
  ['progress', /\b(?:progress note|daily note|soap note|hospital day \d+ note)\b/i],
];

/** How far into the note a heading is looked for. */
const HEADING_CHARS = 400;

/**
 * @example
 * detectNoteKind('CONSULTATION NOTE\nNephrology ...') // → 'consult'
 */
export function detectNoteKind(text: string): NoteKind {
  const head = text.slice(0, HEADING_CHARS);
  let best: { kind: NoteKind; at: number } | undefined;
  for (const [kind, pattern] of KIND_PATTERNS) {
    const at = head.search(pattern);
    if (at >= 0 && (!best || at < best.at)) best = { kind, at };
  }
  return best?.kind ?? 'other';
}
