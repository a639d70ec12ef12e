import { describe, expect, it } from 'vitest';
import {
  checkAcceptedCodes,
  findDocumentedLaterality,
  type CodeFacts,
} from '../../src/export/check-accepted-codes.js';
import { factsFrom } from '../helpers/code-facts.js';
import { syntheticOntology } from '../helpers/synthetic-pack.js';

const FAKE: Record<string, CodeFacts> = {
  'A01.1': {
    code: 'A01.1',
    title: 'Alpha',
    billable: true,
    notes: { excludes1: [{ text: 'beta (B02.-)', refs: [{ from: 'B02' }] }] },
    siblings: [],
  },
  'B02.2': { code: 'B02.2', title: 'Beta', billable: true, notes: {}, siblings: [] },
  'C03.3': {
    code: 'C03.3',
    title: 'Gamma',
    billable: true,
    notes: { useAdditionalCode: [{ text: 'code for delta (D04.4)' }] },
    siblings: [],
  },
  'D04.4': { code: 'D04.4', title: 'Delta', billable: true, notes: {}, siblings: [] },
  'M17.10': {
    code: 'M17.10',
    title: 'Unilateral primary osteoarthritis, unspecified knee',
    billable: true,
    notes: {},
    siblings: [
      { code: 'M17.11', title: 'Unilateral primary osteoarthritis, right knee' },
      { code: 'M17.12', title: 'Unilateral primary osteoarthritis, left knee' },
    ],
  },
  'S72.001': {
    code: 'S72.001',
    title: 'Fracture of unspecified part of neck of right femur',
    billable: false,
    notes: {},
    seventhCharacter: { chars: { A: 'initial encounter for closed fracture' } },
    siblings: [],
  },
};
const fake = (code: string) => FAKE[code];

describe('checkAcceptedCodes (synthetic facts)', () => {
  it('flags an Excludes1 pair on both codes', () => {
    const notes = checkAcceptedCodes([{ code: 'A01.1' }, { code: 'B02.2' }], fake);
    expect(notes.get('A01.1')!.map((n) => n.rule)).toEqual(['excludes1']);
    expect(notes.get('B02.2')![0]!.codes).toEqual(['A01.1']);
    expect(checkAcceptedCodes([{ code: 'A01.1' }], fake).get('A01.1')).toEqual([]);
  });

  it('asks for a missing use-additional partner, and stops once it is accepted', () => {
    expect(
      checkAcceptedCodes([{ code: 'C03.3' }], fake)
        .get('C03.3')!
        .map((n) => n.rule),
    ).toEqual(['use-additional']);
    expect(checkAcceptedCodes([{ code: 'C03.3' }, { code: 'D04.4' }], fake).get('C03.3')).toEqual(
      [],
    );
  });

  it('suggests the documented side for an unspecified-laterality code', () => {
    const [note] = checkAcceptedCodes([{ code: 'M17.10', documentedLaterality: 'left' }], fake).get(
      'M17.10',
    )!;
    expect(note).toMatchObject({ rule: 'unspecified-laterality', codes: ['M17.12'] });
    expect(checkAcceptedCodes([{ code: 'M17.10' }], fake).get('M17.10')).toEqual([]);
  });

  it('flags a missing 7th character and unknown codes', () => {
    expect(
      checkAcceptedCodes([{ code: 'S72.001' }], fake)
        .get('S72.001')!
        .map((n) => n.rule),
    ).toEqual(['seventh-character']);
    expect(
      checkAcceptedCodes([{ code: 'Q99.99' }], fake)
        .get('Q99.99')!
        .map((n) => n.rule),
    ).toEqual(['unknown-code']);
  });

  it('finds laterality near a span', () => {
    const text =
      'Assessment: osteoarthritis of the left knee. Right shoulder fine later on in the note.';
    expect(findDocumentedLaterality(text, 12, 26)).toBe('left');
    expect(findDocumentedLaterality('knee pain', 0, 4)).toBeUndefined();
  });
});

describe('checkAcceptedCodes (the synthetic pack)', () => {
  const lookup = factsFrom(syntheticOntology());

  it('flags type 1 with type 2 diabetes (E11 Excludes1 E10) and asks E11.22 for its CKD stage', () => {
    const notes = checkAcceptedCodes([{ code: 'E10.9' }, { code: 'E11.22' }], lookup);
    expect(
      notes.get('E11.22')!.some((n) => n.rule === 'excludes1' && n.codes?.includes('E10.9')),
    ).toBe(true);
    expect(notes.get('E10.9')!.some((n) => n.rule === 'excludes1')).toBe(true);
    expect(notes.get('E11.22')!.some((n) => n.rule === 'use-additional')).toBe(true);
    const satisfied = checkAcceptedCodes([{ code: 'E11.22' }, { code: 'N18.31' }], lookup);
    expect(satisfied.get('E11.22')!.some((n) => n.rule === 'use-additional')).toBe(false);
  });

  it('flags a fracture code without its 7th character, and unspecified knee with a documented side', () => {
    expect(
      checkAcceptedCodes([{ code: 'S72.001' }], lookup)
        .get('S72.001')!
        .map((n) => n.rule),
    ).toContain('seventh-character');
    expect(
      checkAcceptedCodes([{ code: 'S72.001A' }], lookup)
        .get('S72.001A')!
        .map((n) => n.rule),
    ).not.toContain('seventh-character');
    const knee = checkAcceptedCodes(
      [{ code: 'M17.10', documentedLaterality: 'right' }],
      lookup,
    ).get('M17.10')!;
    expect(knee.find((n) => n.rule === 'unspecified-laterality')?.codes).toEqual(['M17.11']);
  });
});
