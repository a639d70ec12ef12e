import { describe, expect, it } from 'vitest';
import {
  codeCategory,
  codeChapterLetter,
  dottedCode,
  normalizeCode,
} from '../../src/eval/normalize-code.js';

describe('normalizeCode', () => {
  it('uppercases, drops dots and trims', () => {
    expect(normalizeCode(' n44.8 ')).toBe('N448');
    expect(normalizeCode('z20.818')).toBe('Z20818');
    expect(normalizeCode('R52')).toBe('R52');
  });
  it('rejects empty and malformed input, saying what came', () => {
    expect(() => normalizeCode('  ')).toThrow(/non-empty/);
    expect(() => normalizeCode('N44 8')).toThrow(/"N44 8"/);
  });
  it('derives category, chapter letter and dotted form', () => {
    expect(codeCategory('n44.8')).toBe('N44');
    expect(codeChapterLetter('n44.8')).toBe('N');
    expect(dottedCode('z20818')).toBe('Z20.818');
    expect(dottedCode('r52')).toBe('R52');
  });
});

describe('codiespCanonicalCode', () => {
  it('drops the 7th character of injury codes and trailing X placeholders', async () => {
    const { codiespCanonicalCode } = await import('../../src/eval/normalize-code.js');
    expect(codiespCanonicalCode('S02.5XXA')).toBe('S025');
    expect(codiespCanonicalCode('s02.5xx')).toBe('S025');
    expect(codiespCanonicalCode('W19.XXXA')).toBe('W19');
    expect(codiespCanonicalCode('T14.90XA')).toBe('T1490');
    expect(codiespCanonicalCode('R40.2430')).toBe('R402430');
    expect(codiespCanonicalCode('O40.9XX0')).toBe('O409XX0');
    expect(codiespCanonicalCode('N44.8')).toBe('N448');
  });
});
