/**
 * Every payload validator of the protocol, against one valid payload and many malformed ones
 * (wrong types, missing or extra fields, oversized strings, spoofed shapes). The table must
 * name every message type: a new message without a row here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import type { PayloadValidator } from '../../../extension/shared/messaging.js';
import {
  BACKGROUND_TO_CONTENT_VALIDATORS,
  BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  CONTENT_TO_BACKGROUND_VALIDATORS,
} from '../../../extension/shared/payload-validators.js';
import {
  MAX_ACCEPTED_CODES,
  MAX_NOTE_CHARS,
  MAX_QUERY_CHARS,
} from '../../../extension/shared/protocol.js';

const NOTE_KEY = 'a'.repeat(64);
const REVIEW = {
  accepted: [{ code: 'I10', title: 'Essential (primary) hypertension', billable: true }],
  rejected: ['E11.9'],
};

/** Shapes that are never a valid payload of any message. */
const NEVER_VALID: unknown[] = [
  null,
  undefined,
  0,
  42,
  NaN,
  true,
  '',
  'codeNote',
  [],
  [{}],
  () => undefined,
];

interface Case {
  valid: unknown[];
  invalid: unknown[];
}

const EMPTY_CASE: Case = {
  valid: [{}],
  invalid: [
    { text: 'x' },
    { extra: true },
    Object.create(null, { x: { value: 1, enumerable: true } }),
  ],
};

const NOTE_CASE: Case = {
  valid: [{ text: 'Essential hypertension.' }, { text: '' }, { text: 'x'.repeat(MAX_NOTE_CHARS) }],
  invalid: [
    {},
    { text: 42 },
    { text: null },
    { text: ['a'] },
    { text: { toString: 'x' } },
    { note: 'Essential hypertension.' },
    { text: 'x'.repeat(MAX_NOTE_CHARS + 1) },
  ],
};

const CODE_NOTE_CASE: Case = {
  valid: [
    ...NOTE_CASE.valid,
    { text: 'x', requestId: '0b6f6c1e-2d3a-4c5b-9e8f-7a6b5c4d3e2f' },
    { text: 'x', requestId: '12:0:abc' },
  ],
  invalid: [
    ...NOTE_CASE.invalid,
    { text: 'x', requestId: '' },
    { text: 'x', requestId: 'a b' },
    { text: 'x', requestId: 7 },
    { text: 'x', requestId: 'x'.repeat(101) },
  ],
};

const CANCEL_CASE: Case = {
  valid: [{ requestId: 'abc-123' }, { requestId: '4:0:0b6f6c1e-2d3a' }],
  invalid: [
    {},
    { requestId: '' },
    { requestId: '../x' },
    { requestId: 5 },
    { requestId: 'x'.repeat(101) },
  ],
};

const SEARCH_CASE: Case = {
  valid: [
    { query: 'dm2 w ckd', limit: 20 },
    { query: '', limit: 1 },
    { query: 'q'.repeat(MAX_QUERY_CHARS), limit: 200 },
  ],
  invalid: [
    { query: 'x' },
    { limit: 5 },
    { query: 'x', limit: 0 },
    { query: 'x', limit: 201 },
    { query: 'x', limit: 2.5 },
    { query: 'x', limit: '5' },
    { query: 'x', limit: Infinity },
    { query: 42, limit: 5 },
    { query: 'q'.repeat(MAX_QUERY_CHARS + 1), limit: 5 },
  ],
};

const LOOKUP_CASE: Case = {
  valid: [{ code: 'E11.22' }, { code: 'S72001A' }, { code: 'I10' }],
  invalid: [
    {},
    { code: '' },
    { code: 'e11.22' },
    { code: 'E11.22; drop' },
    { code: '<img src=x>' },
    { code: 11 },
    { code: 'E'.repeat(40) },
  ],
};

