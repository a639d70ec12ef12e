/**
 * Where a note speaks of the patient's past: "Past Surgical History" and "Past Medical History"
 * sections (to the next heading), and clauses that say "s/p", "status post" or "history of".
 * A procedure there was done before this encounter: it is history, not this stay's procedure.
 */

const HISTORY_HEADING =
  /^[ \t]*(?:past surgical history|surgical history|past medical history|medical history|psh|pmh|pmhx|pshx)\b[^\n]*$/gim;
const ANY_HEADING = /^[ \t]*[A-Z][A-Za-z /&()-]{1,40}:/gm;
const HISTORY_CLAUSE =
  /\b(?:s\/p|status post|history of|h\/o|previous|previously|prior|ago|antecedents?)\b/i;

/** Character ranges [start, end) of history sections in `text`. */
export function historySections(text: string): Array<[number, number]> {
  const headings = [...text.matchAll(ANY_HEADING)].map((m) => m.index ?? 0);
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(HISTORY_HEADING)) {
    const start = m.index ?? 0;
    const next = headings.find((h) => h > start + m[0].length - 1 && h !== start);
    out.push([start, next ?? text.length]);
  }
  return out;
}

/** Whether the clause `text.slice(start, end)` speaks of the past, in itself or by its section. */
export function isHistoryClause(
  text: string,
  start: number,
  end: number,
  sections: ReadonlyArray<[number, number]>,
): boolean {
  if (HISTORY_CLAUSE.test(text.slice(start, end))) return true;
  return sections.some(([a, b]) => start >= a && start < b);
}
