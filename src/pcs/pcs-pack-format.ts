/**
 * The ICD-10-PCS terminology pack: the tables (every valid code as a row of one table), the
 * definitions (root operations, approaches, devices, body parts with their "includes") and
 * the Alphabetic Index, each with the fiscal year it comes from.
 *
 * Codes are not listed one by one: a table row is the cartesian product of its four axes
 * (body part, approach, device, qualifier), prefixed by the table's three characters.
 */

export const PCS_PACK_FORMAT = 'marginalia-icd10pcs-pack';
export const PCS_PACK_FORMAT_VERSION = 1;

/** One value of an axis: its character and its label, e.g. ["0", "Open"]. */
export type PcsAxisValue = [code: string, label: string];

/** The four axes of a row: positions 4 to 7. */
export type PcsRow = [
  bodyPart: PcsAxisValue[],
  approach: PcsAxisValue[],
  device: PcsAxisValue[],
  qualifier: PcsAxisValue[],
];

export interface PcsTable {
  /** The first three characters, e.g. "0DT". */
  code: string;
  /** Labels of positions 1 to 3: section, body system, root operation (or type). */
  labels: [string, string, string];
  /** The titles of the seven axes, e.g. "Section", ..., "Body Part", "Approach", "Device", "Qualifier". */
  axes: string[];
  /** The official definition of position 3 (the root operation), when the table gives one. */
  definition?: string;
  rows: PcsRow[];
}

/** One term of the definitions file: a value of an axis of a section. */
export interface PcsDefinition {
  /** Section character, e.g. "0". */
  section: string;
  /** Axis position, 3 to 7. */
  axis: number;
  /** The value's label as the tables write it, e.g. "Excision". */
  title: string;
  definition?: string;
  explanation?: string;
  /** What the value includes ("includes" lists), e.g. body parts for a body-part value. */
  includes: string[];
}

/** Where an Index term leads. */
export type PcsIndexRef =
  /** A full 7-character code. */
  | { kind: 'code'; value: string }
  /** A partial code (3 to 6 characters): open the table at this prefix. */
  | { kind: 'codes'; value: string }
  /** A table (3 characters). */
  | { kind: 'tab'; value: string }
  /** A synonym of a body-part or device value, e.g. "Peritoneal Cavity". */
  | { kind: 'use'; value: string }
  /** A cross-reference, e.g. "Resection, Uterus", with the code or table it names when it does. */
  | { kind: 'see'; value: string; code?: string; tab?: string };

/** One Index term with its path from the main term, e.g. ["Excision", "Acetabulum", "Left"]. */
export interface PcsIndexEntry {
  path: string[];
  refs: PcsIndexRef[];
}

export interface PcsPackSource {
  /** Path relative to the data directory, e.g. "icd10pcs/icd10pcs-tables-2026.xml". */
  file: string;
  sha256: string;
  role: 'tables' | 'definitions' | 'index';
  fiscalYear: number;
}

export interface PcsPackManifest {
  format: typeof PCS_PACK_FORMAT;
  formatVersion: number;
  classification: 'ICD-10-PCS';
  /** Fiscal year of the tables and definitions (the codes). */
  fiscalYear: number;
  /** Fiscal year of the Index, which may be older than the tables. */
  indexFiscalYear: number;
  sources: PcsPackSource[];
  counts: {
    tables: number;
    rows: number;
    codes: number;
    definitions: number;
    indexEntries: number;
  };
  builtAt: string;
}

export interface PcsPack {
  manifest: PcsPackManifest;
  tables: PcsTable[];
  definitions: PcsDefinition[];
  index: PcsIndexEntry[];
}

/** Number of codes a row stands for. */
export function countRowCodes(row: PcsRow): number {
  return row[0].length * row[1].length * row[2].length * row[3].length;
}

/** Checks the shape of a parsed pack; throws naming what was expected and what came. */
export function assertPcsPack(value: unknown): asserts value is PcsPack {
  const pack = value as Partial<PcsPack> | null;
  const manifest = pack?.manifest as Partial<PcsPackManifest> | undefined;
  if (manifest?.format !== PCS_PACK_FORMAT) {
    throw new Error(
      `Expected an ICD-10-PCS pack (format "${PCS_PACK_FORMAT}"), got format ${JSON.stringify(manifest?.format ?? null)}.`,
    );
  }
  if (manifest.formatVersion !== PCS_PACK_FORMAT_VERSION) {
    throw new Error(
      `Expected ICD-10-PCS pack format version ${PCS_PACK_FORMAT_VERSION}, got ${JSON.stringify(manifest.formatVersion)}; rebuild it with "npm run build".`,
    );
  }
  if (
    !Array.isArray(pack?.tables) ||
    !Array.isArray(pack.definitions) ||
    !Array.isArray(pack.index)
  ) {
    throw new Error(
      'Expected an ICD-10-PCS pack with tables, definitions and index arrays; some are missing.',
    );
  }
}
