import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertContext, compileContextRules, readLexiconPack } from '../../src/context/index.js';
import { parseAssertionSet, scoreAssertions, type AssertionTarget } from '../../src/eval/score-assertions.js';
import { LEXICON_PATH, REPO } from '../helpers/load-pack.js';

const SET = path.join(REPO, 'test', 'fixtures', 'assertion-benchmark', 'public-assertion-examples.tsv');

describe('parseAssertionSet', () => {
  it('reads rows, finds the n-th occurrence and skips comments', () => {
    const rows = parseAssertionSet('# header\nx\tNo fever, then fever.\tfever\t2\tpresent\n');
    expect(rows).toEqual([{ source: 'x', sentence: 'No fever, then fever.', start: 15, end: 20, label: 'present' }]);
  });
  it('names the line of a bad label or a missing target', () => {
    expect(() => parseAssertionSet('x\tNo fever.\tfever\t1\tabsent')).toThrow(/line 1: unknown label/);
    expect(() => parseAssertionSet('x\tNo fever.\tcough\t1\tnegated')).toThrow(/line 1: target not found/);
  });
});

describe('scoreAssertions', () => {
  const t = (label: AssertionTarget['label']): AssertionTarget => ({ source: 's', sentence: 'x', start: 0, end: 1, label });
  it('counts coverage and one-vs-rest P/R/F1 over covered targets', () => {
    const targets = [t('negated'), t('negated'), t('present'), t('historical')];
    const s = scoreAssertions(targets, ['negated', 'present', 'negated', null]);
    expect(s.coverage).toBe(0.75);
    expect(s.byCategory.negated).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.byCategory.historical).toMatchObject({ tp: 0, fp: 0, fn: 0 });
    expect(s.accuracy).toBeCloseTo(1 / 3);
  });
});

describe('public assertion examples (test/fixtures/assertion-benchmark)', () => {
  it.skipIf(!existsSync(LEXICON_PATH))('the context layer reaches negation F1 >= 0.95 on every labelled finding', () => {
    const rules = compileContextRules(readLexiconPack(JSON.parse(readFileSync(LEXICON_PATH, 'utf8'))).context.rules);
    const targets = parseAssertionSet(readFileSync(SET, 'utf8'));
    const s = scoreAssertions(targets, targets.map((x) => assertContext(x.sentence, [x], rules)[0]!.assertion));
    expect(s.coverage).toBe(1);
    expect(s.byCategory.negated.f1).toBeGreaterThanOrEqual(0.95);
  });
});
