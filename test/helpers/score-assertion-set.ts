// The context layer alone on a labelled assertion set of test/fixtures/assertion-benchmark,
// with the built lexicon pack (the data tests' shared setup).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertContext, compileContextRules, readLexiconPack } from '../../src/context/index.js';
import {
  parseAssertionSet,
  scoreAssertions,
  type AssertionScore,
  type AssertionTarget,
} from '../../src/eval/score-assertions.js';
import { LEXICON_PATH, REPO } from './load-pack.js';

export function scoreAssertionSet(file: string): {
  targets: AssertionTarget[];
  score: AssertionScore;
} {
  const rules = compileContextRules(
    readLexiconPack(JSON.parse(readFileSync(LEXICON_PATH, 'utf8'))).context.rules,
  );
  const set = path.join(REPO, 'test', 'fixtures', 'assertion-benchmark', file);
  const targets = parseAssertionSet(readFileSync(set, 'utf8'));
  const score = scoreAssertions(
    targets,
    targets.map((x) => assertContext(x.sentence, [x], rules)[0]!.assertion),
  );
  return { targets, score };
}
