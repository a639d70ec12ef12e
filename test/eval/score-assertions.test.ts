import { describe, expect, it } from 'vitest';
import {
  parseAssertionSet,
  scoreAssertions,
  type AssertionTarget,
} from '../../src/eval/score-assertions.js';

describe('parseAssertionSet', () => {
  it('reads rows, finds the n-th occurrence and skips comments', () => {
    const rows = parseAssertionSet('# header\nx\tNo fever, then fever.\tfever\t2\tpresent\n');
    expect(rows).toEqual([
      { source: 'x', sentence: 'No fever, then fever.', start: 15, end: 20, label: 'present' },
    ]);
  });
  it('names the line of a bad label or a missing target', () => {
    expect(() => parseAssertionSet('x\tNo fever.\tfever\t1\tabsent')).toThrow(
      /line 1: unknown label/,
    );
    expect(() => parseAssertionSet('x\tNo fever.\tcough\t1\tnegated')).toThrow(
      /line 1: target not found/,
    );
  });
});

describe('scoreAssertions', () => {
  const t = (label: AssertionTarget['label']): AssertionTarget => ({
    source: 's',
    sentence: 'x',
    start: 0,
    end: 1,
    label,
  });
  it('counts coverage and one-vs-rest P/R/F1 over covered targets', () => {
    const targets = [t('negated'), t('negated'), t('present'), t('historical')];
    const s = scoreAssertions(targets, ['negated', 'present', 'negated', null]);
    expect(s.coverage).toBe(0.75);
    expect(s.byCategory.negated).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
    });
    expect(s.byCategory.historical).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(s.accuracy).toBeCloseTo(1 / 3);
  });
});
