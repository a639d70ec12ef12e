// Section detection with the built lexicon pack's patterns (dist/packs/lexicons.json): a
// data-dependent test, run by the "data" vitest project (vitest.config.ts).
import { describe, expect, it } from 'vitest';
import { compileSectionPatterns, detectSections } from '../../src/text/index.js';
import { testLexicons } from '../helpers/load-pack.js';

describe('detectSections with the lexicon pack', () => {
  it('uses the pack patterns, with our corrections to medspaCy categories', () => {
    const compiled = compileSectionPatterns(testLexicons().sections.patterns);
    const secs = detectSections(
      'PSH: appendectomy\nDISCHARGE DIAGNOSES: CHF\nMICROBIOLOGY SPECIMEN SUMMARY: none',
      compiled,
    );
    expect(secs.map((s) => s.category)).toEqual([
      'past_surgical_history',
      'discharge_diagnoses',
      'labs_and_studies',
    ]);
  });
});
