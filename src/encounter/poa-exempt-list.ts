/**
 * Codes exempt from present-on-admission reporting (the claim carries no POA indicator for them).
 *
 * Source: CMS, "FY 2025 Present On Admission (POA) Exempt List" (POAexemptCodesFY25.txt,
 * 38,154 codes; https://www.cms.gov/medicare/coding-billing/icd-10-codes, file
 * 2025-poa-exempt-codes.zip), read from a public copy (GitHub shmindmaster/Billigent,
 * apps/backend/data-sources/icd10cm/2025/work/2025-poa-exempt-codes/, commit 2a74316b), and the
 * ICD-10-CM Official Guidelines FY2025, Appendix I ("Categories and Codes Exempt from Diagnosis
 * Present on Admission Requirement"; congenital anomalies Q00-Q99 are exempt).
 *
 * The official list is code by code; it is encoded here as the categories, codes and
 * 7th-character rule it is made of. Stretches of the FY2025 file were read and checked
 * (B90-E64, I25.2, I69, M80 and S64-S65 subsequent encounters and sequelae, V35-V39, Y37,
 * Z77-Z87; test/encounter/poa-exempt-list.test.ts lists the figures). Not yet encoded: the
 * W, X and most Y external-cause codes the list also holds (they get a suggested indicator
 * like any other code), and the list's few single-code exceptions inside the categories below.
 */

export const POA_EXEMPT_SOURCE =
  'CMS FY2025 POA exempt list (POAexemptCodesFY25.txt) and Official Guidelines FY2025 Appendix I';

/** Dotless prefixes: every code starting with one is exempt. */
const EXEMPT_PREFIXES: readonly string[] = [
  // Sequelae and old conditions
  'B90',
  'B91',
  'B92',
  'B94',
  'E64',
  'I252',
  'I69',
  // Pregnancy supervision and delivery outcome
  'O09',
  'O665',
  'O80',
  'O94',
  // Congenital malformations, deformations and chromosomal abnormalities
  'Q',
  // Transport accidents; war operations; activity, place and status of external causes
  'V',
  'Y37',
  'Y92',
  'Y93',
  'Y99',
  // Factors influencing health status and contact with health services
  'Z00',
  'Z01',
  'Z02',
  'Z03',
  'Z04',
  'Z05',
  'Z08',
  'Z09',
  'Z11',
  'Z12',
  'Z13',
  'Z14',
  'Z15',
  'Z17',
  'Z18',
  'Z19',
  'Z22',
  'Z28',
  'Z29',
  'Z30',
  'Z31',
  'Z32',
  'Z33',
  'Z34',
  'Z36',
  'Z37',
  'Z38',
  'Z39',
  'Z3A',
  'Z40',
  'Z41',
  'Z42',
  'Z43',
  'Z44',
  'Z45',
  'Z46',
  'Z47',
  'Z48',
  'Z49',
  'Z51',
  'Z52',
  'Z53',
  'Z55',
  'Z56',
  'Z57',
  'Z58',
  'Z59',
  'Z60',
  'Z62',
  'Z63',
  'Z64',
  'Z65',
  'Z66',
  'Z67',
  'Z68',
  'Z72',
  'Z73',
  'Z74',
  'Z75',
  'Z76',
  'Z771',
  'Z78',
  'Z79',
  'Z80',
  'Z81',
  'Z82',
  'Z83',
  'Z84',
  'Z85',
  'Z86',
  'Z87',
  'Z88',
  'Z89',
  'Z90',
  'Z910',
  'Z911',
  'Z914',
  'Z915',
  'Z918',
  'Z92',
  'Z93',
  'Z94',
  'Z95',
  'Z97',
  'Z98',
  'Z99',
];

/**
 * Subsequent-encounter and sequela 7th characters: an injury, poisoning or pathological fracture
 * coded for a later encounter or a sequela is exempt; the initial encounter (A, B, C) is not.
 */
const LATER_ENCOUNTER_7TH = /^[MST]\w{5}[DEFGHJKMNPQRS]$/;

/**
 * @example
 * isPoaExempt('Z79.4')    // → true  (long-term insulin use)
 * isPoaExempt('S64.12XA') // → false (initial encounter)
 * isPoaExempt('I50.33')   // → false
 */
export function isPoaExempt(code: string): boolean {
  const d = code.replace('.', '').toUpperCase();
  return EXEMPT_PREFIXES.some((prefix) => d.startsWith(prefix)) || LATER_ENCOUNTER_7TH.test(d);
}
