/**
 * Payload checks for the encounter messages, spread into the maps of `payload-validators.ts`.
 * Bounded everywhere: an encounter holds codes, short quotes and titles, never a whole note.
 */
import { ASSERTIONS } from '../../src/engine/coding-types.js';
import { MAX_ENCOUNTER_NOTES } from '../../src/encounter/encounter-record.js';
import type { PayloadValidator } from './messaging.js';
import { CODE_PATTERN } from './panel-payload-validators.js';
import { MAX_ACCEPTED_CODES } from './protocol.js';

const NOTE_KINDS = [
  'history-and-physical',
  'emergency',
  'progress',
  'consult',
  'operative',
  'discharge-summary',
  'other',
];
const POA_INDICATORS = ['Y', 'N', 'U', 'W', 'exempt'];
const POA_BASES = [
  'stated',
  'note-kind',
  'section',
  'chronic',
  'exempt-list',
  'none',
  'notes-disagree',
];
const GROUPS = ['principal', 'secondary', 'history', 'flagged'];
/** An id: a hash prefix or a generated id, never text. */
const ID_PATTERN = /^[0-9a-z-]{1,64}$/;
const MAX_EVIDENCE_QUOTES = 3;
const MAX_QUOTE_CHARS = 200;

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null && !Array.isArray(data);
}
const isString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;
const isCode = (value: unknown): boolean => typeof value === 'string' && CODE_PATTERN.test(value);
const isOneOf = (value: unknown, allowed: readonly string[]): boolean =>
  typeof value === 'string' && allowed.includes(value);

function isPoaSuggestion(value: unknown): boolean {
  return (
    isRecord(value) &&
    isOneOf(value.indicator, POA_INDICATORS) &&
    isOneOf(value.basis, POA_BASES) &&
    isString(value.reason, 400)
  );
}

function isNoteCode(value: unknown): boolean {
  return (
    isRecord(value) &&
    isCode(value.code) &&
    isString(value.title, 400) &&
    typeof value.billable === 'boolean' &&
    isOneOf(value.assertion, ASSERTIONS) &&
    (value.group === undefined || isOneOf(value.group, GROUPS)) &&
    Array.isArray(value.evidence) &&
    value.evidence.length <= MAX_EVIDENCE_QUOTES &&
    value.evidence.every((quote: unknown) => isString(quote, MAX_QUOTE_CHARS)) &&
    (value.poa === undefined || isPoaSuggestion(value.poa))
  );
}

function isNoteEntry(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value.note)) return false;
  const { note, codes } = value;
  return (
    isString(note.id, 64) &&
    ID_PATTERN.test(note.id) &&
    isOneOf(note.kind, NOTE_KINDS) &&
    isString(note.title, 120) &&
    isString(note.addedAt, 40) &&
    Array.isArray(codes) &&
    codes.length <= MAX_ACCEPTED_CODES &&
    codes.every(isNoteCode)
  );
}

function isConfirmedPoa(value: unknown): boolean {
  return (
    isRecord(value) &&
    Object.keys(value).length <= MAX_ACCEPTED_CODES &&
    Object.entries(value).every(([code, poa]) => isCode(code) && isOneOf(poa, POA_INDICATORS))
  );
}

export function isEncounter(value: unknown): boolean {
  return (
    isRecord(value) &&
    isString(value.id, 64) &&
    ID_PATTERN.test(value.id) &&
    isString(value.name, 120) &&
    isString(value.startedAt, 40) &&
    isOneOf(value.setting, ['inpatient', 'outpatient']) &&
    Array.isArray(value.notes) &&
    value.notes.length <= MAX_ENCOUNTER_NOTES &&
    value.notes.every(isNoteEntry) &&
    (value.principal === undefined || isCode(value.principal)) &&
    isConfirmedPoa(value.confirmedPoa)
  );
}

const EMPTY: PayloadValidator = {
  expected: '{}',
  check: (data) => isRecord(data) && Object.keys(data).length === 0,
};

export const ENCOUNTER_CONTENT_TO_BACKGROUND_VALIDATORS = {
  startEncounter: {
    expected: '{name: string (at most 120 chars), setting: "inpatient" | "outpatient"}',
    check: (data: unknown) =>
      isRecord(data) &&
      isString(data.name, 120) &&
      isOneOf(data.setting, ['inpatient', 'outpatient']),
  },
  getEncounter: EMPTY,
  addNoteToEncounter: {
    expected: `{entry: {note: {id, kind, title, addedAt}, codes: [{code, title, billable, assertion, group?, evidence: [≤ ${MAX_EVIDENCE_QUOTES} short quotes], poa?}]}}`,
    check: (data: unknown) => isRecord(data) && isNoteEntry(data.entry),
  },
  setEncounterChoices: {
    expected:
      '{principal?: code | null, confirmedPoa?: {code: "Y" | "N" | "U" | "W" | "exempt"}} (at least one)',
    check: (data: unknown) =>
      isRecord(data) &&
      (data.principal !== undefined || data.confirmedPoa !== undefined) &&
      (data.principal === undefined || data.principal === null || isCode(data.principal)) &&
      (data.confirmedPoa === undefined || isConfirmedPoa(data.confirmedPoa)),
  },
  closeEncounter: EMPTY,
} satisfies Record<string, PayloadValidator>;

export const ENCOUNTER_BACKGROUND_TO_OFFSCREEN_VALIDATORS = {
  summarizeEncounter: {
    expected: '{encounter: an encounter record (codes, short quotes, note titles)}',
    check: (data: unknown) => isRecord(data) && isEncounter(data.encounter),
  },
} satisfies Record<string, PayloadValidator>;
