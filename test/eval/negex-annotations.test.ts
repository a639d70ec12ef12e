// The reader for NegEx-style annotation files (src/eval/negex-annotations.ts) on a tiny file
// written for the project (test/fixtures/assertion-benchmark/negex-style-sample.tsv: CRLF, an
// extra id column, headers in mixed case, a concept written with other spacing and case, one
// concept missing from its sentence).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertContext, compileContextRules } from '../../src/context/index.js';
import {
  findConcept,
  parseNegexAnnotations,
  readingsOf,
  scoreNegexAnnotations,
} from '../../src/eval/negex-annotations.js';

const SAMPLE = readFileSync(
  path.join(import.meta.dirname, '..', 'fixtures', 'assertion-benchmark', 'negex-style-sample.tsv'),
  'utf8',
);

describe('parseNegexAnnotations', () => {
  it('finds the columns by name and each concept in its sentence; counts the missing one', () => {
    const set = parseNegexAnnotations(SAMPLE);
    expect(set.annotations).toHaveLength(6);
    expect(set.notFound).toEqual([8]);
    expect(set.hasTemporality).toBe(true);
    expect(set.hasExperiencer).toBe(true);
    const chest = set.annotations[1]!;
    expect(chest.sentence.slice(chest.start, chest.end)).toBe('CHEST  PAIN');
    expect(set.annotations.map((a) => [a.negation, a.temporality, a.experiencer])).toEqual([
      ['negated', 'recent', 'patient'],
      ['affirmed', 'recent', 'patient'],
      ['possible', 'recent', 'patient'],
      ['affirmed', 'recent', 'other'],
      ['affirmed', 'historical', 'patient'],
      ['affirmed', 'hypothetical', 'patient'],
    ]);
  });

  it('reads a file with only the required columns', () => {
    const set = parseNegexAnnotations(
      'Target\tText\tNegation Status\nPE\tPE was ruled out.\tNegated\n',
    );
    expect(set.annotations).toHaveLength(1);
    expect(set.hasTemporality).toBe(false);
    expect(set.hasExperiencer).toBe(false);
  });

  it('names the columns expected and found when the header is unknown', () => {
    expect(() => parseNegexAnnotations('Term\tNote\tStatus\nPE\tNo PE.\tNegated\n')).toThrow(
      /expected a header row naming the columns sentence \(sentence \/ text\), negation .*found "Term", "Note", "Status"/,
    );
  });

  it('counts a row with an unknown value, and fails only when no negation value is known', () => {
    const set = parseNegexAnnotations(
      'Concept\tSentence\tNegation\tTemporality\nPE\tNo PE.\tmaybe\tRecent\nPE\tNo PE.\tNegated\tlater\nPE\tNo PE.\tNegated\tRecent\n',
    );
    expect(set.unknownValue).toEqual([2, 3]);
    expect(set.annotations.map((a) => [a.line, a.temporality])).toEqual([
      [3, null],
      [4, 'recent'],
    ]);
    const s = scoreNegexAnnotations(set, [['negated'], ['negated']]);
    expect(s.negation.rows).toBe(2);
    expect(s.temporality?.rows).toBe(1);
    expect(() => parseNegexAnnotations('Concept\tSentence\tNegation\nPE\tNo PE.\tmaybe\n')).toThrow(
      /no row has a known negation value \(line 2 and 0 more\); expected one of affirmed, negated, possible/,
    );
  });
});

describe('findConcept', () => {
  it('matches case-insensitively across white space runs, and says when it is not there', () => {
    expect(findConcept('No  Acute\tDistress.', 'acute distress')).toEqual([4, 18]);
    expect(findConcept('No distress.', 'acute distress')).toBeNull();
  });
});

describe('scoreNegexAnnotations', () => {
  it('maps context categories to the three readings', () => {
    expect(readingsOf(['negated', 'family'])).toEqual({
      negation: 'negated',
      temporality: 'recent',
      experiencer: 'other',
    });
    expect(readingsOf(['possible', 'historical'])).toEqual({
      negation: 'possible',
      temporality: 'historical',
      experiencer: 'patient',
    });
    expect(readingsOf(['hypothetical', 'historical']).temporality).toBe('hypothetical');
  });

  it('scores the context layer on the sample: right on every axis, and wrong when told so', () => {
    const rules = compileContextRules();
    const set = parseNegexAnnotations(SAMPLE);
    const cats = set.annotations.map((a) => assertContext(a.sentence, [a], rules)[0]!.categories);
    const s = scoreNegexAnnotations(set, cats);
    expect(s.negation.accuracy).toBe(1);
    expect(s.negation.byValue.negated).toMatchObject({ tp: 1, fp: 0, fn: 0 });
    expect(s.temporality?.accuracy).toBe(1);
    expect(s.experiencer?.byValue.other.f1).toBe(1);
    const allPresent = scoreNegexAnnotations(
      set,
      cats.map(() => []),
    );
    expect(allPresent.negation.accuracy).toBeCloseTo(4 / 6);
    expect(allPresent.negation.byValue.negated.recall).toBe(0);
    expect(allPresent.negation.confusion.negated).toEqual({ affirmed: 1, negated: 0, possible: 0 });
  });
});
