import { describe, expect, it } from 'vitest';
import { assertContext, compileContextRules } from '../../src/context/index.js';
import { matchContextRules } from '../../src/context/match-context-rules.js';
import { findScopeBoundaries } from '../../src/context/scope-boundaries.js';
import { tokenize } from '../../src/text/index.js';

const rules = compileContextRules();

/** Assertion and the scope text of the first trigger that applied. */
function read(sentence: string, mention: string): { assertion: string; scope: string | undefined } {
  const i = sentence.indexOf(mention);
  if (i < 0) throw new Error(`"${mention}" not in the sentence`);
  const a = assertContext(sentence, [{ start: i, end: i + mention.length }], rules)[0]!;
  const t = a.triggers[0];
  return {
    assertion: a.assertion,
    scope: t === undefined ? undefined : sentence.slice(t.scopeStart, t.scopeEnd),
  };
}

describe('matchContextRules', () => {
  it('keeps a phrase that starts inside an earlier one and ends after it', () => {
    const tokens = tokenize('ROS is negative for fever');
    const phrases = matchContextRules(tokens, 0, tokens.length, rules.root).map((m) =>
      tokens
        .slice(m.a, m.b + 1)
        .map((t) => t.text)
        .join(' '),
    );
    expect(phrases).toContain('negative for');
  });
  it('drops a phrase wholly inside a longer one ("consistent with" in "not consistent with")', () => {
    const tokens = tokenize('not consistent with PE');
    const phrases = matchContextRules(tokens, 0, tokens.length, rules.root).map((m) =>
      tokens
        .slice(m.a, m.b + 1)
        .map((t) => t.text)
        .join(' '),
    );
    expect(phrases).toEqual(['not consistent with']);
  });
});

describe('findScopeBoundaries', () => {
  it('marks placeholders, labels, brackets and all-caps headers', () => {
    const text = 'CT HEAD WITHOUT CONTRAST Clinical history (not given) *** INDICATION: x';
    const tokens = tokenize(text);
    const b = findScopeBoundaries(tokens, 0, tokens.length, text);
    const at = (word: string): number => tokens.findIndex((t) => t.text === word);
    expect(b.capsRunEnd[at('head')]).toBe(at('contrast'));
    expect(b.openBracket[at('given')]).toBe(at('('));
    expect(b.hard[at('*')]).toBe(1);
    expect(b.labelStart[at('indication')]).toBe(1);
  });
});

describe('scopes a reader would draw', () => {
  it.each([
    [
      'Review of systems is negative for fever, chills or cough.',
      'cough',
      'negated',
      'fever, chills or cough.',
    ],
    ['*** Study not interpretable *** INDICATION: SYNCOPE.', 'SYNCOPE', 'present', undefined],
    ['Study not interpretable, INDICATION: syncope.', 'syncope', 'present', undefined],
    [
      'Patient (not on anticoagulation) has atrial fibrillation.',
      'atrial fibrillation',
      'present',
      undefined,
    ],
    ['NO PRIOR STUDIES AVAILABLE Patient reports chest pain.', 'chest pain', 'present', undefined],
    ['No change in hearing, tinnitus or vertigo.', 'vertigo', 'negated', 'tinnitus or vertigo.'],
    ['No change in hearing, tinnitus or vertigo.', 'hearing', 'present', undefined],
    ['No increase in edema.', 'edema', 'present', undefined],
    ['None pericardial effusion.', 'pericardial effusion', 'negated', 'pericardial effusion.'],
    ['Pericardial effusion: none.', 'Pericardial effusion', 'negated', 'Pericardial effusion'],
    [
      'Pneumonia in the left lower lobe, which has since resolved.',
      'Pneumonia',
      'historical',
      'Pneumonia in the left lower lobe, which',
    ],
    ['Headache improved, nausea resolved.', 'Headache', 'present', undefined],
  ])('%s → %s is %s', (sentence, mention, assertion, scope) => {
    const r = read(sentence, mention);
    expect(r.assertion).toBe(assertion);
    if (scope !== undefined) expect(r.scope).toBe(scope);
  });
});
