// The context layer scored on the discharge-style development set
// (test/fixtures/assertion-benchmark/discharge-negation-dev.tsv, written for the project; see
// SOURCE.md there) with the built lexicon pack: a data-dependent test
// (test/data-dependent-tests.ts). The floors are the measured figures, so a change that loses
// findings fails here.
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
  'discharge-negation-dev.tsv',
);

describe('discharge-style negation development set (test/fixtures/assertion-benchmark)', () => {
  const rules = compileContextRules(
    readLexiconPack(JSON.parse(readFileSync(LEXICON_PATH, 'utf8'))).context.rules,
  );
  const targets = parseAssertionSet(readFileSync(SET, 'utf8'));
  const s = scoreAssertions(
    targets,
    targets.map((x) => assertContext(x.sentence, [x], rules)[0]!.assertion),
  );

  it('has at least 300 findings in at least 180 sentences', () => {
    expect(targets.length).toBeGreaterThanOrEqual(300);
    expect(new Set(targets.map((t) => t.sentence)).size).toBeGreaterThanOrEqual(180);
  });

  it('the context layer keeps its measured negation precision, recall and accuracy', () => {
    expect(s.coverage).toBe(1);
    expect(s.byCategory.negated.precision).toBeGreaterThanOrEqual(0.995);
    expect(s.byCategory.negated.recall).toBeGreaterThanOrEqual(0.995);
    expect(s.byCategory.negated.f1).toBeGreaterThanOrEqual(0.995);
    expect(s.accuracy).toBeGreaterThanOrEqual(0.975);
  });
});
