import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Coder } from '../../src/engine/create-coder.js';
import type { CodingResult, CodingScope, CareSetting } from '../../src/engine/coding-types.js';
import { testCoder } from '../helpers/load-pack.js';

let coder: Coder;

beforeAll(() => {
  coder = testCoder();
}, 120_000);

/** Every evidence span of every code and flagged item is a true slice of the input. */
function checkSpans(text: string, r: CodingResult): void {
  for (const s of [...r.codes, ...r.flagged]) {
    expect(s.evidence.length).toBeGreaterThan(0);
    for (const e of s.evidence) {
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeLessThanOrEqual(text.length);
      expect(e.start).toBeLessThan(e.end);
      expect(text.slice(e.start, e.end)).toBe(e.text);
    }
  }
}

const TERMS = [
  'type 2 diabetes',
  'T2DM',
  'CKD 3b',
  'CKD stage 4',
  'ESRD',
  'HTN',
  'hypertension',
  'CHF',
  'HFrEF',
  'COPD exacerbation',
  'AFib',
  'h/o MI',
  's/p CABG',
  's/p appendectomy',
  '? PNA',
  'r/o PE',
  'no evidence of pneumonia',
  'mother with breast cancer',
  'family history of diabetes',
  'father had MI',
  'history of DVT',
  'chest pain due to acute MI',
  'fever and cough from pneumonia',
  'left knee osteoarthritis',
  'fracture of neck of right femur',
  'subsequent encounter',
  'sequela',
  'open fracture',
  'anemia of chronic kidney disease',
  'denies shortness of breath',
  'Assessment:',
  'Discharge Diagnoses:',
  'Past Surgical History:',
  'Family History:',
  '1.',
  '\n',
  ', ',
  '; ',
  ' and ',
  ' with ',
  'possible',
  'probable',
  'rule out',
  'acute on chronic',
  'bilateral',
];
const ODD = [
  '😀',
  '👩‍⚕️',
  'مرحبا',
  'שלום',
  '\u202e',
  '\u200f',
  'e\u0301',
  'a\u0308\u0323',
  '\u0000',
  '\t',
  '\r\n',
  'ﬁ',
  'İ',
  'ß',
  '𝔇𝔐',
  '\ud83d',
];

const clinical = fc
  .array(
    fc.oneof(fc.constantFrom(...TERMS), fc.constantFrom(...ODD), fc.string({ maxLength: 8 })),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(' '));
const options = fc.record({
  scope: fc.constantFrom<CodingScope>('reportable', 'mentions'),
  setting: fc.constantFrom<CareSetting>('inpatient', 'outpatient'),
});

describe('evidence spans are exact slices of the input, whatever the input', () => {
  it('arbitrary unicode strings (emoji, RTL, combining marks)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), options, (text, opts) => {
        checkSpans(text, coder.code(text, opts));
      }),
      { numRuns: 150 },
    );
  });
  it('clinical-looking concatenations of real terms with odd characters', () => {
    fc.assert(
      fc.property(clinical, options, (text, opts) => {
        checkSpans(text, coder.code(text, opts));
      }),
      { numRuns: 200 },
    );
  });
  it('long lines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TERMS), { minLength: 50, maxLength: 200 }),
        options,
        (parts, opts) => {
          const text = parts.join(' ');
          checkSpans(text, coder.code(text, opts));
        },
      ),
      { numRuns: 40 },
    );
  });
  it('lone surrogates and control characters never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        checkSpans(text, coder.code(text));
      }),
      { numRuns: 100 },
    );
  });
});
