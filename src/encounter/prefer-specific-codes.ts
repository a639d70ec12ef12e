/**
 * A specific code from one note beats an unspecified one of the same category from another
 * (heart failure, unspecified in the H&P; acute on chronic diastolic heart failure in the
 * discharge summary → I50.33 only): the coder reports the most specific documented form, and is
 * warned, since the notes say different things.
 */
import { absorbSupport, noteTitles, type MergedCode } from './merge-note-codes.js';

const UNSPECIFIED = /\bunspecified\b/i;

export interface SpecificityOutcome {
  kept: MergedCode[];
  dropped: { code: MergedCode; reason: string }[];
  warnings: string[];
}

const category = (code: string): string => code.slice(0, 3);

/** True when `title` is the unspecified form (not "other specified"). */
function isUnspecified(title: string): boolean {
  return UNSPECIFIED.test(title);
}

export function preferSpecificCodes(codes: readonly MergedCode[]): SpecificityOutcome {
  const dropped: SpecificityOutcome['dropped'] = [];
  const warnings: string[] = [];
  for (const vague of codes) {
    if (!isUnspecified(vague.title)) continue;
    const specific = codes.find(
      (c) =>
        c !== vague &&
        category(c.code) === category(vague.code) &&
        !isUnspecified(c.title) &&
        !dropped.some((d) => d.code === c),
    );
    if (!specific) continue;
    const reason = `${vague.code} (unspecified, ${noteTitles(vague.supportedBy)}) gives way to ${specific.code} (${noteTitles(specific.supportedBy)}): the more specific documentation is coded.`;
    dropped.push({ code: vague, reason });
    warnings.push(reason);
    absorbSupport(specific, vague);
  }
  return { kept: codes.filter((c) => !dropped.some((d) => d.code === c)), dropped, warnings };
}
