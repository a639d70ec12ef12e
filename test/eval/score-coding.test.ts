import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  averagePrecision,
  formatEvalReport,
  frequencyBucket,
  scoreCoding,
} from '../../src/eval/score-coding.js';

// Hand-computed example used by several tests.
//   d1 gold {N44.8, R52, A23.9}; ranked N44.8, N44.1, R52, n44.8 (repeat, dropped), R50.9
//   d2 gold {I10}; no predictions
//   d3 no gold; predicted Z20.818 (counts as a false positive, ignored by MAP)
const gold = new Map<string, Set<string>>([
  ['d1', new Set(['n44.8', 'r52', 'a23.9'])],
  ['d2', new Set(['i10'])],
]);
const predictions = new Map<string, string[]>([
  ['d1', ['N44.8', 'N44.1', 'R52', 'n44.8', 'R50.9']],
  ['d3', ['Z20.818']],
]);
const trainDocFreq = new Map([
  ['N448', 7],
  ['R52', 3],
  ['I10', 5],
]);

describe('scoreCoding', () => {
  const report = scoreCoding(gold, predictions, { trainDocFreq });

  it('computes micro P/R/F1 on exact codes over unique pairs', () => {
    // TP: N448, R52. FP: N441, R509, Z20818. FN: A239, I10.
    expect(report.exact.truePositives).toBe(2);
    expect(report.exact.falsePositives).toBe(3);
    expect(report.exact.falseNegatives).toBe(2);
    expect(report.exact.precision).toBeCloseTo(2 / 5, 12);
    expect(report.exact.recall).toBeCloseTo(2 / 4, 12);
    expect(report.exact.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9, 12);
  });

  it('computes category scores on sets of 3-character categories', () => {
    // d1 gold {N44,R52,A23} vs pred {N44,R52,R50}; d2 gold {I10}; d3 pred {Z20}.
    expect(report.category).toMatchObject({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 2,
    });
    expect(report.category.f1).toBeCloseTo(0.5, 12);
  });

  it('computes MAP like trectools: AP over gold docs, missing docs score 0', () => {
    // d1 ranks after dropping the repeat: N448(1) N441(2) R52(3) R509(4): AP = (1/1 + 2/3) / 3.
    const ap1 = (1 + 2 / 3) / 3;
    expect(report.map).toBeCloseTo((ap1 + 0) / 2, 12);
    expect(report.goldDocuments).toBe(2);
    expect(report.predictedDocumentsWithoutGold).toBe(1);
  });

  it('splits recall by training frequency', () => {
    expect(report.recallByTrainFrequency).toEqual([
      { key: 'never', gold: 1, found: 0, recall: 0 }, // A239
      { key: '1-4', gold: 1, found: 1, recall: 1 }, // R52
      { key: '5+', gold: 2, found: 1, recall: 0.5 }, // N448 found, I10 missed
    ]);
  });

  it('gives recall per chapter letter, sorted', () => {
    expect(report.recallByChapter.map((g) => [g.key, g.gold, g.found])).toEqual([
      ['A', 1, 0],
      ['I', 1, 0],
      ['N', 1, 1],
      ['R', 1, 1],
    ]);
  });

  it('has no frequency buckets without frequencies', () => {
    expect(scoreCoding(gold, predictions).recallByTrainFrequency).toBeNull();
  });

  it('applies the set threshold to P/R/F1 but not to MAP', () => {
    const scored = new Map([
      [
        'd1',
        [
          { code: 'N44.8', score: 0.9 },
          { code: 'N44.1', score: 0.2 },
          { code: 'R52', score: 0.6 },
        ],
      ],
    ]);
    const r = scoreCoding(gold, scored, { setThreshold: 0.5 });
    expect(r.exact).toMatchObject({ truePositives: 2, falsePositives: 0, falseNegatives: 2 });
    expect(r.map).toBeCloseTo((1 + 2 / 3) / 3 / 2, 12);
  });

  it('counts a ranked-only entry (reported: false) for MAP, never for P/R/F1', () => {
    const ranked = new Map([
      [
        'd1',
        [
          { code: 'N44.8', score: 0.9 },
          { code: 'R52', score: 0.2, reported: false },
        ],
      ],
    ]);
    const r = scoreCoding(gold, ranked);
    expect(r.exact).toMatchObject({ truePositives: 1, falsePositives: 0 });
    const alone = scoreCoding(gold, new Map([['d1', [{ code: 'N44.8', score: 0.9 }]]]));
    expect(r.map).toBeGreaterThan(alone.map);
  });

  it('drops predicted codes outside validCodes', () => {
    const r = scoreCoding(gold, predictions, { validCodes: new Set(['N448', 'R52']) });
    expect(r.exact.falsePositives).toBe(0);
    // Ranked list is now N448, R52: AP(d1) = (1 + 1) / 3.
    expect(r.map).toBeCloseTo(2 / 3 / 2, 12);
  });

  it('rejects malformed codes and depths with a message saying what came', () => {
    expect(() => scoreCoding(gold, new Map([['d1', ['N44 8']]]))).toThrow(/N44 8/);
    expect(() => scoreCoding(gold, predictions, { mapDepth: 0 })).toThrow(/mapDepth.*0/);
  });

  it('formats a readable table', () => {
    const text = formatEvalReport(report);
    expect(text).toContain('exact');
    expect(text).toContain('MAP (depth 1000): 0.278');
    expect(text).toMatch(/5\+\s+2\s+1\s+50\.0%/);
  });
});

