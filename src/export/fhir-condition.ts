/**
 * The accepted list as FHIR R4 `Condition` resources in a `collection` Bundle, and a small
 * validator for exactly the fields emitted here (not a general FHIR validator).
 *
 * Types and validation kept by hand: the export emits two resource types and a dozen fields,
 * and the validator checks exactly those against R4's cardinalities (~200 lines in all, no
 * runtime dependency in the pure core). A general FHIR library (the `fhir` package: FHIRPath
 * and profile validation) would ship in the panel's bundle for that; @types/fhir would replace
 * only the few interfaces below. Not measured: neither was installed to compare.
 */
import type { AcceptedCode } from './accepted-code.js';

export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VER_STATUS_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';
/** The subject is not known to the extension: the receiving system fills it in. */
export const SUBJECT_PLACEHOLDER = 'Patient/REPLACE-WITH-PATIENT-ID';

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

export interface CodeableConcept {
  coding: Coding[];
  text?: string;
}

export interface FhirCondition {
  resourceType: 'Condition';
  id: string;
  clinicalStatus: CodeableConcept;
  verificationStatus: CodeableConcept;
  category: CodeableConcept[];
  code: CodeableConcept;
  subject: { reference: string };
  recordedDate?: string;
}

export interface FhirConditionBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp?: string;
  entry: { fullUrl: string; resource: FhirCondition }[];
}

export interface ConditionOptions {
  /** Default {@link SUBJECT_PLACEHOLDER}. */
  subjectReference?: string;
  /** ISO date or dateTime, e.g. "2026-11-30". Omitted when absent. */
  recordedDate?: string;
}

const CLINICAL = { active: 'Active', resolved: 'Resolved' } as const;
const VERIFICATION = {
  confirmed: 'Confirmed',
  provisional: 'Provisional',
  refuted: 'Refuted',
} as const;

function clinicalStatusOf(code: AcceptedCode): keyof typeof CLINICAL {
  return code.assertion === 'historical' ? 'resolved' : 'active';
}

function verificationStatusOf(code: AcceptedCode): keyof typeof VERIFICATION {
  if (code.assertion === 'negated') return 'refuted';
  if (code.assertion === 'possible' || code.assertion === 'hypothetical') return 'provisional';
  return 'confirmed';
}

/** One `Condition` for one accepted code; `index` makes the id (deterministic, no randomness). */
export function buildCondition(
  code: AcceptedCode,
  index: number,
  options: ConditionOptions = {},
): FhirCondition {
  const clinical = clinicalStatusOf(code);
  const verification = verificationStatusOf(code);
  const condition: FhirCondition = {
    resourceType: 'Condition',
    id: `marginalia-${index + 1}-${code.code.replace('.', '')}`.toLowerCase(),
    clinicalStatus: {
      coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: clinical, display: CLINICAL[clinical] }],
    },
    verificationStatus: {
      coding: [
        {
          system: CONDITION_VER_STATUS_SYSTEM,
          code: verification,
          display: VERIFICATION[verification],
        },
      ],
    },
    category: [
      {
        coding: [
          {
            system: CONDITION_CATEGORY_SYSTEM,
            code: 'encounter-diagnosis',
            display: 'Encounter Diagnosis',
          },
        ],
      },
    ],
    code: {
      coding: [{ system: ICD10CM_SYSTEM, code: code.code, display: code.title }],
      text: code.title,
    },
    subject: { reference: options.subjectReference ?? SUBJECT_PLACEHOLDER },
  };
  if (options.recordedDate) condition.recordedDate = options.recordedDate;
  return condition;
}

/**
 * The accepted list as a `collection` Bundle of Conditions, in the coder's order.
 *
 * @example
 * buildConditionBundle([{ code: 'I10', title: 'Essential (primary) hypertension' }]).entry[0].resource.code
 * // → {coding: [{system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I10', display: 'Essential (primary) hypertension'}], text: …}
 */
export function buildConditionBundle(
  codes: readonly AcceptedCode[],
  options: ConditionOptions = {},
): FhirConditionBundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: codes.map((code, index) => {
      const resource = buildCondition(code, index, options);
      return { fullUrl: `urn:uuid:${deterministicUuid(resource.id)}`, resource };
    }),
  };
}

