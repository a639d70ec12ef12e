import { describe, expect, it } from 'vitest';
import * as functionWords from '../../src/text/function-words.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldTokens } from '../../src/ontology/fold-text.js';
import { DEFAULT_FEATURIZER } from '../../src/model/featurize-text.js';

const { DOCUMENTED_FILLER, SEARCH_STOP_WORDS, TITLE_FILLER } = functionWords;

describe('function-word lists', () => {
  it('hold folded single words, as the matchers compare them', () => {
    for (const [name, list] of Object.entries(functionWords))
      for (const w of list) expect(foldTokens(w), `${name}: ${w}`).toEqual([w]);
  });

  it('let the documented-title measure skip what a term may leave out', () => {
    for (const w of TITLE_FILLER) expect(DOCUMENTED_FILLER.has(w)).toBe(true);
    for (const w of ['left', 'acute', 'initial']) {
      expect(DOCUMENTED_FILLER.has(w)).toBe(true);
      expect(TITLE_FILLER.has(w)).toBe(false);
    }
  });

  it('keep the classification words searchable', () => {
    for (const w of ['other', 'unspecified', 'specified', 'with'])
      expect(SEARCH_STOP_WORDS.has(w)).toBe(false);
  });

  it("give the linker's featurizer the list the committed model was trained with", () => {
    const config = JSON.parse(
      readFileSync(path.join(import.meta.dirname, '..', '..', 'models', 'linker.json'), 'utf8'),
    ) as { featurizer: { stopWords: string[] } };
    expect(DEFAULT_FEATURIZER.stopWords).toEqual(config.featurizer.stopWords);
  });
});
