/**
 * Scores reported codes (reportable scope) against notes coded by hand: micro precision, recall
 * and F1 against `gold` (codes in `optional` count neither way), forbidden codes reported, and
 * notes coded exactly, overall and per note kind. The same figures as
 * `../shared/tools/score-notes.py`, computed in process.
 */
import { normalizeCode } from './normalize-code.js';

/** One hand-coded note (the us-notes-dev format). */
export interface CodedNote {
  id: string;
  setting?: 'inpatient' | 'outpatient';
  kind?: string;
  text: string;
  gold: readonly string[];
  optional?: readonly string[];
  forbid?: readonly string[];
}

export interface NoteOutcome {
  id: string;
  kind: string;
  missing: string[];
  extra: string[];
  forbidden: string[];
  exact: boolean;
}

export interface NotesScore {
  notes: number;
  precision: number;
  recall: number;
  f1: number;
  exact: number;
  forbiddenCodes: number;
  notesWithForbidden: number;
}

export interface NotesReport {
  overall: NotesScore;
  byKind: Record<string, NotesScore>;
  outcomes: NoteOutcome[];
}

/** Compares one note's reported codes with its gold. */
export function compareNote(note: CodedNote, reported: readonly string[]): NoteOutcome {
  const gold = new Set(note.gold.map(normalizeCode));
  const optional = new Set((note.optional ?? []).map(normalizeCode));
  const forbid = new Set((note.forbid ?? []).map(normalizeCode));
  const got = new Set(reported.map(normalizeCode));
  const counted = [...got].filter((c) => !optional.has(c));
  return {
    id: note.id,
    kind: note.kind ?? 'note',
    missing: [...gold].filter((c) => !got.has(c)),
    extra: counted.filter((c) => !gold.has(c)),
    forbidden: [...got].filter((c) => forbid.has(c)),
    exact: counted.every((c) => gold.has(c)) && [...gold].every((c) => got.has(c)),
  };
}

function summarize(outcomes: readonly NoteOutcome[], goldSizes: readonly number[]): NotesScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  outcomes.forEach((o, i) => {
    fn += o.missing.length;
    fp += o.extra.length;
    tp += goldSizes[i]! - o.missing.length;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return {
    notes: outcomes.length,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    exact: outcomes.filter((o) => o.exact).length,
    forbiddenCodes: outcomes.reduce((n, o) => n + o.forbidden.length, 0),
    notesWithForbidden: outcomes.filter((o) => o.forbidden.length > 0).length,
  };
}

/** Scores every note; `reported[i]` are the codes reported for `notes[i]`. */
export function scoreNotes(
  notes: readonly CodedNote[],
  reported: readonly (readonly string[])[],
): NotesReport {
  if (notes.length !== reported.length) {
    throw new Error(
      `Expected one list of reported codes per note (${notes.length}), got ${reported.length}.`,
    );
  }
  const outcomes = notes.map((n, i) => compareNote(n, reported[i]!));
  const sizes = notes.map((n) => new Set(n.gold.map(normalizeCode)).size);
  const byKind: Record<string, NotesScore> = {};
  for (const kind of [...new Set(outcomes.map((o) => o.kind))].sort()) {
    const idx = outcomes.flatMap((o, i) => (o.kind === kind ? [i] : []));
    byKind[kind] = summarize(
      idx.map((i) => outcomes[i]!),
      idx.map((i) => sizes[i]!),
    );
  }
  return { overall: summarize(outcomes, sizes), byKind, outcomes };
}

function line(label: string, s: NotesScore): string {
  const f = (x: number): string => x.toFixed(3);
  return (
    `${label}: ${s.notes} notes, micro P ${f(s.precision)} R ${f(s.recall)} F1 ${f(s.f1)}; ` +
    `${s.exact} exact; ${s.forbiddenCodes} forbidden codes reported in ${s.notesWithForbidden} notes`
  );
}

/** The report as text; `verbose` adds each note's missing, extra and forbidden codes. */
export function formatNotesReport(report: NotesReport, label: string, verbose = false): string {
  const lines: string[] = [];
  if (verbose) {
    for (const o of report.outcomes) {
      if (o.exact && !o.forbidden.length) continue;
      lines.push(
        `  ${o.id}: missing [${o.missing.join(' ')}] extra [${o.extra.join(' ')}] forbidden [${o.forbidden.join(' ')}]`,
      );
    }
  }
  for (const [kind, s] of Object.entries(report.byKind)) lines.push(line(`  ${kind}`, s));
  lines.push(line(label, report.overall));
  return lines.join('\n');
}
