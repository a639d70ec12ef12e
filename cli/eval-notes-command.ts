/**
 * `marginalia eval-notes FILE [--verbose] [--json] [--kind K]`: codes hand-coded notes (the
 * us-notes-dev JSON format) in reportable scope, each in its own care setting, and scores the
 * reported codes against their gold (src/eval/score-notes.ts).
 */
import { readFileSync } from 'node:fs';
import type { CodingResult, CodingOptions } from '../src/engine/coding-types.js';
import { formatNotesReport, scoreNotes, type CodedNote } from '../src/eval/score-notes.js';

export type CodeNote = (
  text: string,
  options: CodingOptions,
) => CodingResult | Promise<CodingResult>;

export class EvalNotesUsageError extends Error {}

/** Reads and checks the notes file: a JSON array of {id, text, gold, ...}. */
export function readCodedNotes(file: string): CodedNote[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new EvalNotesUsageError(
      `eval-notes expects a JSON file of notes; reading ${file} failed: ${(err as Error).message}`,
    );
  }
  if (!Array.isArray(data))
    throw new EvalNotesUsageError(
      `eval-notes expects a JSON array of notes in ${file}, got ${typeof data}.`,
    );
  data.forEach((n: unknown, i) => {
    const ok =
      typeof n === 'object' &&
      n !== null &&
      typeof (n as CodedNote).text === 'string' &&
      Array.isArray((n as CodedNote).gold);
    if (!ok)
      throw new EvalNotesUsageError(
        `eval-notes expects each note to have "text" (string) and "gold" (array); entry ${i} does not.`,
      );
  });
  return data as CodedNote[];
}

export async function runEvalNotes(
  codeNote: CodeNote,
  file: string,
  flags: ReadonlyMap<string, string | true>,
  label: string,
): Promise<string> {
  const kind = flags.get('--kind');
  const notes = readCodedNotes(file).filter((n) => typeof kind !== 'string' || n.kind === kind);
  const reported: string[][] = [];
  const t0 = performance.now();
  for (const note of notes) {
    const r = await codeNote(note.text, {
      scope: 'reportable',
      setting: note.setting ?? 'outpatient',
    });
    reported.push(r.codes.filter((c) => c.system === 'ICD-10-CM').map((c) => c.code));
  }
  const ms = (performance.now() - t0) / Math.max(1, notes.length);
  const report = scoreNotes(notes, reported);
  if (flags.has('--json')) return JSON.stringify({ ...report, msPerNote: ms }, null, 2);
  return `${formatNotesReport(report, `${file.split('/').at(-1)} (${label})`, flags.has('--verbose'))}\n${ms.toFixed(1)} ms per note`;
}
