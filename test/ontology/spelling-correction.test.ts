import { describe, expect, it } from 'vitest';
import {
  editDistanceWithin,
  soundFold,
  SpellingCorrector,
} from '../../src/ontology/spelling-correction.js';

describe('soundFold', () => {
  it('spells words by ear, so common misspellings meet the right word', () => {
    expect(soundFold('bronkitis')).toBe(soundFold('bronchitis'));
    expect(soundFold('excema')).toBe(soundFold('eczema'));
    expect(soundFold('diarea')).toBe(soundFold('diarrea'));
    expect(soundFold('flem')).toBe(soundFold('phlem'));
    expect(soundFold('asthma')).not.toBe(soundFold('asma'));
  });
});

describe('editDistanceWithin', () => {
  it('counts inserts, deletes, substitutions and swaps of neighbours', () => {
    expect(editDistanceWithin('asma', 'astma', 2)).toBe(1);
    expect(editDistanceWithin('dimentia', 'dementia', 2)).toBe(1);
    expect(editDistanceWithin('naesua', 'nausea', 2)).toBe(2);
    expect(editDistanceWithin('abcd', 'abdc', 2)).toBe(1);
    expect(editDistanceWithin('same', 'same', 0)).toBe(0);
  });

  it('stops at the bound', () => {
    expect(editDistanceWithin('asthma', 'fracture', 2)).toBe(3);
    expect(editDistanceWithin('a', 'abcdef', 1)).toBe(2);
  });
});

describe('SpellingCorrector', () => {
  const vocabulary = ['asthma', 'astigmatism', 'bronchitis', 'eczema', 'aneurysm', 'dementia'];
  const frequency = [50, 5, 30, 10, 20, 40];
  const corrector = new SpellingCorrector(vocabulary, (id) => frequency[id]!);

  it('finds the word a misspelling stands for', () => {
    expect(corrector.correct('asma')).toBe('asthma');
    expect(corrector.correct('bronkitis')).toBe('bronchitis');
    expect(corrector.correct('excema')).toBe('eczema');
    expect(corrector.correct('anurism')).toBe('aneurysm');
    expect(corrector.correct('dimentia')).toBe('dementia');
  });

  it('prefers the more frequent of two words at the same distance', () => {
    const tied = new SpellingCorrector(['cart', 'card'], (id) => [1, 9][id]!);
    expect(tied.correct('carb')).toBe('card');
  });

  it('leaves short, far or non-alphabetic words alone', () => {
    expect(corrector.correct('ast')).toBeUndefined();
    expect(corrector.correct('fracture')).toBeUndefined();
    expect(corrector.correct('e11.9')).toBeUndefined();
  });
});
