// The context layer scored on the discharge-style development set
// (test/fixtures/assertion-benchmark/discharge-negation-dev.tsv, written for the project; see
// SOURCE.md there) with the built lexicon pack: a data-dependent test
// (test/data-dependent-tests.ts). The floors are the measured figures, so a change that loses
// findings fails here.
import { describe, expect, it } from 'vitest';
import { scoreAssertionSet } from '../helpers/score-assertion-set.js';

describe('discharge-style negation development set (test/fixtures/assertion-benchmark)', () => {
  const { targets, score: s } = scoreAssertionSet('discharge-negation-dev.tsv');

  it('has at least 300 findings in at least 180 sentences', () => {
    expect(targets.length).toBeGreaterThanOrEqual(300);
    expect(new Set(targets.map((t) => t.sentence)).size).toBeGreaterThanOrEqual(180);
  });

  it('the context layer keeps its measured negation precision, recall and accuracy', () => {
    expect(s.coverage).toBe(1);
    expect(s.byCategory.negated.precision).toBeGreaterThanOrEqual(0.995);
    expect(s.byCategory.negated.recall).toBeGreaterThanOrEqual(0.995);
    expect(s.byCategory.negated.f1).toBeGreaterThanOrEqual(0.995);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.975);
  });
});
