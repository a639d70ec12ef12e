/**
 * Round trips through the official files (src/eval/round-trip.ts) on a fixed slice of every
 * 5th case: each Alphabetic Index path and each billable title, written as a one-line
 * assessment, comes back as its own code in reportable scope. The whole set runs with
 * `node dist/tools/round-trip.mjs` (figures in docs/BENCHMARKS.md); these floors catch a
 * regression of the locate-and-verify walk in CI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/engine/create-coder.js';
import { toDotless } from '../../src/ontology/fold-text.js';
import {
  indexRoundTripCases,
  roundTripHolds,
  titleRoundTripCases,
  type RoundTripCase,
} from '../../src/eval/round-trip.js';
import { testCoder, testOntology } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = testCoder();
}, 120_000);

function share(cases: RoundTripCase[]): number {
  const slice = cases.filter((_, i) => i % 5 === 0);
  const onto = coder.ontology;
  const isUnder = (code: string, ancestor: string): boolean =>
    code.startsWith(ancestor) && onto.isBillable(code);
  const held = slice.filter((c) => {
    const got = coder
      .code(c.text, { scope: 'reportable', setting: 'outpatient' })
      .codes.map((s) => toDotless(s.code));
    return roundTripHolds(c, got, isUnder);
  }).length;
  return held / slice.length;
}

describe('round trips through the official files', () => {
  it('builds one case per coded Index row and per billable title', () => {
    const pack = testOntology().pack;
    expect(titleRoundTripCases(pack)).toHaveLength(74_260);
    expect(indexRoundTripCases(pack).length).toBeGreaterThan(60_000);
  });
  it('Index paths come back as their code (floor 97.5%)', () => {
    expect(share(indexRoundTripCases(testOntology().pack))).toBeGreaterThanOrEqual(0.975);
  }, 300_000);
  it('billable titles come back as exactly their code (floor 99.5%)', () => {
    expect(share(titleRoundTripCases(testOntology().pack))).toBeGreaterThanOrEqual(0.995);
  }, 300_000);
  // The rules behind the figures, each on a wording a note would use (not a test path).
  it.each([
    // "Fracture, traumatic" is what "fracture" alone means; its subterms are walked.
    ['Assessment: nondisplaced fracture of lateral epicondyle of right humerus.', 'S42.434A'],
    // A one-word Index entry filed under an "other specified" or NEC code.
    ['Assessment: tenesmus.', 'R19.8'],
    ['Assessment: hemopericardium.', 'I31.2'],
    // "Disorder, electrolyte": the main term's word is required, and enough.
    ['Assessment: electrolyte disorder.', 'E87.8'],
    // "Ependymoma, unspecified site" is the default without a site.
    ['Assessment: ependymoma.', 'C71.9'],
    // The longer catch-all ("Incontinence, urine, reflex" N39.498) says more than R32.
    ['Assessment: reflex urinary incontinence.', 'N39.498'],
    // "Diabetes, due to drug or chemical" keeps E09; "specified type NEC" needs "specified".
    ['Assessment: drug-induced diabetes with hyperosmolarity.', 'E09.00'],
    ['Assessment: type 2 diabetes with periodontal disease.', 'E11.630'],
  ])('%s → %s', (text, code) => {
    expect(coder.code(text, { setting: 'outpatient' }).codes.map((c) => c.code)).toEqual([code]);
  });
  it('a sentence that names a title with the opposite "not" is not that code', () => {
    const got = coder
      .code('Assessment: drug-induced headache, not elsewhere classified, intractable.', {
        setting: 'outpatient',
      })
      .codes.map((c) => c.code);
    expect(got).not.toContain('G44.40');
  });
});
