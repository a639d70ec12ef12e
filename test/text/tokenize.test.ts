import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/text/index.js';

const texts = (t: string): string[] => tokenize(t).map((x) => x.text);

describe('tokenize', () => {
  it('keeps clinical shorthand whole', () => {
    expect(texts('Pt s/p CABG, h/o MI w/ T2DM b.i.d. CKD 3b r/o PE c/o SOB')).toEqual([
      'pt',
      's/p',
      'cabg',
      ',',
      'h/o',
      'mi',
      'w/',
      't2dm',
      'b.i.d.',
      'ckd',
      '3b',
      'r/o',
      'pe',
      'c/o',
      'sob',
    ]);
  });

  it('reads numbers, decimals, fractions and dates as one token', () => {
    const toks = tokenize('BP 120/80, temp 38.5, 1,000 mg on 01/02/2020');
    expect(toks.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual([
      '120/80',
      '38.5',
      '1,000',
      '01/02/2020',
    ]);
  });

  it('splits contractions and possessives the way trigger lists expect', () => {
    expect(texts("doesn't have mother's")).toEqual(['does', "n't", 'have', 'mother', "'s"]);
  });

  it('reports original offsets through accents and emoji', () => {
    const t = 'Œdème 👍🏽 Hépatite C';
    for (const tok of tokenize(t)) expect(t.slice(tok.start, tok.end).length).toBeGreaterThan(0);
    const hep = tokenize(t).find((x) => x.text === 'hepatite');
    expect(hep && t.slice(hep.start, hep.end)).toBe('Hépatite');
  });

  it('property: spans are ordered, non-overlapping, in bounds and never whitespace', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 100 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.string({
            unit: fc.constantFrom(
              'a',
              'B',
              '3',
              '/',
              '.',
              "'",
              'n',
              't',
              's',
              ' ',
              '\n',
              'é',
              'e\u0301',
              '👍',
              '½',
              'ﬁ',
              '\u0000',
              '\ud83d',
              '-',
              '?',
              'ß',
            ),
            maxLength: 80,
          }),
        ),
        (t) => {
          let prevEnd = 0;
          for (const tok of tokenize(t)) {
            expect(tok.start).toBeGreaterThanOrEqual(prevEnd);
            expect(tok.end).toBeGreaterThan(tok.start);
            expect(tok.end).toBeLessThanOrEqual(t.length);
            expect(t.slice(tok.start, tok.end).trim().length).toBeGreaterThan(0);
            expect(tok.text.length).toBeGreaterThan(0);
            prevEnd = tok.end;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('tokenizes 1 MB quickly and without backtracking blow-ups', () => {
    const adversarial =
      'a.'.repeat(100000) + 'x/'.repeat(100000) + '1.'.repeat(100000) + "n't".repeat(50000);
    const t0 = performance.now();
    const toks = tokenize(adversarial);
    expect(toks.length).toBeGreaterThan(0);
    const note = 'Pt with HTN, DM2 and CKD 3b; denies chest pain but reports SOB. '.repeat(16000);
    tokenize(note);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
