import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/index.js';

const texts = (t: string): string[] => splitSentences(t).map((s) => s.text);

describe('splitSentences', () => {
  it('survives clinical punctuation', () => {
    expect(
      texts(
        'Dx: PNA s/p abx b.i.d. for 5 days. Dr. Lee to f/u vs. admit. Temp 38.5 C. Denies cough!',
      ),
    ).toEqual([
      'Dx: PNA s/p abx b.i.d. for 5 days.',
      'Dr. Lee to f/u vs. admit.',
      'Temp 38.5 C.',
      'Denies cough!',
    ]);
  });

  it('splits bulleted and numbered lists, inline enumerations included', () => {
    const sents = splitSentences(
      'Diagnoses:\n- HTN\n- DM2\n1. CKD 3b\n2) anemia\nPlan: 1. CT chest 2. start abx',
    );
    expect(sents.map((s) => s.text)).toEqual([
      'Diagnoses:',
      '- HTN',
      '- DM2',
      '1. CKD 3b',
      '2) anemia',
      'Plan:',
      '1. CT chest',
      '2. start abx',
    ]);
    expect(sents.map((s) => s.kind)).toEqual([
      'heading',
      'list-item',
      'list-item',
      'list-item',
      'list-item',
      'heading',
      'list-item',
      'list-item',
    ]);
  });

  it('keeps a leading "?" and joins hard-wrapped lines', () => {
    expect(
      texts(
        '? PNA vs CHF. 65 yo male with a long history of hypertension and\ndiabetes who presents with cough.\nHTN\nDM2',
      ),
    ).toEqual([
      '? PNA vs CHF.',
      '65 yo male with a long history of hypertension and\ndiabetes who presents with cough.',
      'HTN',
      'DM2',
    ]);
  });

  it('caps sentence length', () => {
    const long = 'word '.repeat(1000);
    for (const s of splitSentences(long, { maxChars: 200 }))
      expect(s.end - s.start).toBeLessThanOrEqual(201);
  });

  it('property: sentences are trimmed, ordered, disjoint and text === slice', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 120 }),
          fc.string({ unit: 'binary', maxLength: 120 }),
          fc.string({
            unit: fc.constantFrom(
              'Dr',
              '.',
              ' ',
              '\n',
              '1',
              '-',
              '?',
              'a',
              'B',
              'b.i.d.',
              'é',
              '👍🏽',
              '\u0000',
              ':',
              ')',
              '\r\n',
              'ﬁ',
              '\ud800',
            ),
            maxLength: 80,
          }),
        ),
        (t) => {
          let prevEnd = 0;
          for (const s of splitSentences(t, { maxChars: 30 })) {
            expect(s.start).toBeGreaterThanOrEqual(prevEnd);
            expect(s.end).toBeGreaterThan(s.start);
            expect(s.end).toBeLessThanOrEqual(t.length);
            expect(s.text).toBe(t.slice(s.start, s.end));
            prevEnd = s.end;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
