import { describe, expect, it } from 'vitest';
import { expandQueryAbbreviations } from '../../src/text/expand-query-abbreviations.js';

describe('expandQueryAbbreviations', () => {
  it('spells out the abbreviations of a search query and keeps the other words', () => {
    const expanded = expandQueryAbbreviations('dm2 w ckd 3b');
    expect(expanded).toMatch(/diabetes mellitus/);
    expect(expanded).toMatch(/chronic kidney disease/);
    expect(expanded).not.toMatch(/\bdm2\b|\bckd\b/);
  });

  it('returns a query without abbreviations as typed', () => {
    expect(expandQueryAbbreviations('pleural effusion')).toBe('pleural effusion');
  });
});
