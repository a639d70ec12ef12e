import { describe, expect, it } from 'vitest';
import {
  describeLocation,
  draftDocumentationQueries,
  type DocumentationQuery,
} from '../../src/encounter/documentation-queries.js';
import { QUERY_FAMILIES, type QueryFamilyId } from '../../src/encounter/query-families.js';

interface Case {
  family: QueryFamilyId;
  /** A note documenting only the unspecified form, with clinical indicators. */
  note: string;
  /** The condition's words in the note (the code's evidence). */
  condition: string;
  unspecified: string;
  /** Indicator quotes the draft must carry. */
  indicators: string[];
  /** The code when the note documents the specific form. */
  specific: string;
}

const CASES: Case[] = [
  {
    family: 'heart-failure',
    note: 'HPI: dyspnea and orthopnea.\nLabs: BNP 1,450 pg/mL.\nEcho: LVEF 35% .\nAssessment:\nCHF exacerbation, furosemide 40 mg IV twice daily.',
    condition: 'CHF',
    unspecified: 'I50.9',
    indicators: ['BNP 1,450', 'LVEF 35%', 'furosemide', 'orthopnea'],
    specific: 'I50.23',
  },
  {
    family: 'ckd-stage',
    note: 'Labs: creatinine 2.1, eGFR 38 mL/min.\nAssessment: chronic kidney disease, follows with nephrology.',
    condition: 'chronic kidney disease',
    unspecified: 'N18.9',
    indicators: ['creatinine 2.1', 'eGFR 38', 'nephrology'],
    specific: 'N18.32',
  },
  {
    family: 'diabetes',
    note: 'Labs: HbA1c 9.8%, glucose 312.\nExam: numbness of the feet bilaterally.\nAssessment: type 2 diabetes, on metformin.',
    condition: 'type 2 diabetes',
    unspecified: 'E11.9',
    indicators: ['HbA1c 9.8%', 'glucose 312', 'numbness of the feet', 'metformin'],
    specific: 'E11.65',
  },
  {
    family: 'pneumonia-organism',
    note: 'CXR: right lower lobe consolidation.\nSputum culture pending; started on vancomycin and cefepime.\nAssessment: pneumonia.',
    condition: 'pneumonia',
    unspecified: 'J18.9',
    indicators: ['consolidation', 'Sputum culture pending', 'vancomycin', 'cefepime'],
    specific: 'J15.212',
  },
  {
    family: 'sepsis',
    note: 'Vitals: BP 82/40, MAP 54.\nLabs: lactate 4.2, creatinine 2.4 (baseline 0.9).\nStarted norepinephrine.\nAssessment: sepsis from urinary source.',
    condition: 'sepsis',
    unspecified: 'A41.9',
    indicators: ['lactate 4.2', 'BP 82/40', 'norepinephrine', 'creatinine 2.4'],
    specific: 'R65.21',
  },
  {
    family: 'malnutrition',
    note: 'Nutrition: BMI 16.8, weight loss of 9 kg over 3 months, poor oral intake.\nExam: temporal wasting.\nAssessment: malnutrition, dietitian following.',
    condition: 'malnutrition',
    unspecified: 'E46',
    indicators: [
      'BMI 16.8',
      'weight loss of 9 kg',
      'poor oral intake',
      'temporal wasting',
      'dietitian',
    ],
    specific: 'E43',
  },
  {
    family: 'anemia',
    note: 'Labs: hemoglobin 6.9, MCV 72, ferritin 8.\nMelena x2 days; transfused 2 units PRBC.\nAssessment: anemia.',
    condition: 'anemia',
    unspecified: 'D64.9',
    indicators: ['hemoglobin 6.9', 'MCV 72', 'ferritin', 'Melena', 'transfused'],
    specific: 'D62',
  },
  {
    family: 'pressure-ulcer',
    note: 'Wound: sacral wound 4 x 3 x 0.5 cm, full-thickness tissue loss with slough; wound care consulted.\nAssessment: sacral pressure ulcer.',
    condition: 'sacral pressure ulcer',
    unspecified: 'L89.159',
    indicators: ['4 x 3 x 0.5 cm', 'full-thickness', 'wound care'],
    specific: 'L89.153',
  },
  {
    family: 'obesity',
    note: 'Vitals: weight 142 kg, BMI 47.2 kg/m2.\nHistory: obstructive sleep apnea on CPAP.\nAssessment: obesity.',
    condition: 'obesity',
    unspecified: 'E66.9',
    indicators: ['BMI 47.2', 'weight 142 kg', 'obstructive sleep apnea'],
    specific: 'E66.813',
  },
];

function draftFor(c: Case, code: string): DocumentationQuery[] {
  const start = c.note.lastIndexOf(c.condition);
  return draftDocumentationQueries(c.note, [
    { code, evidence: [{ start, end: start + c.condition.length }] },
  ]);
}

describe('documentation query drafts, one family at a time', () => {
  it('covers every family', () => {
    expect(CASES.map((c) => c.family).sort()).toEqual(QUERY_FAMILIES.map((f) => f.id).sort());
  });

  describe.each(CASES)('$family', (c) => {
    it(`${c.unspecified} only: a draft quoting the clinical indicators with their location`, () => {
      const drafts = draftFor(c, c.unspecified);
      expect(drafts.map((d) => d.family)).toEqual([c.family]);
      const draft = drafts[0]!;
      for (const quote of c.indicators) {
        const hit = draft.indicators.find((i) => i.quote.includes(quote));
        expect(
          hit,
          `indicator "${quote}" in ${JSON.stringify(draft.indicators.map((i) => i.quote))}`,
        ).toBeDefined();
        expect(c.note.slice(hit!.start, hit!.end)).toBe(hit!.quote); // quoted as written, where it is
        expect(draft.draft).toContain(`"${hit!.quote}" (${hit!.location})`);
      }
      expect(draft.documented[0]?.quote).toBe(c.condition);
      expect(draft.options.slice(-2)).toEqual([
        'Other (please specify)',
        'Clinically undetermined',
      ]);
      expect(draft.options.length).toBeGreaterThanOrEqual(5);
    });

    it(`${c.specific} documented: no query`, () => {
      expect(draftFor(c, c.specific)).toEqual([]);
      const both = draftDocumentationQueries(c.note, [
        { code: c.unspecified },
        { code: c.specific },
      ]);
      expect(both).toEqual([]);
    });
  });
});

describe('a compliant query', () => {
  const all = CASES.flatMap((c) => draftFor(c, c.unspecified));

  it('never names a code, a payment or a desired answer', () => {
    for (const q of all) {
      expect(q.draft, q.family).not.toMatch(/\b[A-TV-Z]\d{2}\.\d{1,4}\b/);
      expect(q.draft, q.family).not.toMatch(
        /\b(?:DRG|MCC|CC|reimburse\w*|payment|revenue|severity of illness)\b/i,
      );
      expect(q.draft, q.family).toMatch(/does not imply that any particular answer is desired/);
    }
  });

  it('is not drafted without clinical indicators', () => {
    expect(draftDocumentationQueries('Assessment: CHF.', [{ code: 'I50.9' }])).toEqual([]);
  });

  it('says where each quote is: the section heading and the line', () => {
    expect(describeLocation('HPI: x\nLabs: BNP 900\nmore', 12)).toBe('Labs, line 2');
    expect(describeLocation('no headings here', 3)).toBe('line 1');
  });
});
