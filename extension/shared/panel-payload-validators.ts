/**
 * Payload checks for the panel's review messages (lookup, accepted-list checks, progress,
 * per-note review storage), spread into the maps of `payload-validators.ts`.
 */
import type { PayloadValidator } from './messaging.js';
import { MAX_ACCEPTED_CODES } from './protocol.js';

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/** A dotted or dotless ICD-10-CM code, e.g. "E11.22", "S72001A". */
export const CODE_PATTERN = /^(?:[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?|[0-9A-HJ-NP-Z]{7})$/;
/** A SHA-256 in lowercase hex: the only key a note's review is stored under. */
export const NOTE_KEY_PATTERN = /^[0-9a-f]{64}$/;

const isCode = (value: unknown): value is string =>
  typeof value === 'string' && CODE_PATTERN.test(value);
const isShortString = (value: unknown, max = 400): value is string =>
  typeof value === 'string' && value.length <= max;

const EMPTY: PayloadValidator = {
  expected: '{}',
  check: (data) => isRecord(data) && Object.keys(data).length === 0,
};

const LOOKUP_CODE: PayloadValidator = {
  expected: '{code: ICD-10-CM code}',
  check: (data) => isRecord(data) && isCode(data.code),
};

const CHECK_ACCEPTED: PayloadValidator = {
  expected: `{codes: [{code, documentedLaterality?: "left" | "right" | "bilateral"}] (at most ${MAX_ACCEPTED_CODES})}`,
  check: (data) =>
    isRecord(data) &&
    Array.isArray(data.codes) &&
    data.codes.length <= MAX_ACCEPTED_CODES &&
    data.codes.every(
      (item: unknown) =>
        isRecord(item) &&
        isCode(item.code) &&
        (item.documentedLaterality === undefined ||
          ['left', 'right', 'bilateral'].includes(item.documentedLaterality as string)),
    ),
};

function isNoteReview(value: unknown): boolean {
  return (
    isRecord(value) &&
    Array.isArray(value.accepted) &&
    value.accepted.length <= MAX_ACCEPTED_CODES &&
    value.accepted.every(
      (item: unknown) =>
        isRecord(item) &&
        isCode(item.code) &&
        isShortString(item.title) &&
        typeof item.billable === 'boolean' &&
        (item.replaces === undefined || isCode(item.replaces)),
    ) &&
    Array.isArray(value.rejected) &&
    value.rejected.length <= MAX_ACCEPTED_CODES &&
    value.rejected.every(isCode)
  );
}

/** The panel's messages the background relays to the offscreen document. */
export const PANEL_RELAYED_VALIDATORS = {
  lookupCode: LOOKUP_CODE,
  checkAcceptedCodes: CHECK_ACCEPTED,
  getEngineProgress: EMPTY,
} satisfies Record<string, PayloadValidator>;

/** The panel's messages the background answers itself. */
export const PANEL_BACKGROUND_VALIDATORS = {
  saveNoteReview: {
    expected:
      '{noteKey: sha-256 hex, review: {accepted: [{code, title, billable, replaces?}], rejected: [code]}}',
    check: (data: unknown) =>
      isRecord(data) &&
      typeof data.noteKey === 'string' &&
      NOTE_KEY_PATTERN.test(data.noteKey) &&
      isNoteReview(data.review),
  },
  loadNoteReview: {
    expected: '{noteKey: sha-256 hex}',
    check: (data: unknown) =>
      isRecord(data) && typeof data.noteKey === 'string' && NOTE_KEY_PATTERN.test(data.noteKey),
  },
} satisfies Record<string, PayloadValidator>;