const CHECK_ACCEPTED_CASE: Case = {
  valid: [
    { codes: [] },
    { codes: [{ code: 'I10' }, { code: 'M17.11', documentedLaterality: 'left' }] },
  ],
  invalid: [
    {},
    { codes: 'I10' },
    { codes: ['I10'] },
    { codes: [{ code: 'not a code' }] },
    { codes: [{ code: 'I10', documentedLaterality: 'up' }] },
    { codes: Array.from({ length: MAX_ACCEPTED_CODES + 1 }, () => ({ code: 'I10' })) },
  ],
};

const SAVE_REVIEW_CASE: Case = {
  valid: [
    { noteKey: NOTE_KEY, review: REVIEW },
    { noteKey: NOTE_KEY, review: { accepted: [], rejected: [] } },
  ],
  invalid: [
    { noteKey: NOTE_KEY },
    { review: REVIEW },
    // The key must be a hash: note text as a key is refused.
    { noteKey: 'Zebra sentinel 4711 quartz', review: REVIEW },
    { noteKey: NOTE_KEY.toUpperCase(), review: REVIEW },
    { noteKey: `${NOTE_KEY}0`, review: REVIEW },
    { noteKey: NOTE_KEY, review: { accepted: [{ code: 'I10' }], rejected: [] } },
    {
      noteKey: NOTE_KEY,
      review: { accepted: [{ code: 'I10', title: 'x'.repeat(401), billable: true }], rejected: [] },
    },
    { noteKey: NOTE_KEY, review: { accepted: [], rejected: ['a whole sentence of the note'] } },
    { noteKey: NOTE_KEY, review: { accepted: [], rejected: 'I10' } },
  ],
};

const LOAD_REVIEW_CASE: Case = {
  valid: [{ noteKey: NOTE_KEY }],
  invalid: [{}, { noteKey: 'Essential hypertension' }, { noteKey: 42 }],
};

const CODE_TEXT_CASE: Case = {
  valid: [
    { text: 'Essential hypertension.', setting: 'outpatient', scope: 'reportable' },
    { text: '', setting: 'inpatient', scope: 'mentions' },
    { text: 'x', setting: 'inpatient', scope: 'mentions', requestId: '3:0:abc' },
  ],
  invalid: [
    { text: 'x' },
    { text: 'x', setting: 'inpatient', scope: 'mentions', requestId: 'a/b' },
    { text: 'x', setting: 'outpatient' },
    { text: 'x', setting: 'icu', scope: 'reportable' },
    { text: 'x', setting: 'outpatient', scope: 'everything' },
    { text: 7, setting: 'outpatient', scope: 'reportable' },
    { text: 'x'.repeat(MAX_NOTE_CHARS + 1), setting: 'outpatient', scope: 'reportable' },
  ],
};

const SELECTION_CASE: Case = {
  valid: [{ selectionText: 'Essential hypertension' }, { selectionText: '' }],
  invalid: [
    {},
    { selectionText: 1 },
    { text: 'x' },
    { selectionText: 'x'.repeat(MAX_NOTE_CHARS + 1) },
  ],
};

