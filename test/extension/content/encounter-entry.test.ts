import { describe, expect, it } from 'vitest';
import { buildEncounterEntry } from '../../../extension/content/encounter-entry.js';
import type { CodeSuggestion } from '../../../src/engine/coding-types.js';
import { addNoteToEncounter, startEncounter } from '../../../src/encounter/encounter-record.js';

const TEXT =
  'History and Physical\nChief complaint: leg swelling. Zebra sentinel 4711 quartz.\nAssessment: Type 2 diabetes. Continue metformin.';
const start = TEXT.indexOf('Type 2 diabetes');
const SUGGESTION: CodeSuggestion = {
  code: 'E11.9',
  system: 'ICD-10-CM',
  title: 'Type 2 diabetes mellitus without complications',
  billable: true,
  score: 0.9,
  assertion: 'present',
  group: 'principal',
  evidence: [{ start, end: start + 15, text: 'Type 2 diabetes' }],
  notes: [],
  source: 'index',
};
const NOTE = {
  text: TEXT,
  noteKey: 'ab'.repeat(32),
  review: {
    accepted: [
      { code: 'E11.9', title: SUGGESTION.title, billable: true },
      {
        code: 'Z79.84',
        title: 'Long term (current) use of oral hypoglycemic drugs',
        billable: true,
      },
    ],
    rejected: [],
  },
  suggestions: [SUGGESTION],
};
const NOW = new Date('2026-12-06T09:00:00Z');

describe('a note’s entry in the encounter', () => {
  const inpatient = startEncounter({
    id: 'e1',
    name: '',
    setting: 'inpatient',
    now: NOW.toISOString(),
  });

  it('carries the accepted codes, short evidence quotes, the note kind and a title from it', () => {
    const entry = buildEncounterEntry(NOTE, inpatient, NOW);
    expect(entry.note).toEqual({
      id: 'abababababababab',
      kind: 'history-and-physical',
      title: 'History and physical',
      addedAt: '2026-12-06T09:00:00.000Z',
    });
    expect(entry.codes.map((c) => [c.code, c.evidence, c.group])).toEqual([
      ['E11.9', ['Type 2 diabetes'], 'principal'],
      ['Z79.84', [], undefined],
    ]);
  });

  it('suggests POA from the note for an inpatient encounter (H&P → Y)', () => {
    const entry = buildEncounterEntry(NOTE, inpatient, NOW);
    expect(entry.codes[0]!.poa).toMatchObject({ indicator: 'Y', basis: 'note-kind' });
    expect(entry.codes[1]!.poa).toBeUndefined(); // added from the lookup: no evidence to read
  });

  it('has no POA for an outpatient encounter', () => {
    const outpatient = { ...inpatient, setting: 'outpatient' as const };
    expect(buildEncounterEntry(NOTE, outpatient, NOW).codes[0]!.poa).toBeUndefined();
  });

  it('never carries the note’s text beyond the evidence quotes', () => {
    const json = JSON.stringify(buildEncounterEntry(NOTE, inpatient, NOW));
    expect(json).not.toMatch(/sentinel|leg swelling|metformin/i);
  });

  it('numbers a second note of the same kind', () => {
    const other = { ...NOTE, noteKey: 'cd'.repeat(32) };
    const withFirst = addNoteToEncounter(inpatient, buildEncounterEntry(NOTE, inpatient, NOW));
    expect(buildEncounterEntry(other, withFirst, NOW).note.title).toBe('History and physical 2');
  });
});
