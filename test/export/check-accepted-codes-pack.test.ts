// The accepted-list rules on the real ICD-10-CM pack (a data-dependent test: the "data" vitest
// project). The same rules run on synthetic facts and the synthetic pack in check-accepted-codes.test.ts.
import { describe, expect, it } from 'vitest';
import { checkAcceptedCodes } from '../../src/export/check-accepted-codes.js';
import { factsFrom } from '../helpers/code-facts.js';
import { testOntology } from '../helpers/load-pack.js';

describe('checkAcceptedCodes (the real ICD-10-CM pack)', () => {
  it('flags type 1 with type 2 diabetes (E11 Excludes1 E10) and asks E11.22 for its CKD stage', () => {
    const lookup = factsFrom(testOntology());
    const notes = checkAcceptedCodes([{ code: 'E10.9' }, { code: 'E11.22' }], lookup);
    expect(
      notes.get('E11.22')!.some((n) => n.rule === 'excludes1' && n.codes?.includes('E10.9')),
    ).toBe(true);
    expect(notes.get('E10.9')!.some((n) => n.rule === 'excludes1')).toBe(true);
    expect(
      notes
        .get('E11.22')!
        .some((n) => n.rule === 'use-additional' && n.codes?.some((c) => c.startsWith('N18'))),
    ).toBe(true);
    const satisfied = checkAcceptedCodes([{ code: 'E11.22' }, { code: 'N18.31' }], lookup);
    expect(
      satisfied
        .get('E11.22')!
        .some((n) => n.rule === 'use-additional' && n.codes?.some((c) => c.startsWith('N18'))),
    ).toBe(false);
  });

  it('flags a fracture code without its 7th character, and unspecified knee with a documented side', () => {
    const lookup = factsFrom(testOntology());
    expect(
      checkAcceptedCodes([{ code: 'S72.001' }], lookup)
        .get('S72.001')!
        .map((n) => n.rule),
    ).toContain('seventh-character');
    const knee = checkAcceptedCodes(
      [{ code: 'M17.10', documentedLaterality: 'right' }],
      lookup,
    ).get('M17.10')!;
    expect(knee.find((n) => n.rule === 'unspecified-laterality')?.codes).toEqual(['M17.11']);
  });
});
