// The context layer scored on the public assertion examples with the built lexicon pack
// (dist/packs/lexicons.json): a data-dependent test (test/data-dependent-tests.ts).
import { describe, expect, it } from 'vitest';
import { scoreAssertionSet } from '../helpers/score-assertion-set.js';

describe('public assertion examples (test/fixtures/assertion-benchmark)', () => {
  it('the context layer reaches negation F1 >= 0.95 on every labelled finding', () => {
    const { score: s } = scoreAssertionSet('public-assertion-examples.tsv');
    expect(s.coverage).toBe(1);
    expect(s.byCategory.negated.f1).toBeGreaterThanOrEqual(0.95);
  });
});
