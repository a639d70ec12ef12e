import { describe, expect, it } from 'vitest';
import { phraseKey, phraseTokens } from '../../src/eval/phrase-tokens.js';

describe('phraseTokens', () => {
  it('lowercases, folds diacritics and splits on non-alphanumerics with offsets', () => {
    const text = 'A 17-year-old with Neumonía (T2DM).';
    const toks = phraseTokens(text);
    expect(toks.map((t) => t.token)).toEqual([
      'a',
      '17',
      'year',
      'old',
      'with',
      'neumonia',
      't2dm',
    ]);
    for (const t of toks)
      expect(
        text
          .slice(t.start, t.end)
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, ''),
      ).toBe(t.token);
  });
  it('keys phrases by single-space-joined tokens', () => {
    expect(phraseKey('  Right   orchi-epididymitis ')).toBe('right orchi epididymitis');
  });
});