// Feedback and terminology updates (learning-payload-validators.ts; more in its own test).
const TERM_EVENT = { decision: 'reject', code: 'R07.9', terms: ['chest pain'] };
const LEARNING_CASES: Record<string, Case> = {
  recordFeedback: {
    valid: [
      { event: TERM_EVENT, undo: false },
      {
        event: { decision: 'replace', code: 'E11.9', replacement: 'E11.65', terms: [] },
        undo: true,
      },
    ],
    invalid: [
      { event: TERM_EVENT },
      {
        event: {
          ...TERM_EVENT,
          terms: ['the patient came in with chest pain and shortness of breath'],
        },
        undo: false,
      },
    ],
  },
  forgetFeedback: {
    valid: [{ code: 'R07.9', terms: ['chest pain'] }],
    invalid: [{ code: 'R07.9' }, { code: 'x', terms: [] }],
  },
  listFeedback: EMPTY_CASE,
  deleteFeedback: {
    valid: [
      { records: [] },
      { records: [{ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 1 }] },
    ],
    invalid: [
      {},
      { records: [{ term: 'Chest pain.', code: 'R07.9', decision: 'reject', count: 1 }] },
    ],
  },
  clearFeedback: EMPTY_CASE,
  importFeedback: {
    valid: [{ records: [] }],
    invalid: [
      { records: {} },
      { records: [{ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 1.5 }] },
    ],
  },
  previewTerminologyRelease: {
    valid: [{ uploadId: '123e4567-e89b-12d3-a456-426614174000', version: '2026' }],
    invalid: [
      { uploadId: 'x', version: '2026' },
      { uploadId: '123e4567-e89b-12d3-a456-426614174000', version: '' },
    ],
  },
  switchTerminology: {
    valid: [{ version: '2026' }, { version: '2025-april' }],
    invalid: [{}, { version: '../x' }, { version: 2026 }],
  },
  listTerminologyVersions: EMPTY_CASE,
  deleteTerminologyVersion: {
    valid: [{ version: '2026' }],
    invalid: [{}, { version: '../x' }, { version: 2026 }],
  },
};

// The coder's encounter (encounter-payload-validators.ts).
const NOTE_ENTRY = {
  note: { id: 'a1b2c3d4', kind: 'consult', title: 'Consult', addedAt: '2026-12-06T08:00:00.000Z' },
  codes: [
    {
      code: 'N18.32',
      title: 'Chronic kidney disease, stage 3b',
      billable: true,
      assertion: 'present',
      group: 'principal',
      evidence: ['CKD stage 3b'],
      poa: { indicator: 'Y', basis: 'chronic', reason: 'a chronic condition' },
    },
  ],
};
const ENCOUNTER = {
  id: '123e4567-e89b-12d3-a456-426614174000',
  name: '',
  startedAt: '2026-12-06T08:00:00.000Z',
  setting: 'inpatient',
  notes: [NOTE_ENTRY],
  confirmedPoa: { 'N18.32': 'Y' },
};
const ENCOUNTER_CASES: Record<string, Case> = {
  startEncounter: {
    valid: [
      { name: '', setting: 'inpatient' },
      { name: 'Admission', setting: 'outpatient' },
    ],
    invalid: [
      { name: 'x' },
      { name: 'x'.repeat(121), setting: 'inpatient' },
      { name: 'x', setting: 'icu' },
    ],
  },
  getEncounter: EMPTY_CASE,
  addNoteToEncounter: {
    valid: [{ entry: NOTE_ENTRY }, { entry: { ...NOTE_ENTRY, codes: [] } }],
    invalid: [
      {},
      { entry: { ...NOTE_ENTRY, note: { ...NOTE_ENTRY.note, id: 'Has Note Text' } } },
      { entry: { ...NOTE_ENTRY, note: { ...NOTE_ENTRY.note, kind: 'diary' } } },
      {
        entry: { ...NOTE_ENTRY, codes: [{ ...NOTE_ENTRY.codes[0], evidence: ['x'.repeat(201)] }] },
      },
      {
        entry: {
          ...NOTE_ENTRY,
          codes: [{ ...NOTE_ENTRY.codes[0], evidence: ['a', 'b', 'c', 'd'] }],
        },
      },
      {
        entry: {
          ...NOTE_ENTRY,
          codes: [
            { ...NOTE_ENTRY.codes[0], poa: { indicator: 'maybe', basis: 'stated', reason: '' } },
          ],
        },
      },
      { entry: { ...NOTE_ENTRY, codes: [{ ...NOTE_ENTRY.codes[0], code: 'not a code' }] } },
    ],
  },
  setEncounterChoices: {
    valid: [
      { principal: 'I13.0' },
      { principal: null },
      { confirmedPoa: { 'I13.0': 'N', Z794: 'exempt' } },
    ],
    invalid: [
      {},
      { principal: 'x' },
      { confirmedPoa: { 'I13.0': 'maybe' } },
      { confirmedPoa: { 'free text': 'Y' } },
    ],
  },
  closeEncounter: EMPTY_CASE,
};

