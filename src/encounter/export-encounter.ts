/**
 * The whole encounter in the forms coders paste: a plain list, CSV (with POA and the notes that
 * support each code) and a FHIR R4 Bundle of Condition (src/export/fhir-condition.ts), in the
 * encounter's sequence. Codes, titles and note titles only: no evidence, no note text.
 */
import type { AcceptedCode } from '../export/accepted-code.js';
import {
  buildConditionBundle,
  type ConditionOptions,
  type FhirConditionBundle,
} from '../export/fhir-condition.js';
import { quoteCsvField } from '../export/format-code-list.js';
import type { EncounterCode, EncounterSummary, PoaIndicator } from './encounter-types.js';

/** The indicator to report: the coder's, else the suggestion; "exempt" is reported blank (CMS). */
export function reportedPoa(code: EncounterCode): PoaIndicator | undefined {
  return code.poa ? (code.poa.confirmed ?? code.poa.suggested.indicator) : undefined;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * @example
 * formatEncounterAsText(summary)
 * // → '1\tI13.0\tHypertensive heart and chronic kidney disease with heart failure …\tPOA Y\n2\tI50.33\t…'
 */
export function formatEncounterAsText(summary: EncounterSummary): string {
  return summary.codes
    .map((c) => {
      const poa = reportedPoa(c);
      return [
        String(c.sequence),
        c.code,
        oneLine(c.title),
        ...(poa ? [`POA ${poa === 'exempt' ? 'exempt' : poa}`] : []),
      ].join('\t');
    })
    .map((line) => `${line}\n`)
    .join('');
}

export const ENCOUNTER_CSV_COLUMNS = [
  'sequence',
  'code',
  'code_dotless',
  'title',
  'system',
  'principal',
  'poa',
  'supporting_notes',
] as const;

/** CSV with a header row and CRLF line ends (RFC 4180); "exempt" POA is written as an empty cell (CMS reports it blank). */
export function formatEncounterAsCsv(summary: EncounterSummary): string {
  const rows = [ENCOUNTER_CSV_COLUMNS.join(',')];
  for (const c of summary.codes) {
    const poa = reportedPoa(c);
    const cells = [
      String(c.sequence),
      c.code,
      c.code.replace('.', ''),
      oneLine(c.title),
      'ICD-10-CM',
      c.isPrincipal ? 'yes' : 'no',
      poa === 'exempt' || poa === undefined ? '' : poa,
      c.supportedBy.map((n) => oneLine(n.title)).join('; '),
    ];
    rows.push(cells.map(quoteCsvField).join(','));
  }
  return rows.map((row) => `${row}\r\n`).join('');
}

/** FHIR R4 collection Bundle of Conditions in sequence order (validate with validateConditionBundle). */
export function buildEncounterBundle(
  summary: EncounterSummary,
  options: ConditionOptions = {},
): FhirConditionBundle {
  const accepted: AcceptedCode[] = summary.codes.map((c) => ({
    code: c.code,
    title: c.title,
    assertion: c.assertion,
    group: c.isPrincipal ? 'principal' : 'secondary',
  }));
  return buildConditionBundle(accepted, options);
}
