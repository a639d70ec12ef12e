/**
 * Runtime shape checks for every message payload of the protocol, one per type. The type
 * annotation makes the compiler insist that a new message gets a validator.
 */
import type { PayloadValidator, PayloadValidators } from './messaging.js';
import {
  MAX_NOTE_CHARS,
  MAX_QUERY_CHARS,
  REQUEST_ID_PATTERN,
  type BackgroundToContent,
  type BackgroundToOffscreen,
  type ContentToBackground,
  type RelayedMessages,
} from './protocol.js';
import {
  PANEL_BACKGROUND_VALIDATORS,
  PANEL_RELAYED_VALIDATORS,
} from './panel-payload-validators.js';
import { LEARNING_VALIDATORS } from './learning-payload-validators.js';
import {
  ENCOUNTER_BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  ENCOUNTER_CONTENT_TO_BACKGROUND_VALIDATORS,
} from './encounter-payload-validators.js';

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}

/** What JSON messaging delivers: a plain object (no class instance, no custom prototype). */
function isPlainRecord(data: unknown): data is Record<string, unknown> {
  if (!isRecord(data)) return false;
  const prototype: unknown = Object.getPrototypeOf(data);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Every validator sees only the payload's OWN top-level properties: a value inherited from a
 * prototype (a polluted `Object.prototype`, a crafted object) never satisfies a check.
 */
function ownPropertiesOnly<P>(validators: PayloadValidators<P>): PayloadValidators<P> {
  const hardened = {} as PayloadValidators<P>;
  for (const type of Object.keys(validators) as (keyof P)[]) {
    const { expected, check } = validators[type];
    hardened[type] = {
      expected,
      check: (data) =>
        isPlainRecord(data) && check(Object.assign(Object.create(null) as object, data)),
    };
  }
  return hardened;
}

function isBoundedString(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

const EMPTY: PayloadValidator = {
  expected: '{}',
  check: (data) => isRecord(data) && Object.keys(data).length === 0,
};

const NOTE_TEXT: PayloadValidator = {
  expected: `{text: string (at most ${MAX_NOTE_CHARS} chars)}`,
  check: (data) => isRecord(data) && isBoundedString(data.text, MAX_NOTE_CHARS),
};

const isRequestId = (value: unknown): boolean =>
  typeof value === 'string' && REQUEST_ID_PATTERN.test(value);
const isOptionalRequestId = (value: unknown): boolean => value === undefined || isRequestId(value);

const CODE_NOTE: PayloadValidator = {
  expected: `{text: string (at most ${MAX_NOTE_CHARS} chars), requestId?: string matching ${REQUEST_ID_PATTERN}}`,
  check: (data) => NOTE_TEXT.check(data) && isRecord(data) && isOptionalRequestId(data.requestId),
};

const CANCEL_REQUEST: PayloadValidator = {
  expected: `{requestId: string matching ${REQUEST_ID_PATTERN}}`,
  check: (data) => isRecord(data) && isRequestId(data.requestId),
};

const SEARCH_QUERY: PayloadValidator = {
  expected: `{query: string (at most ${MAX_QUERY_CHARS} chars), limit: integer 1-200}`,
  check: (data) =>
    isRecord(data) &&
    isBoundedString(data.query, MAX_QUERY_CHARS) &&
    Number.isInteger(data.limit) &&
    (data.limit as number) >= 1 &&
    (data.limit as number) <= 200,
};

/** The messages the background relays to the offscreen document (protocol.ts `RelayedMessages`). */
const RELAYED_VALIDATORS: PayloadValidators<RelayedMessages> = {
  searchCodes: SEARCH_QUERY,
  getTerminologyStatus: EMPTY,
  ...PANEL_RELAYED_VALIDATORS,
  ...LEARNING_VALIDATORS,
};

export const CONTENT_TO_BACKGROUND_VALIDATORS: PayloadValidators<ContentToBackground> =
  ownPropertiesOnly({
    codeNote: CODE_NOTE,
    cancelCoding: CANCEL_REQUEST,
    ...PANEL_BACKGROUND_VALIDATORS,
    ...RELAYED_VALIDATORS,
    ...ENCOUNTER_CONTENT_TO_BACKGROUND_VALIDATORS,
  });

export const BACKGROUND_TO_OFFSCREEN_VALIDATORS: PayloadValidators<BackgroundToOffscreen> =
  ownPropertiesOnly({
    codeText: {
      expected: `{text: string, setting: "inpatient" | "outpatient", scope: "reportable" | "mentions", useFeedback?: boolean, requestId?: string}`,
      check: (data) =>
        NOTE_TEXT.check(data) &&
        isRecord(data) &&
        isOptionalRequestId(data.requestId) &&
        (data.useFeedback === undefined || typeof data.useFeedback === 'boolean') &&
        (data.setting === 'inpatient' || data.setting === 'outpatient') &&
        (data.scope === 'reportable' || data.scope === 'mentions'),
    },
    cancelCodeText: CANCEL_REQUEST,
    ...RELAYED_VALIDATORS,
    ...ENCOUNTER_BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  });

export const BACKGROUND_TO_CONTENT_VALIDATORS: PayloadValidators<BackgroundToContent> =
  ownPropertiesOnly({
    ping: EMPTY,
    openPanel: EMPTY,
    codeSelection: {
      expected: `{selectionText: string (at most ${MAX_NOTE_CHARS} chars)}`,
      check: (data) => isRecord(data) && isBoundedString(data.selectionText, MAX_NOTE_CHARS),
    },
  });
