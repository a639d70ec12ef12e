import { describe, expect, it } from 'vitest';
import {
  addNoteToEncounter,
  isPastRetention,
  MAX_ENCOUNTER_NOTES,
  removeNoteFromEncounter,
  setEncounterChoices,
  startEncounter,
  titleForNote,
  toPersistentEncounter,
} from '../../src/encounter/encounter-record.js';
import type { EncounterNoteEntry } from '../../src/encounter/encounter-types.js';

const entry = (id: string, title: string, code = 'I10'): EncounterNoteEntry => ({
  note: { id, kind: 'progress', title, addedAt: '2026-12-06T08:00:00Z' },
  codes: [
    {
      code,
      title: 'Essential (primary) hypertension',
      billable: true,
      assertion: 'present',
      evidence: ['HTN on lisinopril'],
      poa: {
        indicator: 'Y',
        basis: 'stated',
        reason: 'documented as present at admission ("admitted with")',
      },
    },
  ],
});

describe('the encounter record', () => {
  const start = startEncounter({
    id: 'e1',
    name: '  Admission 12/01  ',
    setting: 'inpatient',
    now: '2026-12-06T08:00:00Z',
  });

  it('starts empty, with the name trimmed', () => {
    expect(start).toEqual({
      id: 'e1',
      name: 'Admission 12/01',
      startedAt: '2026-12-06T08:00:00Z',
      setting: 'inpatient',
      notes: [],
      confirmedPoa: {},
    });
  });

  it('adds notes in order, and the same note again replaces its codes', () => {
    const two = addNoteToEncounter(
      addNoteToEncounter(start, entry('a', 'Progress note')),
      entry('b', 'Consult'),
    );
    const again = addNoteToEncounter(two, entry('a', 'Progress note', 'I11.9'));
    expect(again.notes.map((n) => [n.note.id, n.codes[0]!.code])).toEqual([
      ['a', 'I11.9'],
      ['b', 'I10'],
    ]);
    expect(removeNoteFromEncounter(again, 'a').notes.map((n) => n.note.id)).toEqual(['b']);
  });

  it(`refuses more than ${MAX_ENCOUNTER_NOTES} notes, saying so`, () => {
    let e = start;
    for (let i = 0; i < MAX_ENCOUNTER_NOTES; i++) e = addNoteToEncounter(e, entry(`n${i}`, 'Note'));
    expect(() => addNoteToEncounter(e, entry('one-more', 'Note'))).toThrow(/at most 100 notes/);
  });

  it('keeps the coder’s principal and POA choices, and can drop the principal choice', () => {
    const chosen = setEncounterChoices(start, { principal: 'I10', confirmedPoa: { I10: 'Y' } });
    expect(chosen).toMatchObject({ principal: 'I10', confirmedPoa: { I10: 'Y' } });
    const back = setEncounterChoices(chosen, { principal: null, confirmedPoa: { E11: 'N' } });
    expect(back.principal).toBeUndefined();
    expect(back.confirmedPoa).toEqual({ I10: 'Y', E11: 'N' });
  });

  it('numbers repeated note kinds', () => {
    const one = addNoteToEncounter(start, entry('a', 'Progress note'));
    expect(titleForNote(one, 'b', 'Progress note')).toBe('Progress note 2');
    expect(titleForNote(one, 'a', 'Progress note')).toBe('Progress note');
    expect(titleForNote(one, 'c', 'Consult')).toBe('Consult');
  });

  it('keeps codes and note titles only in the persistent form: no evidence, no POA wording', () => {
    const persisted = toPersistentEncounter(addNoteToEncounter(start, entry('a', 'Progress note')));
    const json = JSON.stringify(persisted);
    expect(json).not.toContain('lisinopril');
    expect(json).not.toContain('admitted with');
    expect(persisted.notes[0]!.codes[0]).toMatchObject({
      code: 'I10',
      evidence: [],
      poa: { indicator: 'Y', reason: '' },
    });
    expect(persisted.notes[0]!.note.title).toBe('Progress note');
  });

  it('expires a persistent encounter after the retention period', () => {
    const now = new Date('2026-12-10T08:00:00Z');
    expect(isPastRetention('2026-12-06T08:00:00Z', 7, now)).toBe(false);
    expect(isPastRetention('2026-12-01T08:00:00Z', 7, now)).toBe(true);
    expect(isPastRetention('not a date', 7, now)).toBe(true);
  });
});
