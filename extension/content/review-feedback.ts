/**
 * Turns a change of the coder's review into feedback events: accepting, rejecting or replacing
 * a suggested code records an event; changing or undoing a decision takes the earlier event
 * back first. Events carry short folded terms of the suggestion's evidence
 * (`createFeedbackEvent`), never the note text. Codes added from the lookup box are not
 * suggestions and teach nothing.
 */
import type { CodeSuggestion } from '../../src/engine/coding-types.js';
import { createFeedbackEvent, type FeedbackEvent } from '../../src/feedback/index.js';
import { decisionOf, type CodeDecision } from '../panel/review-state.js';
import type { NoteReview } from '../shared/protocol.js';

export interface FeedbackChangeMessage {
  event: FeedbackEvent;
  undo: boolean;
}

function eventFor(suggestion: CodeSuggestion, decision: CodeDecision): FeedbackEvent | undefined {
  if (decision.kind === 'accepted') return createFeedbackEvent(suggestion, 'accept');
  if (decision.kind === 'rejected') return createFeedbackEvent(suggestion, 'reject');
  if (decision.kind === 'replaced') return createFeedbackEvent(suggestion, 'replace', decision.by);
  return undefined;
}

const sameDecision = (a: CodeDecision, b: CodeDecision): boolean =>
  a.kind === b.kind && (a.kind !== 'replaced' || (b.kind === 'replaced' && a.by === b.by));

/** The feedback messages for going from `before` to `after`, in order (undo first). */
export function feedbackForReviewChange(
  before: NoteReview,
  after: NoteReview,
  suggestions: readonly CodeSuggestion[],
): FeedbackChangeMessage[] {
  const out: FeedbackChangeMessage[] = [];
  const seen = new Set<string>();
  for (const suggestion of suggestions) {
    if (seen.has(suggestion.code)) continue;
    seen.add(suggestion.code);
    const was = decisionOf(before, suggestion.code);
    const now = decisionOf(after, suggestion.code);
    if (sameDecision(was, now)) continue;
    const undo = eventFor(suggestion, was);
    const record = eventFor(suggestion, now);
    if (undo && undo.terms.length) out.push({ event: undo, undo: true });
    if (record && record.terms.length) out.push({ event: record, undo: false });
  }
  return out;
}
