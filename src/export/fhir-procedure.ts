/**
 * Accepted ICD-10-PCS codes as FHIR R4 `Procedure` resources, and the export Bundle that holds
 * the diagnoses as Conditions (fhir-condition.ts) followed by the procedures, with a validator
 * for exactly the fields emitted here.
 */
import type { AcceptedCode } from './accepted-code.js';
import {
  buildConditionBundle,
  SUBJECT_PLACEHOLDER,
  validateCondition,
  type CodeableConcept,
  type ConditionOptions,
  type FhirCondition,
} from './fhir-condition.js';

/** The ICD-10-PCS code system URI (CMS), as FHIR names it. */
export const ICD10PCS_SYSTEM = 'http://www.cms.gov/Medicare/Coding/ICD10';

export interface FhirProcedure {
  resourceType: 'Procedure';
  id: string;
  status: 'completed';
  code: CodeableConcept;
  subject: { reference: string };
}

export interface FhirCodingBundle {
  resourceType: 'Bundle';
  type: 'collection';
  entry: { fullUrl: string; resource: FhirCondition | FhirProcedure }[];
}

const PCS_CODE = /^[0-9A-HJ-NP-Z]{7}$/;
const ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Whether an accepted code is a procedure. */
export const isProcedure = (code: AcceptedCode): boolean => code.system === 'ICD-10-PCS';

/** One `Procedure` for one accepted ICD-10-PCS code; `index` makes the id. */
export function buildProcedure(
  code: AcceptedCode,
  index: number,
  options: ConditionOptions = {},
): FhirProcedure {
  return {
    resourceType: 'Procedure',
    id: `marginalia-procedure-${index + 1}-${code.code}`.toLowerCase(),
    status: 'completed',
    code: {
      coding: [{ system: ICD10PCS_SYSTEM, code: code.code, display: code.title }],
      text: code.title,
    },
    subject: { reference: options.subjectReference ?? SUBJECT_PLACEHOLDER },
  };
}

/** Problems with one Procedure as emitted here; an empty list means valid. */
export function validateProcedure(resource: unknown): string[] {
  const r = resource as Partial<FhirProcedure> | null;
  if (typeof r !== 'object' || r === null) return ['Expected a Procedure object.'];
  const errors: string[] = [];
  if (r.resourceType !== 'Procedure')
    errors.push(`resourceType: expected "Procedure", got ${JSON.stringify(r.resourceType)}.`);
  if (typeof r.id !== 'string' || !ID.test(r.id))
    errors.push('id: expected 1-64 of [A-Za-z0-9-.].');
  if (r.status !== 'completed')
    errors.push(`status: expected "completed", got ${JSON.stringify(r.status)}.`);
  const coding = r.code?.coding;
  if (!Array.isArray(coding) || coding.length !== 1)
    errors.push('code: expected a CodeableConcept with one coding.');
  else {
    const [c] = coding;
    if (c?.system !== ICD10PCS_SYSTEM)
      errors.push(
        `code.coding[0].system: expected "${ICD10PCS_SYSTEM}", got ${JSON.stringify(c?.system)}.`,
      );
    if (typeof c?.code !== 'string' || !PCS_CODE.test(c.code))
      errors.push(
        `code.coding[0].code: expected a 7-character ICD-10-PCS code, got ${JSON.stringify(c?.code)}.`,
      );
    if (typeof c?.display !== 'string' || !c.display.trim())
      errors.push('code.coding[0].display: expected a non-empty string.');
  }
  if (typeof r.subject?.reference !== 'string')
    errors.push('subject.reference: expected "ResourceType/id".');
  const known = new Set(['resourceType', 'id', 'status', 'code', 'subject']);
  for (const key of Object.keys(r))
    if (!known.has(key)) errors.push(`${key}: not a field this exporter emits.`);
  return errors;
}

/**
 * The accepted list as one Bundle: Conditions for the diagnoses, then Procedures. Without
 * procedures it is exactly {@link buildConditionBundle}'s Bundle.
 */
export function buildCodingBundle(
  codes: readonly AcceptedCode[],
  options: ConditionOptions = {},
): FhirCodingBundle {
  const conditions = buildConditionBundle(
    codes.filter((c) => !isProcedure(c)),
    options,
  );
  const procedures = codes.filter(isProcedure).map((c, i) => {
    const resource = buildProcedure(c, i, options);
    return { fullUrl: uuidFullUrl(resource.id), resource };
  });
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [...conditions.entry, ...procedures],
  };
}

/** A UUID-shaped fullUrl derived from the resource id (FNV-1a), so that exports are reproducible. */
function uuidFullUrl(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ (round + 7);
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Problems with a coding Bundle: each entry checked by its resource type. */
export function validateCodingBundle(bundle: FhirCodingBundle): string[] {
  const errors: string[] = [];
  if (bundle.resourceType !== 'Bundle' || bundle.type !== 'collection')
    errors.push('Expected a collection Bundle.');
  const ids = new Set<string>();
  bundle.entry.forEach((entry, i) => {
    if (!/^urn:uuid:[0-9a-f-]{36}$/.test(entry.fullUrl))
      errors.push(`entry[${i}].fullUrl: expected urn:uuid:….`);
    const found =
      entry.resource.resourceType === 'Procedure'
        ? validateProcedure(entry.resource)
        : validateCondition(entry.resource);
    for (const e of found) errors.push(`entry[${i}].resource.${e}`);
    if (ids.has(entry.resource.id))
      errors.push(`entry[${i}].resource.id: duplicate "${entry.resource.id}".`);
    ids.add(entry.resource.id);
  });
  return errors;
}
