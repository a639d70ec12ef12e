/**
 * The loaded ICD-10-PCS terminology: the tables as a code model, the definitions keyed by the
 * value they define, and the Index. Built once from a {@link PcsPack}.
 */
import {
  assertPcsPack,
  type PcsDefinition,
  type PcsIndexEntry,
  type PcsPack,
} from './pcs-pack-format.js';
import { PcsTables } from './pcs-tables.js';

export interface PcsTerminology {
  tables: PcsTables;
  index: readonly PcsIndexEntry[];
  definitions: readonly PcsDefinition[];
  /** "ICD-10-PCS FY2026 (Index FY2025)". */
  label: string;
  fiscalYear: number;
  /** The definition of a value: by section character, axis position and the value's label. */
  definitionOf(section: string, axis: number, label: string): PcsDefinition | undefined;
}

function definitionKey(section: string, axis: number, label: string): string {
  return `${section}|${axis}|${label.toLowerCase()}`;
}

/** Loads a parsed pack; throws naming what was expected when the value is not one. */
export function loadPcsTerminology(value: unknown): PcsTerminology {
  assertPcsPack(value);
  const pack: PcsPack = value;
  const byKey = new Map<string, PcsDefinition>();
  for (const d of pack.definitions) byKey.set(definitionKey(d.section, d.axis, d.title), d);
  const { fiscalYear, indexFiscalYear } = pack.manifest;
  return {
    tables: new PcsTables(pack.tables, fiscalYear),
    index: pack.index,
    definitions: pack.definitions,
    label: `ICD-10-PCS FY${fiscalYear} (Index FY${indexFiscalYear})`,
    fiscalYear,
    definitionOf: (section, axis, label) => byKey.get(definitionKey(section, axis, label)),
  };
}
