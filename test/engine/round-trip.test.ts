/**
 * Round trips through the official files (src/eval/round-trip.ts) on a fixed slice of every
 * 5th case: each Alphabetic Index path and each billable title, written as a one-line
 * assessment, comes back as its own code in reportable scope. The whole set runs with
 * `node dist/tools/round-trip.mjs` (figures in docs/BENCHMARKS.md); these floors catch a
 * regression of the locate-and-verify walk in CI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCoder, type Coder } from '../../src/engine/create-coder.js';
import type { RankerModel } from '../../src/engine/code-ranker.js';
import { toDotless } from '../../src/ontology/fold-text.js';
import {
  indexRoundTripCases,
  roundTripHolds,
  titleRoundTripCases,
  type RoundTripCase,
} from '../../src/eval/round-trip.js';
import { REPO, testLexicons, testOntology } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  const ranker = JSON.parse(
    readFileSync(path.join(REPO, 'models', 'code-ranker.json'), 'utf8'),
  ) as RankerModel;
  coder = createCoder(testOntology(), { lexicons: testLexicons(), ranker });
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
  it('a sentence that names a title with the opposite "not" is not that code', () => {
    const got = coder
      .code('Assessment: drug-induced headache, not elsewhere classified, intractable.', {
        setting: 'outpatient',
      })
      .codes.map((c) => c.code);
    expect(got).not.toContain('G44.40');
  });
});
