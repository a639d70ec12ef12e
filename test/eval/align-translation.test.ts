import { describe, expect, it } from 'vitest';
import {
  alignSentences,
  choosePhrase,
  cognateSimilarity,
  learnLexicon,
  splitSpanishSentences,
  titleStems,
} from '../../build/align-translation.js';

describe('cognateSimilarity', () => {
  it('matches Spanish/English medical cognates', () => {
    for (const [es, en] of [
      ['neumonia', 'pneumonia'],
      ['hipertension', 'hypertension'],
      ['infeccion', 'infection'],
      ['hematuria', 'haematuria'],
      ['quiste', 'cyst'],
    ] as const) {
      expect(cognateSimilarity(es, en), `${es}/${en}`).toBeGreaterThanOrEqual(0.7);
    }
  });
  it('does not match unrelated or short words', () => {
    expect(cognateSimilarity('dolor', 'pain')).toBe(0);
    expect(cognateSimilarity('tac', 'cat')).toBe(0);
  });
});

describe('splitSpanishSentences', () => {
  it('splits on line breaks and sentence ends with offsets into the text', () => {
    const text = 'Varón de 65 años. Refiere dolor abdominal.\nTA 120/80 mmHg; Fc 80 lpm.';
    const s = splitSpanishSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'Varón de 65 años.',
      'Refiere dolor abdominal.',
      'TA 120/80 mmHg; Fc 80 lpm.',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });
});

describe('alignSentences', () => {
  it('skips a junk English line and aligns the rest in order', () => {
    const es = splitSpanishSentences(
      'Paciente con neumonía bilateral. Presenta hipertensión arterial. Se realizó biopsia renal.',
    );
    const en = [
      'Patient with bilateral pneumonia.',
      '1.',
      'He has arterial hypertension.',
      'A renal biopsy was performed.',
    ];
    const beads = alignSentences(es, en, null).filter((b) => b.es.length > 0);
    expect(beads.map((b) => [b.es, b.en])).toEqual([
      [[0], [0]],
      [[1], [2]],
      [[2], [3]],
    ]);
  });
});

describe('choosePhrase', () => {
  it('picks the n-gram expressing the span, using cognates and a learned lexicon', () => {
    const lexicon = learnLexicon(
      [
        [
          ['dolor', 'abdominal'],
          ['abdominal', 'pain'],
        ],
        [
          ['dolor', 'toracico'],
          ['chest', 'pain'],
        ],
        [
          ['dolor', 'lumbar'],
          ['back', 'pain'],
        ],
      ].flatMap((p) => [p, p]) as Array<[string[], string[]]>,
      2,
    );
    expect(lexicon.get('dolor')?.get('pain')).toBeGreaterThan(0.5);
    const lines = [
      {
        index: 0,
        text: 'He came to the emergency room with intense abdominal pain and fever.',
        weight: 1,
      },
    ];
    const choice = choosePhrase(
      'dolor abdominal',
      lines,
      titleStems('Unspecified abdominal pain'),
      lexicon,
    );
    expect(choice?.phrase).toBe('abdominal pain');
    expect(choosePhrase('neumonía', lines, new Set(), null)).toBeNull();
  });
});
