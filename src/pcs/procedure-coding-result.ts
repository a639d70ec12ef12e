/**
 * What a coding request carries about procedures to the panel: the suggestions, and for the
 * procedure builder the tables they belong to with the definitions of those tables' values, so
 * that the panel can walk a table axis by axis without asking again.
 */
import type { CodingScope } from '../engine/coding-types.js';
import type { PcsDefinition, PcsTable } from './pcs-pack-format.js';
import type { ProcedureCoder } from './create-procedure-coder.js';
import type { ProcedureSuggestion } from './procedure-suggestion.js';
import type { PcsTerminology } from './pcs-terminology.js';

export interface ProcedureCodingResult {
  procedures: ProcedureSuggestion[];
  /** The tables of the suggested codes (first three characters). */
  procedureTables: PcsTable[];
  /** Definitions of the root operations and of every value in those tables. */
  procedureDefinitions: PcsDefinition[];
  /** "ICD-10-PCS FY2026 (Index FY2025)". */
  procedureTerminology: string;
}

/** The definitions that describe values of `tables`. */
export function definitionsForTables(
  terms: PcsTerminology,
  tables: readonly PcsTable[],
): PcsDefinition[] {
  const wanted = new Set<string>();
  for (const t of tables) {
    wanted.add(`${t.code[0]}|3|${t.labels[2]}`);
    for (const row of t.rows)
      row.forEach((axis, i) =>
        axis.forEach(([, label]) => wanted.add(`${t.code[0]}|${i + 4}|${label}`)),
      );
  }
  return terms.definitions.filter((d) => wanted.has(`${d.section}|${d.axis}|${d.title}`));
}

/** Codes `text` for procedures and gathers the builder's tables. */
export function codeProcedures(
  terms: PcsTerminology,
  coder: ProcedureCoder,
  text: string,
  scope: CodingScope,
): ProcedureCodingResult {
  const procedures = coder.code(text, { scope });
  const tables = [...new Set(procedures.map((p) => p.code.slice(0, 3)))]
    .map((c) => terms.tables.table(c))
    .filter((t): t is PcsTable => !!t);
  return {
    procedures,
    procedureTables: tables,
    procedureDefinitions: definitionsForTables(terms, tables),
    procedureTerminology: terms.label,
  };
}

/** A lookup hit for an ICD-10-PCS code or partial code, with its table for the builder. */
export interface ProcedureLookupHit {
  code: string;
  title: string;
  /** True only for a valid 7-character code. */
  billable: boolean;
  via: string;
  matched: string;
  procedure: { tables: PcsTable[]; definitions: PcsDefinition[] };
}

/** Lookup hits whose code has a table (Index "use" entries without a code are left out). */
export function procedureLookupHits(
  terms: PcsTerminology,
  hits: ReadonlyArray<{ code: string; title: string; via: string; matched: string }>,
): ProcedureLookupHit[] {
  const out: ProcedureLookupHit[] = [];
  for (const hit of hits) {
    const table = hit.code.length >= 3 ? terms.tables.table(hit.code) : undefined;
    if (!table || out.some((o) => o.code === hit.code)) continue;
    out.push({
      code: hit.code,
      title: hit.title,
      billable: terms.tables.isValid(hit.code),
      via: hit.via,
      matched: hit.matched,
      procedure: { tables: [table], definitions: definitionsForTables(terms, [table]) },
    });
  }
  return out;
}