const TABLES: Record<string, [Record<string, PayloadValidator>, Record<string, Case>]> = {
  'content → background': [
    CONTENT_TO_BACKGROUND_VALIDATORS,
    {
      codeNote: CODE_NOTE_CASE,
      cancelCoding: CANCEL_CASE,
      searchCodes: SEARCH_CASE,
      getTerminologyStatus: EMPTY_CASE,
      lookupCode: LOOKUP_CASE,
      checkAcceptedCodes: CHECK_ACCEPTED_CASE,
      getEngineProgress: EMPTY_CASE,
      saveNoteReview: SAVE_REVIEW_CASE,
      loadNoteReview: LOAD_REVIEW_CASE,
      ...LEARNING_CASES,
      ...ENCOUNTER_CASES,
    },
  ],
  'background → offscreen': [
    BACKGROUND_TO_OFFSCREEN_VALIDATORS,
    {
      codeText: CODE_TEXT_CASE,
      cancelCodeText: CANCEL_CASE,
      searchCodes: SEARCH_CASE,
      getTerminologyStatus: EMPTY_CASE,
      lookupCode: LOOKUP_CASE,
      checkAcceptedCodes: CHECK_ACCEPTED_CASE,
      getEngineProgress: EMPTY_CASE,
      ...LEARNING_CASES,
      summarizeEncounter: {
        valid: [{ encounter: ENCOUNTER }],
        invalid: [
          {},
          { encounter: { ...ENCOUNTER, setting: 'icu' } },
          { encounter: { ...ENCOUNTER, notes: Array(101).fill(NOTE_ENTRY) } },
          { encounter: { ...ENCOUNTER, principal: 'x' } },
        ],
      },
    },
  ],
  'background → content': [
    BACKGROUND_TO_CONTENT_VALIDATORS,
    { ping: EMPTY_CASE, openPanel: EMPTY_CASE, codeSelection: SELECTION_CASE },
  ],
};

describe.each(Object.entries(TABLES))(
  'payload validators, %s',
  (_direction, [validators, cases]) => {
    it('has a test case for every message type (and no stale ones)', () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(validators).sort());
    });

    for (const type of Object.keys(cases)) {
      describe(type, () => {
        const validator = validators[type]!;
        const { valid, invalid } = cases[type]!;

        it('accepts well-formed payloads', () => {
          for (const data of valid)
            expect(validator.check(data), JSON.stringify(data)?.slice(0, 80)).toBe(true);
        });

        it('refuses malformed payloads without throwing', () => {
          for (const data of [...NEVER_VALID, ...invalid]) {
            expect(() => validator.check(data)).not.toThrow();
            expect(
              validator.check(data),
              `${type}: ${String(JSON.stringify(data))?.slice(0, 80)}`,
            ).toBe(false);
          }
        });

        it('ignores inherited properties: a crafted prototype or a polluted Object.prototype', () => {
          const inherited = {
            text: 'x',
            query: 'x',
            limit: 5,
            code: 'I10',
            codes: [],
            noteKey: NOTE_KEY,
            review: REVIEW,
            selectionText: 'x',
            setting: 'outpatient',
            scope: 'reportable',
          };
          expect(validator.check(Object.create(inherited))).toBe(false);
          const proto = Object.prototype as Record<string, unknown>;
          try {
            Object.assign(proto, inherited);
            if (validator.expected !== '{}')
              expect(validator.check({}), 'polluted Object.prototype').toBe(false);
          } finally {
            for (const key of Object.keys(inherited)) delete proto[key];
          }
        });

        it('describes the expected shape for error messages', () => {
          expect(validator.expected.length).toBeGreaterThan(1);
        });
      });
    }
  },
);
