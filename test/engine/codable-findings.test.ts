/**
 * Signs, symptoms and exam findings are coded in mentions scope even when the CodiEsp-trained
 * ranker scores them low, and a denied one is flagged in reportable scope, never dropped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/engine/create-coder.js';
import type { CodeSuggestion } from '../../src/engine/coding-types.js';
import { testCoder } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = testCoder();
}, 120_000);

function brief(s: CodeSuggestion | undefined): [string, string, string[]] | undefined {
  return s === undefined ? undefined : [s.code, s.assertion, s.evidence.map((e) => e.text)];
}

describe('codable findings in mentions scope', () => {
  it.each([
    ['He has wheezing.', 'R06.2', ['wheezing']],
    ['Exam notable for a cardiac murmur at the apex.', 'R01.1', ['cardiac murmur', 'murmur']],
    ['She reports dysuria since Monday.', 'R30.0', ['dysuria']],
    ['Lips show cyanosis.', 'R23.0', ['cyanosis']],
  ])('%s → %s', (text, code, evidence) => {
    const found = coder.code(text, { scope: 'mentions' }).codes.find((c) => c.code === code);
    expect(brief(found)).toEqual([code, 'present', evidence]);
  });

  it('keeps out words the training notes write often and never code ("magnetic resonance")', () => {
    const codes = coder
      .code('Magnetic resonance of the brain was unremarkable.', { scope: 'mentions' })
      .codes.map((c) => c.code);
    expect(codes).not.toContain('R49.9');
  });

  it('adds nothing where a kept code already covers the finding', () => {
    const codes = coder
      .code('She has had fever for three days.', { scope: 'mentions' })
      .codes.filter((c) => c.code.startsWith('R50'));
    expect(codes.map((c) => c.code)).toEqual(['R50.9']);
  });
});

describe('denied findings in reportable scope', () => {
  it('flags each denied finding with its evidence instead of dropping it', () => {
    const r = coder.code(
      'Chest: no wheezing. Heart: regular rhythm, no murmur. Skin: no cyanosis.',
    );
    for (const code of ['R06.2', 'R01.1', 'R23.0'])
      expect(r.codes.map((c) => c.code)).not.toContain(code);
    const flagged = new Map(r.flagged.map((f) => [f.code, brief(f)]));
    expect(flagged.get('R06.2')).toEqual(['R06.2', 'negated', ['wheezing']]);
    expect(flagged.get('R01.1')).toEqual(['R01.1', 'negated', ['murmur']]);
    expect(flagged.get('R23.0')).toEqual(['R23.0', 'negated', ['cyanosis']]);
  });
});

describe('the ranking below the threshold (mentions scope, for MAP)', () => {
  const text =
    'Magnetic resonance of the brain was unremarkable. History of appendectomy. ' +
    'She was admitted with fever, anemia and a urinary tract infection; no pneumonia.';

  it('lists each unreported candidate once, best first, under the ranker threshold', () => {
    const r = coder.code(text, { scope: 'mentions' });
    const tail = r.considered ?? [];
    expect(tail.length).toBeGreaterThan(0);
    const reported = new Set(r.codes.map((c) => c.code));
    expect(tail.filter((c) => reported.has(c.code))).toEqual([]);
    expect(new Set(tail.map((c) => c.code)).size).toBe(tail.length);
    const scores = tail.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(Math.max(...scores)).toBeLessThan(coder.ranker!.threshold);
  });

  it('is absent from the reportable scope', () => {
    expect(coder.code(text).considered).toBeUndefined();
  });
});
