import { describe, expect, it } from 'vitest';
import {
  formatCodesAsCsv,
  formatCodesAsText,
  quoteCsvField,
} from '../../src/export/format-code-list.js';
import {
  buildCondition,
  buildConditionBundle,
  ICD10CM_SYSTEM,
  SUBJECT_PLACEHOLDER,
  validateCondition,
  validateConditionBundle,
} from '../../src/export/fhir-condition.js';
import type { AcceptedCode } from '../../src/export/accepted-code.js';

const CODES: AcceptedCode[] = [
  { code: 'E11.22', title: 'Type 2 diabetes mellitus with diabetic chronic kidney disease' },
  { code: 'N18.31', title: 'Chronic kidney disease, stage 3a' },
  { code: 'I10', title: 'Essential (primary) hypertension' },
  { code: 'Z80.3', title: 'Family history of malignant neoplasm of breast', assertion: 'family' },
];

describe('plain text and CSV', () => {
  it('writes one tab-separated line per code, in order', () => {
    expect(formatCodesAsText(CODES.slice(0, 2))).toBe(
      'E11.22\tType 2 diabetes mellitus with diabetic chronic kidney disease\nN18.31\tChronic kidney disease, stage 3a\n',
    );
    expect(formatCodesAsText([])).toBe('');
  });

  it('writes RFC 4180 CSV with a header, quoting commas and quotes', () => {
    const csv = formatCodesAsCsv([
      ...CODES.slice(1, 3),
      { code: 'R51.9', title: 'Headache, "unspecified"' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'sequence,code,code_dotless,title,system',
      '1,N18.31,N1831,"Chronic kidney disease, stage 3a",ICD-10-CM',
      '2,I10,I10,Essential (primary) hypertension,ICD-10-CM',
      '3,R51.9,R519,"Headache, ""unspecified""",ICD-10-CM',
      '',
    ]);
  });

  it('defuses spreadsheet formulas', () => {
    expect(quoteCsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(quoteCsvField('-1')).toBe(`'-1`);
  });
});

describe('FHIR R4 Condition', () => {
  it('emits the ICD-10-CM coding, statuses, category and a subject placeholder', () => {
    const condition = buildCondition(CODES[0]!, 0);
    expect(condition.resourceType).toBe('Condition');
    expect(condition.code.coding).toEqual([
      {
        system: ICD10CM_SYSTEM,
        code: 'E11.22',
        display: 'Type 2 diabetes mellitus with diabetic chronic kidney disease',
      },
    ]);
    expect(condition.clinicalStatus.coding[0]!.code).toBe('active');
    expect(condition.verificationStatus.coding[0]!.code).toBe('confirmed');
    expect(condition.category[0]!.coding[0]!.code).toBe('encounter-diagnosis');
    expect(condition.subject.reference).toBe(SUBJECT_PLACEHOLDER);
    expect(validateCondition(condition)).toEqual([]);
  });

  it('maps uncertain to provisional and history to resolved', () => {
    expect(
      buildCondition({ code: 'J18.9', title: 'Pneumonia', assertion: 'possible' }, 0)
        .verificationStatus.coding[0]!.code,
    ).toBe('provisional');
    expect(
      buildCondition({ code: 'J18.9', title: 'Pneumonia', assertion: 'historical' }, 0)
        .clinicalStatus.coding[0]!.code,
    ).toBe('resolved');
  });

  it('builds a valid, deterministic collection Bundle', () => {
    const bundle = buildConditionBundle(CODES, {
      subjectReference: 'Patient/example-1',
      recordedDate: '2026-11-30',
    });
    expect(validateConditionBundle(bundle)).toEqual([]);
    expect(bundle.entry).toHaveLength(4);
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(4);
    expect(
      buildConditionBundle(CODES, {
        subjectReference: 'Patient/example-1',
        recordedDate: '2026-11-30',
      }),
    ).toEqual(bundle);
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('reports what is wrong with a broken resource', () => {
    const condition = buildCondition(CODES[0]!, 0) as unknown as Record<string, unknown>;
    const broken = {
      ...condition,
      resourceType: 'Observation',
      code: { coding: [{ system: 'http://snomed.info/sct', code: 'e1122', display: '' }] },
      subject: {},
      extra: 1,
    };
    const errors = validateCondition(broken);
    expect(errors.join('\n')).toMatch(/resourceType/);
    expect(errors.join('\n')).toMatch(/code\.coding\[0\]\.system/);
    expect(errors.join('\n')).toMatch(/code\.coding\[0\]\.code/);
    expect(errors.join('\n')).toMatch(/display/);
    expect(errors.join('\n')).toMatch(/subject\.reference/);
    expect(errors.join('\n')).toMatch(/extra/);
    expect(
      validateConditionBundle({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ resource: broken }],
      }).length,
    ).toBeGreaterThan(3);
  });
});
