import { describe, expect, it } from 'vitest';
import {
  contextFeatureIds,
  contextLogit,
  noteContext,
  type ContextCandidate,
} from '../../src/engine/context-scorer.js';
import type { RuleDocument } from '../../src/engine/rule-text.js';

/** A document whose sentences end at each period. */
function doc(text: string): RuleDocument {
  const sentences: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++)
    if (text[i] === '.') {
      sentences.push({ start, end: i + 1 });
      start = i + 2;
    }
  return { text, sentences, sections: [] };
}

function candidate(text: string, words: string, code: string, title: string): ContextCandidate {
  const start = text.indexOf(words);
  return {
    code,
    title,
    assertion: 'present',
    evidence: [{ start, end: start + words.length }],
    retrieved: false,
  };
}

describe('context scorer', () => {
  const text = 'She was admitted for chest pain. History of type 2 diabetes with kidney disease.';
  const d = doc(text);
  const e11 = candidate(
    text,
    'type 2 diabetes',
    'E119',
    'Type 2 diabetes mellitus without complications',
  );

  it('reads the words of the mention sentence only, the same way every time', () => {
    const note = noteContext(d, ['E119']);
    const ids = contextFeatureIds(note, e11, 4096);
    expect(ids).toEqual(contextFeatureIds(noteContext(d, ['E119']), e11, 4096));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    // Another first sentence changes nothing; another word beside the mention does.
    const other = 'He was seen for a cough today.'.padEnd(32, ' ') + text.slice(32);
    const moved = candidate(other, 'type 2 diabetes', 'E119', e11.title);
    expect(contextFeatureIds(noteContext(doc(other), ['E119']), moved, 4096)).toEqual(ids);
    const changed = text.replace('History of', 'Denies any');
    const near = candidate(changed, 'type 2 diabetes', 'E119', e11.title);
    expect(contextFeatureIds(noteContext(doc(changed), ['E119']), near, 4096)).not.toEqual(ids);
  });

  it('sees a more specific code of the same category among the candidates', () => {
    const alone = contextFeatureIds(noteContext(d, ['E119']), e11, 1 << 20);
    const withMore = contextFeatureIds(noteContext(d, ['E119', 'E1122']), e11, 1 << 20);
    expect(withMore.length).toBe(alone.length + 1);
    const unrelated = contextFeatureIds(noteContext(d, ['E119', 'R079']), e11, 1 << 20);
    expect(unrelated).toEqual(alone);
  });

  it('scores the sum of the weights of its buckets', () => {
    const ids = contextFeatureIds(noteContext(d, ['E119']), e11, 64);
    const weights = Array.from({ length: 64 }, (_, i) => i / 100);
    expect(contextLogit({ buckets: 64, weights }, ids)).toBeCloseTo(
      ids.reduce((s, i) => s + i / 100, 0),
      12,
    );
  });

  it('sees how much of the code title the sentence says', () => {
    const note = noteContext(d, ['E1122']);
    const title = 'Type 2 diabetes mellitus with diabetic chronic kidney disease';
    const ckd = candidate(text, 'type 2 diabetes', 'E1122', title);
    // diabetes, kidney, disease of diabetes, mellitus, diabetic, chronic, kidney, disease: half.
    const worded = contextFeatureIds(note, ckd, 1 << 20);
    const fewer = contextFeatureIds(
      note,
      { ...ckd, title: title.replace('kidney', 'liver') },
      1 << 20,
    );
    expect(fewer).not.toEqual(worded);
    expect(fewer.length).toBe(worded.length);
  });
});
