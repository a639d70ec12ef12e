/**
 * Present-on-admission indicators suggested from the documentation (inpatient; CMS POA
 * guidelines, Official Guidelines Appendix I). The coder confirms each one.
 *
 * In one note, around the words that support a code:
 * - a provider statement that the condition is clinically undetermined → W;
 * - "present on admission", "admitted with", "presented with", "on admission" → Y (stated);
 * - "not present on admission", developed after admission ("developed", "hospital day 3",
 *   "post-op day 2", "during the hospitalization", "hospital-acquired") → N (stated);
 * - a condition in the H&P or the emergency note → Y (note kind); a chronic or known condition
 *   ("chronic", "history of", "known") → Y (chronic);
 * - first written under "Hospital course" → N (section);
 * - nothing of the above → U, with a query prompt for the provider.
 * Across notes: the exempt list decides "exempt"; stated indicators win; stated Y and N from
 * different notes → U (the notes disagree); else Y from the H&P or a chronic condition, else N
 * from the hospital course, else U. For a combination code, one part not present makes it N.
 */
import type { NoteKind, PoaSuggestion } from './encounter-types.js';
import { isPoaExempt } from './poa-exempt-list.js';

const UNDETERMINED =
  /\b(?:clinically undetermined|unable to (?:clinically )?determine|cannot be (?:clinically )?determined)\b/i;
const STATED_NOT_POA = /\bnot present on admission\b|\bnot poa\b/i;
const STATED_POA =
  /\b(?:present on admission|poa|on admission|at (?:the time of )?admission|admitted (?:with|for)|presented (?:with|to)|presenting with|prior to admission|chief complaint|reason for admission|admission diagnos[ie]s)\b/i;
const AFTER_ADMISSION =
  /\b(?:developed|new[- ]onset|hospital[- ]acquired|nosocomial|post-?op(?:erative)? day\s*#?\s*\d+|pod\s*#?\s*\d+|hospital day\s*#?\s*\d+|day \d+ of (?:admission|hospitali[sz]ation)|during (?:the |this )?(?:hospitali[sz]ation|hospital stay|admission|stay)|after admission|while (?:hospitali[sz]ed|inpatient))\b/i;
const CHRONIC =
  /\b(?:chronic|history of|known|long[- ]?standing|since \d{4}|for \d+ (?:years|months))\b/i;
const ADMISSION_NOTES: readonly NoteKind[] = ['history-and-physical', 'emergency'];
const HEADING =
  /^[ \t]*([A-Za-z][A-Za-z /&-]{2,40}):?[ \t]*$|^[ \t]*([A-Za-z][A-Za-z /&-]{2,40}):/gm;

/** A sentence end: a period before a space, except after a lone capital ("C. difficile" goes on), or a line end. */
const SENTENCE_END = /(?<!\b[A-Z])\.(?=\s)|\n/g;

/** The sentence (or list line) around [start, end). */
function sentenceAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 300);
  let cut = from;
  for (const m of text.slice(from, start).matchAll(SENTENCE_END))
    cut = from + m.index + m[0].length;
  const after = text.slice(end, end + 300);
  const stop = after.search(SENTENCE_END);
  return text.slice(cut, stop >= 0 ? end + stop + 1 : end + after.length);
}

/** The heading of the section holding `pos` ("Hospital course"), if any. */
function sectionHeadingAt(text: string, pos: number): string | undefined {
  let heading: string | undefined;
  for (const m of text.slice(0, pos).matchAll(HEADING)) heading = (m[1] ?? m[2] ?? '').trim();
  return heading;
}

/** The query prompt for U: the provider is asked, not led. */
export function poaQueryPrompt(condition: string): string {
  return `Query the provider: was "${condition}" present at the time of inpatient admission? Yes / No / Clinically undetermined / Unable to determine from the documentation.`;
}

/**
 * POA suggested by one note for the code whose evidence is text[start, end).
 *
 * @example
 * suggestPoaInNote({ kind: 'progress', text: 'Developed C. diff colitis on hospital day 4.', start: 10, end: 23, condition: 'C. diff colitis' })
 * // → { indicator: 'N', basis: 'stated', reason: 'developed after admission ("hospital day 4")' }
 */
export function suggestPoaInNote(input: {
  kind: NoteKind;
  text: string;
  start: number;
  end: number;
  condition: string;
}): PoaSuggestion {
  const { kind, text, start, end, condition } = input;
  const sentence = sentenceAround(text, start, end);
  const cue = (re: RegExp): string => (sentence.match(re)?.[0] ?? '').toLowerCase();
  if (UNDETERMINED.test(sentence))
    return {
      indicator: 'W',
      basis: 'stated',
      reason: `the provider documents it as clinically undetermined ("${cue(UNDETERMINED)}")`,
    };
  if (STATED_NOT_POA.test(sentence))
    return { indicator: 'N', basis: 'stated', reason: 'documented as not present on admission' };
  if (AFTER_ADMISSION.test(sentence))
    return {
      indicator: 'N',
      basis: 'stated',
      reason: `developed after admission ("${cue(AFTER_ADMISSION)}")`,
    };
  if (STATED_POA.test(sentence))
    return {
      indicator: 'Y',
      basis: 'stated',
      reason: `documented as present at admission ("${cue(STATED_POA)}")`,
    };
  if (ADMISSION_NOTES.includes(kind))
    return {
      indicator: 'Y',
      basis: 'note-kind',
      reason:
        kind === 'emergency'
          ? 'documented in the emergency department note'
          : 'documented in the H&P',
    };
  if (CHRONIC.test(sentence))
    return {
      indicator: 'Y',
      basis: 'chronic',
      reason: `a chronic or known condition ("${cue(CHRONIC)}")`,
    };
  if (/hospital course/i.test(sectionHeadingAt(text, start) ?? ''))
    return { indicator: 'N', basis: 'section', reason: 'first documented in the hospital course' };
  return { indicator: 'U', basis: 'none', reason: poaQueryPrompt(condition) };
}

/** The encounter's POA for one code from what each supporting note suggests. */
export function encounterPoa(
  code: string,
  byNote: readonly { suggestion: PoaSuggestion }[],
): PoaSuggestion {
  if (isPoaExempt(code))
    return { indicator: 'exempt', basis: 'exempt-list', reason: 'on the CMS POA-exempt list' };
  const all = byNote.map((n) => n.suggestion);
  const stated = all.filter((s) => s.basis === 'stated');
  const statedY = stated.find((s) => s.indicator === 'Y');
  const statedN = stated.find((s) => s.indicator === 'N');
  if (statedY && statedN)
    return {
      indicator: 'U',
      basis: 'notes-disagree',
      reason: `the notes disagree (${statedY.reason}; ${statedN.reason}): query the provider`,
    };
  const first = (pred: (s: PoaSuggestion) => boolean): PoaSuggestion | undefined => all.find(pred);
  return (
    statedN ??
    first((s) => s.basis === 'stated') ??
    first((s) => s.indicator === 'Y') ??
    first((s) => s.indicator === 'N') ??
    first((s) => s.indicator === 'U') ?? {
      indicator: 'U',
      basis: 'none',
      reason: poaQueryPrompt(code),
    }
  );
}
