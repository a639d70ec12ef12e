/**
 * ICD-10-PCS in the CLI: loading the PCS pack beside the diagnosis pack, and the lookup and
 * search answers for procedure codes and terms.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPcsTerminology, type PcsTerminology } from '../src/pcs/pcs-terminology.js';
import { lookupPcsCode, type PcsCodeInfo } from '../src/pcs/lookup-pcs-code.js';
import { PcsSearch, type PcsSearchHit } from '../src/pcs/search-pcs.js';
import { normalizePcsCode } from '../src/pcs/pcs-tables.js';
import {
  createProcedureCoder,
  DEFAULT_MIN_PRECISION,
  type ProcedureCoder,
} from '../src/pcs/create-procedure-coder.js';
import {
  assertProcedurePhraseTable,
  type ProcedurePhraseTable,
} from '../src/pcs/procedure-phrase-table.js';
import type { ProcedureSuggestion } from '../src/pcs/procedure-suggestion.js';

/** Written by build/mine-codiesp-procedures.ts. */
export const PROCEDURE_PHRASES_FILE = 'codiesp-procedure-phrases.json';

export const PCS_PACK_FILE = 'icd10pcs-2026.json';

/** Which classification a command works on. */
export type CodeSystemChoice = 'cm' | 'pcs' | 'all';

const cache = new Map<string, PcsTerminology | null>();

/** The PCS terminology from the pack beside the diagnosis pack, or null when it was not built. */
export function loadPcsFromDisk(packDir: string): PcsTerminology | null {
  const file = path.join(packDir, PCS_PACK_FILE);
  if (cache.has(file)) return cache.get(file)!;
  let terms: PcsTerminology | null = null;
  if (existsSync(file)) {
    try {
      terms = loadPcsTerminology(JSON.parse(readFileSync(file, 'utf8')));
    } catch (err) {
      throw new Error(
        `ICD-10-PCS pack ${file} could not be read (${(err as Error).message}); rebuild it with "npm run build".`,
      );
    }
  }
  cache.set(file, terms);
  return terms;
}

export const NO_PCS_PACK = `needs the ICD-10-PCS pack (dist/packs/${PCS_PACK_FILE}); run "npm run build" with the icd10pcs folder in MARGINALIA_DATA.`;

/** A PCS answer for `raw`, or an error entry naming what was expected. */
export function lookupPcs(
  terms: PcsTerminology | null,
  raw: string,
): PcsCodeInfo | { code: string; error: string } {
  if (!terms)
    return { code: raw, error: `"${raw}" looks like an ICD-10-PCS code; lookup ${NO_PCS_PACK}` };
  return (
    lookupPcsCode(terms, raw) ?? {
      code: raw,
      error: `Unknown code "${raw}": no ICD-10-CM code, and no valid ICD-10-PCS code starts with ${JSON.stringify(normalizePcsCode(raw) || raw)} in ${terms.label}.`,
    }
  );
}

/** Whether `raw` could only be a procedure code: 7 characters without a dot (no ICD-9-CM or ICD-10-CM code has that shape). */
export function looksLikePcsCode(raw: string): boolean {
  return !raw.includes('.') && normalizePcsCode(raw).length === 7;
}

/** PCS search hits, or [] without the pack. */
export function searchPcs(
  terms: PcsTerminology | null,
  query: string,
  limit: number,
): PcsSearchHit[] {
  if (!terms) return [];
  return new PcsSearch(terms).search(query, limit);
}

/** The procedure coder over the PCS pack and the mined procedure phrases beside it, or null without the pack. */
export function loadProcedureCoderFromDisk(packDir: string): ProcedureCoder | null {
  const terms = loadPcsFromDisk(packDir);
  if (!terms) return null;
  const phrasesFile = path.join(packDir, PROCEDURE_PHRASES_FILE);
  let phrases: ProcedurePhraseTable | undefined;
  if (existsSync(phrasesFile)) {
    const parsed: unknown = JSON.parse(readFileSync(phrasesFile, 'utf8'));
    assertProcedurePhraseTable(parsed);
    phrases = parsed;
  }
  const minPrecision = Number(process.env['MARGINALIA_PCS_MIN_PRECISION'] ?? DEFAULT_MIN_PRECISION);
  const build = process.env['MARGINALIA_PCS_BUILD'] !== '0';
  return createProcedureCoder(terms, { ...(phrases ? { phrases } : {}), minPrecision, build });
}

/** Plain-text lines for `code` without --json. */
export function formatProcedures(procedures: readonly ProcedureSuggestion[]): string[] {
  const lines: string[] = [];
  if (procedures.length) lines.push('# procedures (ICD-10-PCS)');
  for (const p of procedures) {
    const choice = p.needsChoice ? `\t[choose ${p.needsChoice.title}]` : '';
    lines.push(
      `${p.code}\t${p.score.toFixed(2)}\t${p.title}${choice}\t${p.evidence.map((e) => JSON.stringify(e.text)).join(' ')}`,
    );
    for (const n of p.notes) lines.push(`    ${n.rule}: ${n.message}`);
  }
  return lines;
}
