// Procedures in the export: FHIR R4 Procedure resources with the CMS ICD-10-PCS system, CSV and plain list.
import { describe, expect, it } from 'vitest';
import { buildConditionBundle } from '../../src/export/fhir-condition.js';
import {
  buildCodingBundle,
  ICD10PCS_SYSTEM,
  validateCodingBundle,
  validateProcedure,
} from '../../src/export/fhir-procedure.js';
import { formatCodesAsCsv, formatCodesAsText } from '../../src/export/format-code-list.js';
import type { AcceptedCode } from '../../src/export/accepted-code.js';

const diagnosis: AcceptedCode = { code: 'K35.80', title: 'Unspecified acute appendicitis' };
const procedure: AcceptedCode = {
  code: '0DTJ4ZZ',
  title: 'Resection of Appendix, Percutaneous Endoscopic Approach',
  system: 'ICD-10-PCS',
};

describe('procedure export', () => {
  it('adds a valid Procedure after the Conditions', () => {
    const bundle = buildCodingBundle([diagnosis, procedure]);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(['Condition', 'Procedure']);
    const proc = bundle.entry[1]!.resource;
    expect(proc).toMatchObject({
      resourceType: 'Procedure',
      status: 'completed',
      code: { coding: [{ system: ICD10PCS_SYSTEM, code: '0DTJ4ZZ' }] },
    });
    expect(validateCodingBundle(bundle)).toEqual([]);
  });

  it('is the Condition bundle unchanged when nothing is a procedure', () => {
    expect(buildCodingBundle([diagnosis])).toEqual(buildConditionBundle([diagnosis]));
  });

  it('refuses a partial code or a foreign system', () => {
    const bad = {
      ...buildCodingBundle([procedure]).entry[0]!.resource,
      code: { coding: [{ system: 'x', code: '0DTJ', display: 'y' }] },
    };
    expect(validateProcedure(bad)).toEqual([
      'code.coding[0].system: expected "http://www.cms.gov/Medicare/Coding/ICD10", got "x".',
      'code.coding[0].code: expected a 7-character ICD-10-PCS code, got "0DTJ".',
    ]);
  });

  it('names the system in CSV and keeps the plain list', () => {
    expect(formatCodesAsCsv([diagnosis, procedure]).split('\r\n')[2]).toBe(
      '2,0DTJ4ZZ,0DTJ4ZZ,"Resection of Appendix, Percutaneous Endoscopic Approach",ICD-10-PCS',
    );
    expect(formatCodesAsText([procedure])).toBe(
      '0DTJ4ZZ\tResection of Appendix, Percutaneous Endoscopic Approach\n',
    );
  });
});