/** A UUID-shaped string derived from `seed` (FNV-1a), so that exports are reproducible. */
function deterministicUuid(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// ---- validation ----------------------------------------------------------------------------

const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const ICD10CM_CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkStatus(
  value: unknown,
  field: string,
  system: string,
  allowed: readonly string[],
  errors: string[],
): void {
  const coding = isRecord(value) && Array.isArray(value.coding) ? value.coding : undefined;
  const first: unknown = coding?.[0];
  if (!coding || coding.length !== 1 || !isRecord(first)) {
    errors.push(`${field}: expected a CodeableConcept with one coding.`);
    return;
  }
  if (first.system !== system)
    errors.push(
      `${field}.coding[0].system: expected "${system}", got ${JSON.stringify(first.system)}.`,
    );
  if (typeof first.code !== 'string' || !allowed.includes(first.code)) {
    errors.push(
      `${field}.coding[0].code: expected one of ${allowed.join(', ')}, got ${JSON.stringify(first.code)}.`,
    );
  }
}

/** Problems with one Condition as emitted here; an empty list means valid. */
export function validateCondition(resource: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(resource)) return ['Expected a Condition object.'];
  if (resource.resourceType !== 'Condition')
    errors.push(
      `resourceType: expected "Condition", got ${JSON.stringify(resource.resourceType)}.`,
    );
  if (typeof resource.id !== 'string' || !ID.test(resource.id))
    errors.push('id: expected 1-64 of [A-Za-z0-9-.].');
  checkStatus(
    resource.clinicalStatus,
    'clinicalStatus',
    CONDITION_CLINICAL_SYSTEM,
    ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'],
    errors,
  );
  checkStatus(
    resource.verificationStatus,
    'verificationStatus',
    CONDITION_VER_STATUS_SYSTEM,
    ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error'],
    errors,
  );
  const category = resource.category;
  if (!Array.isArray(category) || category.length === 0) {
    errors.push('category: expected at least one CodeableConcept.');
  } else {
    category.forEach((concept, i) =>
      checkStatus(
        concept,
        `category[${i}]`,
        CONDITION_CATEGORY_SYSTEM,
        ['problem-list-item', 'encounter-diagnosis'],
        errors,
      ),
    );
  }
  const code = resource.code;
  const codings = isRecord(code) && Array.isArray(code.coding) ? code.coding : undefined;
  if (!codings || codings.length === 0) {
    errors.push('code: expected a CodeableConcept with at least one coding.');
  } else {
    codings.forEach((coding: unknown, i) => {
      if (!isRecord(coding)) {
        errors.push(`code.coding[${i}]: expected a Coding.`);
        return;
      }
      if (coding.system !== ICD10CM_SYSTEM)
        errors.push(
          `code.coding[${i}].system: expected "${ICD10CM_SYSTEM}", got ${JSON.stringify(coding.system)}.`,
        );
      if (typeof coding.code !== 'string' || !ICD10CM_CODE.test(coding.code)) {
        errors.push(
          `code.coding[${i}].code: expected a dotted ICD-10-CM code, got ${JSON.stringify(coding.code)}.`,
        );
      }
      if (typeof coding.display !== 'string' || coding.display.trim() === '')
        errors.push(`code.coding[${i}].display: expected a non-empty string.`);
    });
  }
  const subject = resource.subject;
  if (
    !isRecord(subject) ||
    typeof subject.reference !== 'string' ||
    !REFERENCE.test(subject.reference)
  ) {
    errors.push('subject.reference: expected "ResourceType/id".');
  }
  if (
    resource.recordedDate !== undefined &&
    (typeof resource.recordedDate !== 'string' || !DATE.test(resource.recordedDate))
  ) {
    errors.push('recordedDate: expected a FHIR date or dateTime.');
  }
  const known = new Set([
    'resourceType',
    'id',
    'clinicalStatus',
    'verificationStatus',
    'category',
    'code',
    'subject',
    'recordedDate',
  ]);
  for (const key of Object.keys(resource))
    if (!known.has(key)) errors.push(`${key}: not a field this exporter emits.`);
  return errors;
}

/** Problems with a Bundle of Conditions; each Condition's errors are prefixed with its entry. */
export function validateConditionBundle(bundle: unknown): string[] {
  if (!isRecord(bundle)) return ['Expected a Bundle object.'];
  const errors: string[] = [];
  if (bundle.resourceType !== 'Bundle')
    errors.push(`resourceType: expected "Bundle", got ${JSON.stringify(bundle.resourceType)}.`);
  if (bundle.type !== 'collection')
    errors.push(`type: expected "collection", got ${JSON.stringify(bundle.type)}.`);
  if (!Array.isArray(bundle.entry)) return [...errors, 'entry: expected an array.'];
  const ids = new Set<string>();
  bundle.entry.forEach((entry: unknown, i) => {
    if (!isRecord(entry)) {
      errors.push(`entry[${i}]: expected an object.`);
      return;
    }
    if (typeof entry.fullUrl !== 'string' || !/^urn:uuid:[0-9a-f-]{36}$/.test(entry.fullUrl))
      errors.push(`entry[${i}].fullUrl: expected urn:uuid:….`);
    for (const error of validateCondition(entry.resource))
      errors.push(`entry[${i}].resource.${error}`);
    const id = isRecord(entry.resource) ? entry.resource.id : undefined;
    if (typeof id === 'string') {
      if (ids.has(id)) errors.push(`entry[${i}].resource.id: duplicate "${id}".`);
      ids.add(id);
    }
  });
  return errors;
}
