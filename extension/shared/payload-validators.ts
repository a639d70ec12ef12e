/**
 * Runtime shape checks for every message payload of the protocol, one per type. The type
 * annotation makes the compiler insist that a new message gets a validator.
 */
import type { PayloadValidator, PayloadValidators } from './messaging.js';
import {
  MAX_NOTE_CHARS,
  MAX_QUERY_CHARS,
  type BackgroundToContent,
  type BackgroundToOffscreen,
  type ContentToBackground,
} from './protocol.js';
import { PANEL_BACKGROUND_TO_OFFSCREEN_VALIDATORS, PANEL_CONTENT_TO_BACKGROUND_VALIDATORS } from './panel-payload-validators.js';

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
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

const SEARCH_QUERY: PayloadValidator = {
  expected: `{query: string (at most ${MAX_QUERY_CHARS} chars), limit: integer 1-200}`,
  check: (data) =>
    isRecord(data) &&
    isBoundedString(data.query, MAX_QUERY_CHARS) &&
    Number.isInteger(data.limit) &&
    (data.limit as number) >= 1 &&
    (data.limit as number) <= 200,
};

export const CONTENT_TO_BACKGROUND_VALIDATORS: PayloadValidators<ContentToBackground> = {
  codeNote: NOTE_TEXT,
  searchCodes: SEARCH_QUERY,
  getTerminologyStatus: EMPTY,
  ...PANEL_CONTENT_TO_BACKGROUND_VALIDATORS,
};

export const BACKGROUND_TO_OFFSCREEN_VALIDATORS: PayloadValidators<BackgroundToOffscreen> = {
  codeText: {
    expected: `{text: string, setting: "inpatient" | "outpatient", scope: "reportable" | "mentions"}`,
    check: (data) =>
      NOTE_TEXT.check(data) &&
      isRecord(data) &&
      (data.setting === 'inpatient' || data.setting === 'outpatient') &&
      (data.scope === 'reportable' || data.scope === 'mentions'),
  },
  searchCodes: SEARCH_QUERY,
  getTerminologyStatus: EMPTY,
  ...PANEL_BACKGROUND_TO_OFFSCREEN_VALIDATORS,
};

export const BACKGROUND_TO_CONTENT_VALIDATORS: PayloadValidators<BackgroundToContent> = {
  ping: EMPTY,
  openPanel: EMPTY,
  codeSelection: {
    expected: `{selectionText: string (at most ${MAX_NOTE_CHARS} chars)}`,
    check: (data) => isRecord(data) && isBoundedString(data.selectionText, MAX_NOTE_CHARS),
  },
};
