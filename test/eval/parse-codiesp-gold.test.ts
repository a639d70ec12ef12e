import { describe, expect, it } from 'vitest';
import { documentFrequencies, parseCodiespCodes } from '../../src/eval/parse-codiesp-gold.js';
import { parseCodiespTrainStats, trainDocFreqMap } from '../../src/eval/codiesp-train-stats.js';

describe('parseCodiespCodes', () => {
  it('groups normalised codes by document and collapses repeats', () => {
    const gold = parseCodiespCodes('d1\tn44.8\nd1\tr52\r\nd1\tn44.8\n\nd2\tr52\n');
    expect([...gold.get('d1')!]).toEqual(['N448', 'R52']);
    expect(documentFrequencies(gold)).toEqual(
      new Map([
        ['N448', 1],
        ['R52', 2],
      ]),
    );
  });
  it('names the bad line', () => {
    expect(() => parseCodiespCodes('d1\tn44.8\nd2 r52\n')).toThrow(/line 2, got 1 field/);
  });
});

describe('parseCodiespTrainStats', () => {
  const ok = {
    format: 'marginalia-codiesp-train-stats',
    formatVersion: 1,
    codeDocFreq: { R52: 3 },
    phrases: [{ phrase: 'pain', code: 'R52', count: 2, docFreqOfPhrase: 10, precision: 0.2 }],
  };
  it('accepts a well-formed file and exposes frequencies', () => {
    expect(trainDocFreqMap(parseCodiespTrainStats(ok)).get('R52')).toBe(3);
  });
  it('rejects wrong formats and unnormalised keys', () => {
    expect(() => parseCodiespTrainStats({ ...ok, format: 'x' })).toThrow(
      /expected format .* got "x"/,
    );
    expect(() => parseCodiespTrainStats({ ...ok, codeDocFreq: { r52: 3 } })).toThrow(
      /normalised codes, got "r52"/,
    );
  });
});
