// Review changes in the panel become feedback events (terms only), undo first.
import { describe, expect, it } from 'vitest';
import type { CodeSuggestion } from '../../../src/engine/coding-types.js';
import { feedbackForReviewChange } from '../../../extension/content/review-feedback.js';
import {
  acceptCode,
  clearDecision,
  EMPTY_REVIEW,
  rejectCode,
  replaceCode,
} from '../../../extension/panel/review-state.js';

const suggestion = (code: string, text: string): CodeSuggestion =>
  ({
    code,
    title: code,
    billable: true,
    score: 0.8,
    group: 'secondary',
    assertion: 'present',
    evidence: [{ start: 0, end: text.length, text }],
    notes: [],
    source: 'index',
  }) as unknown as CodeSuggestion;

const I10 = suggestion('I10', 'Essential hypertension');
const E119 = suggestion('E11.9', 'type 2 diabetes');
const LONG = suggestion(
  'R07.9',
  'the patient reports chest pain radiating to the left arm since yesterday evening',
);

describe('feedbackForReviewChange', () => {
  it('records accept, reject and replace with short terms', () => {
    const accepted = acceptCode(EMPTY_REVIEW, { code: 'I10', title: 'x', billable: true });
    expect(feedbackForReviewChange(EMPTY_REVIEW, accepted, [I10, E119])).toEqual([
      {
        event: { decision: 'accept', code: 'I10', terms: ['essential hypertension'] },
        undo: false,
      },
    ]);
    const rejected = rejectCode(accepted, 'E11.9');
    expect(feedbackForReviewChange(accepted, rejected, [I10, E119])).toEqual([
      { event: { decision: 'reject', code: 'E11.9', terms: ['type 2 diabetes'] }, undo: false },
    ]);
    const replaced = replaceCode(rejected, 'E11.9', { code: 'E11.65', title: 'x', billable: true });
    expect(feedbackForReviewChange(rejected, replaced, [I10, E119])).toEqual([
      { event: { decision: 'reject', code: 'E11.9', terms: ['type 2 diabetes'] }, undo: true },
      {
        event: {
          decision: 'replace',
          code: 'E11.9',
          replacement: 'E11.65',
          terms: ['type 2 diabetes'],
        },
        undo: false,
      },
    ]);
  });

  it('undoes on clearing a decision and ignores unchanged codes and sentences', () => {
    const rejected = rejectCode(EMPTY_REVIEW, 'I10');
    expect(feedbackForReviewChange(rejected, clearDecision(rejected, 'I10'), [I10, E119])).toEqual([
      { event: { decision: 'reject', code: 'I10', terms: ['essential hypertension'] }, undo: true },
    ]);
    expect(feedbackForReviewChange(rejected, rejected, [I10])).toEqual([]);
    expect(
      feedbackForReviewChange(EMPTY_REVIEW, rejectCode(EMPTY_REVIEW, 'R07.9'), [LONG]),
    ).toEqual([]);
  });
});
