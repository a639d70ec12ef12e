/**
 * The coder's decisions on one note: which codes are accepted (in order, replacements
 * included) and which suggestions were rejected. Pure functions over {@link NoteReview}; the
 * content script keeps the value and persists it per note hash.
 */
import type { Assertion } from '../../src/engine/coding-types.js';
import type { CodeBrief, NoteReview } from '../shared/protocol.js';

export type AcceptedEntry = NoteReview['accepted'][number] & { assertion?: Assertion };

export const EMPTY_REVIEW: NoteReview = { accepted: [], rejected: [] };

export type CodeDecision =
  { kind: 'accepted' } | { kind: 'replaced'; by: string } | { kind: 'rejected' } | { kind: 'open' };

/** What the coder decided about a suggested code. */
export function decisionOf(review: NoteReview, code: string): CodeDecision {
  if (review.accepted.some((entry) => entry.code === code && entry.replaces === undefined))
    return { kind: 'accepted' };
  const replacement = review.accepted.find((entry) => entry.replaces === code);
  if (replacement) return { kind: 'replaced', by: replacement.code };
  if (review.accepted.some((entry) => entry.code === code)) return { kind: 'accepted' };
  if (review.rejected.includes(code)) return { kind: 'rejected' };
  return { kind: 'open' };
}

const withoutCode = (list: readonly AcceptedEntry[], code: string): AcceptedEntry[] =>
  list.filter((entry) => entry.code !== code && entry.replaces !== code);

export function acceptCode(review: NoteReview, code: AcceptedEntry): NoteReview {
  const accepted = withoutCode(review.accepted, code.code);
  return {
    accepted: [
      ...accepted,
      {
        code: code.code,
        title: code.title,
        billable: code.billable,
        ...(code.assertion ? { assertion: code.assertion } : {}),
        ...(code.system ? { system: code.system } : {}),
      },
    ],
    rejected: review.rejected.filter((c) => c !== code.code),
  };
}

export function rejectCode(review: NoteReview, code: string): NoteReview {
  return {
    accepted: withoutCode(review.accepted, code),
    rejected: review.rejected.includes(code) ? review.rejected : [...review.rejected, code],
  };
}

/** Accepts `replacement` in place of `original` (which drops out of the accepted list). */
export function replaceCode(
  review: NoteReview,
  original: string,
  replacement: CodeBrief & { system?: 'ICD-10-PCS' },
): NoteReview {
  if (original === replacement.code) return acceptCode(review, replacement);
  const index = review.accepted.findIndex(
    (entry) => entry.code === original || entry.replaces === original,
  );
  const entry: AcceptedEntry = {
    code: replacement.code,
    title: replacement.title,
    billable: replacement.billable,
    replaces: original,
    ...(replacement.system ? { system: replacement.system } : {}),
  };
  const accepted = withoutCode(withoutCode(review.accepted, original), replacement.code);
  if (index >= 0) accepted.splice(Math.min(index, accepted.length), 0, entry);
  else accepted.push(entry);
  return {
    accepted,
    rejected: review.rejected.filter((c) => c !== original && c !== replacement.code),
  };
}

/** Back to undecided: out of both lists. */
export function clearDecision(review: NoteReview, code: string): NoteReview {
  return {
    accepted: withoutCode(review.accepted, code),
    rejected: review.rejected.filter((c) => c !== code),
  };
}

/** Moves an accepted code one place up or down (sequencing: the principal diagnosis first). */
export function moveAccepted(review: NoteReview, code: string, delta: -1 | 1): NoteReview {
  const accepted = [...review.accepted];
  const from = accepted.findIndex((entry) => entry.code === code);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= accepted.length) return review;
  [accepted[from], accepted[to]] = [accepted[to]!, accepted[from]!];
  return { ...review, accepted };
}
