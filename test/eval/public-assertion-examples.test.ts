// The context layer scored on the public assertion examples with the built lexicon pack
// (dist/packs/lexicons.json): a data-dependent test (test/data-dependent-tests.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertContext, compileContextRules, readLexiconPack } from '../../src/context/index.js';
import { parseAssertionSet, scoreAssertions } from '../../src/eval/score-assertions.js';
import { LEXICON_PATH, REPO } from '../helpers/load-pack.js';

const SET = path.join(
  REPO,
  'test',
  'fixtures',
  'assertion-benchmark',
  'public-assertion-examples.tsv',
);

describe('public assertion examples (test/fixtures/assertion-benchmark)', () => {
  it('the context layer reaches negation F1 >= 0.95 on every labelled finding', () => {
    const rules = compileContextRules(
      readLexiconPack(JSON.parse(readFileSync(LEXICON_PATH, 'utf8'))).context.rules,
    );
    const targets = parseAssertionSet(readFileSync(SET, 'utf8'));
    const s = scoreAssertions(
      targets,
      targets.map((x) => assertContext(x.sentence, [x], rules)[0]!.assertion),
    );
    expect(s.coverage).toBe(1);
    expect(s.byCategory.negated.f1).toBeGreaterThanOrEqual(0.95);
  });
});