describe('averagePrecision', () => {
  it('cuts at depth after dropping repeats', () => {
    expect(averagePrecision(['X', 'A'], new Set(['A']), 1)).toBe(0);
    expect(averagePrecision(['X', 'X', 'A'], new Set(['A']), 2)).toBeCloseTo(0.5, 12);
  });
  it('divides by all gold codes, retrieved or not', () => {
    expect(averagePrecision(['A'], new Set(['A', 'B', 'C', 'D']))).toBeCloseTo(0.25, 12);
  });
  it('is 1 for a list that starts with all gold codes, in any order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { minLength: 1 }),
        fc.array(fc.constant('Z')),
        (g, tail) => {
          const ranked: string[] = [...[...g].reverse(), ...tail];
          expect(averagePrecision(ranked, new Set(g))).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});

describe('frequencyBucket', () => {
  it('uses never, 1-4, 5+', () => {
    expect([0, 1, 4, 5, 99].map(frequencyBucket)).toEqual(['never', '1-4', '1-4', '5+', '5+']);
    expect(() => frequencyBucket(-1)).toThrow(/>= 0, got -1/);
  });
});

describe('scoreCoding properties', () => {
  const codeArb = fc.constantFrom('A01.1', 'A01.2', 'B20', 'C50.911', 'R52', 'R50.9');
  it('keeps ratios in [0,1] and scores a perfect coder 1', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.uniqueArray(codeArb, { minLength: 1 })),
        (dict) => {
          const g = new Map(Object.entries(dict).map(([k, v]) => [k, new Set(v)]));
          const perfect = scoreCoding(g, new Map(Object.entries(dict)));
          if (g.size > 0) {
            expect(perfect.exact.f1).toBeCloseTo(1, 12);
            expect(perfect.category.f1).toBeCloseTo(1, 12);
            expect(perfect.map).toBeCloseTo(1, 12);
          }
          const reversed = scoreCoding(
            g,
            new Map(Object.entries(dict).map(([k, v]) => [k, ['Z99.9', ...v]])),
          );
          for (const x of [reversed.exact.precision, reversed.exact.recall, reversed.map]) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});

describe('scoreCoding canonicalize option', () => {
  it('matches 7th-character codes in CodiEsp form when asked, not by default', async () => {
    const { codiespCanonicalCode } = await import('../../src/eval/normalize-code.js');
    const g = new Map([['d', new Set(['s02.5xx', 'w19.xxx'])]]);
    const p = new Map([['d', ['S02.5XXA', 'W19.XXXA']]]);
    expect(scoreCoding(g, p).exact.truePositives).toBe(0);
    const r = scoreCoding(g, p, {
      canonicalize: codiespCanonicalCode,
      trainDocFreq: new Map([['W19XXX', 6]]),
    });
    expect(r.exact.truePositives).toBe(2);
    expect(r.map).toBeCloseTo(1, 12);
    expect(r.recallByTrainFrequency?.find((b) => b.key === '5+')?.gold).toBe(1);
  });
});
