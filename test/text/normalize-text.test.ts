import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, toOriginalOffset, toOriginalSpan } from '../../src/text/index.js';

const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      'É',
      'e\u0301',
      '\u0301',
      '👍🏽',
      '\u05e9\u05dc\u05d5\u05dd',
      '\u0000',
      '\r\n',
      '\n',
      ' ',
      '\u00a0',
      '—',
      '’',
      'ﬁ',
      '½',
      'İ',
      '\ud800',
      '\udc00',
      '.',
      '?',
      'ß',
      '\u200b',
    ),
    maxLength: 60,
  }),
);

describe('normalizeText', () => {
  it('lowercases, folds accents, dashes, quotes and whitespace', () => {
    const n = normalizeText('Café – Ödème “x” it’s\u00a0OK\r\nnext');
    expect(n.text).toBe('cafe - odeme "x" it\'s ok\nnext');
  });

  it('maps spans back to the exact original characters', () => {
    const t = 'Ödème due to CHF';
    const n = normalizeText(t);
    const i = n.text.indexOf('odeme');
    const span = toOriginalSpan(n, i, i + 5);
    expect(t.slice(span.start, span.end)).toBe('Ödème');
  });

  it('keeps a decomposed accent with its letter', () => {
    const t = 'cafe\u0301 noir';
    const n = normalizeText(t);
    expect(n.text).toBe('cafe noir');
    const span = toOriginalSpan(n, 0, 4);
    expect(t.slice(span.start, span.end)).toBe('cafe\u0301');
  });

  it('collapses whitespace when asked, still covering the run', () => {
    const n = normalizeText('a   \t b', { collapseWhitespace: true });
    expect(n.text).toBe('a b');
    expect(toOriginalSpan(n, 1, 2)).toEqual({ start: 1, end: 6 });
  });

  it('property: the offset map is monotone, in bounds, and round-trips on unit boundaries', () => {
    fc.assert(
      fc.property(nasty, (t) => {
        const n = normalizeText(t);
        expect(n.starts.length).toBe(n.text.length);
        let prevStart = 0;
        for (let i = 0; i < n.text.length; i++) {
          const s = n.starts[i] as number;
          const e = n.ends[i] as number;
          expect(s).toBeGreaterThanOrEqual(prevStart);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(t.length);
          prevStart = s;
          // Never split a surrogate pair.
          const lo = t.charCodeAt(s);
          expect(
            lo >= 0xdc00 &&
              lo <= 0xdfff &&
              s > 0 &&
              t.charCodeAt(s - 1) >= 0xd800 &&
              t.charCodeAt(s - 1) <= 0xdbff,
          ).toBe(false);
          // Re-normalising the source unit yields a string containing this character.
          expect(normalizeText(t.slice(s, e)).text).toContain(n.text[i]);
        }
        expect(toOriginalOffset(n, 0)).toBe(0);
        if (n.text.length > 0) expect(toOriginalOffset(n, n.text.length)).toBe(t.length);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a huge single line in linear time', () => {
    const t = 'Pt with HTN, DM2 and CKD 3b; denies chest pain. '.repeat(20000); // ~1 MB
    const t0 = performance.now();
    const n = normalizeText(t);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(n.text.length).toBe(t.length);
  });
});
