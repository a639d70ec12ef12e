/**
 * Payload checks for the feedback and terminology-update messages, spread into the maps of
 * `payload-validators.ts`. Feedback terms must already be in stored form
 * (`normalizeFeedbackTerm(term) === term`: ≤ 6 folded words, no identifiers), so a message
 * cannot slip a sentence of a note into the feedback store.
 */
import {
  FEEDBACK_DECISIONS,
  MAX_TERMS_PER_EVENT,
  normalizeFeedbackTerm,
} from '../../src/feedback/index.js';
import type { PayloadValidator } from './messaging.js';
import { CODE_PATTERN } from './panel-payload-validators.js';

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/** Most records in one delete or import message (a feedback file holds at most 100,000). */
export const MAX_FEEDBACK_RECORDS_PER_MESSAGE = 100_000;
/** A release label: "2026", "2026-april", "2026-test.1". */
export const TERMINOLOGY_VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
/** What the options page names an upload by (crypto.randomUUID()). */
export const UPLOAD_ID_PATTERN = /^[0-9a-f-]{8,64}$/;

const DOTTED_CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const isCode = (value: unknown): value is string =>
  typeof value === 'string' && CODE_PATTERN.test(value);
const isDottedCode = (value: unknown): value is string =>
  typeof value === 'string' && DOTTED_CODE.test(value);
const hasOnlyKeys = (data: Record<string, unknown>, keys: readonly string[]): boolean =>
  Object.keys(data).every((k) => keys.includes(k));

/** A term in stored form: what `normalizeFeedbackTerm` returns for itself. */
export function isStoredTerm(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 60 && normalizeFeedbackTerm(value) === value;
}

function isTermList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_TERMS_PER_EVENT && value.every(isStoredTerm);
}

export function isFeedbackEventInput(value: unknown): boolean {
  if (!isRecord(value) || !hasOnlyKeys(value, ['decision', 'code', 'replacement', 'terms']))
    return false;
  if (
    !FEEDBACK_DECISIONS.includes(value.decision as never) ||
    !isCode(value.code) ||
    !isTermList(value.terms)
  )
    return false;
  return value.decision === 'replace' ? isCode(value.replacement) : value.replacement === undefined;
}

export function isFeedbackRecord(value: unknown): boolean {
  if (!isRecord(value) || !hasOnlyKeys(value, ['term', 'code', 'decision', 'replacement', 'count']))
    return false;
  if (
    !isStoredTerm(value.term) ||
    !isDottedCode(value.code) ||
    !FEEDBACK_DECISIONS.includes(value.decision as never)
  )
    return false;
  if (
    !Number.isInteger(value.count) ||
    (value.count as number) < 1 ||
    (value.count as number) > 1_000_000
  )
    return false;
  return value.decision === 'replace'
    ? isDottedCode(value.replacement)
    : value.replacement === undefined;
}

const EMPTY: PayloadValidator = {
  expected: '{}',
  check: (data) => isRecord(data) && Object.keys(data).length === 0,
};

const RECORD_LIST: PayloadValidator = {
  expected: `{records: [{term (stored form), code, decision, replacement?, count}] (at most ${MAX_FEEDBACK_RECORDS_PER_MESSAGE})}`,
  check: (data) =>
    isRecord(data) &&
    Array.isArray(data.records) &&
    data.records.length <= MAX_FEEDBACK_RECORDS_PER_MESSAGE &&
    data.records.every(isFeedbackRecord),
};

const VERSION: PayloadValidator = {
  expected: '{version: release label (letters, digits, ".", "_", "-"; at most 40)}',
  check: (data) =>
    isRecord(data) &&
    typeof data.version === 'string' &&
    TERMINOLOGY_VERSION_PATTERN.test(data.version),
};

export const LEARNING_VALIDATORS = {
  recordFeedback: {
    expected: `{event: {decision: "accept" | "reject" | "replace", code, replacement? (replace only), terms: stored terms (at most ${MAX_TERMS_PER_EVENT})}, undo: boolean}`,
    check: (data: unknown) =>
      isRecord(data) && typeof data.undo === 'boolean' && isFeedbackEventInput(data.event),
  },
  forgetFeedback: {
    expected: `{code, terms: stored terms (at most ${MAX_TERMS_PER_EVENT})}`,
    check: (data: unknown) => isRecord(data) && isCode(data.code) && isTermList(data.terms),
  },
  listFeedback: EMPTY,
  deleteFeedback: RECORD_LIST,
  clearFeedback: EMPTY,
  importFeedback: RECORD_LIST,
  previewTerminologyRelease: {
    expected: '{uploadId: upload id, version: release label}',
    check: (data: unknown) =>
      VERSION.check(data) &&
      isRecord(data) &&
      typeof data.uploadId === 'string' &&
      UPLOAD_ID_PATTERN.test(data.uploadId),
  },
  switchTerminology: VERSION,
  listTerminologyVersions: EMPTY,
  deleteTerminologyVersion: VERSION,
} satisfies Record<string, PayloadValidator>;
