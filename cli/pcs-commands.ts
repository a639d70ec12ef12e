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
      throw new Error(`ICD-10-PCS pack ${file} could not be read (${(err as Error).message}); rebuild it with "npm run build".`);
    }
  }
  cache.set(file, terms);
  return terms;
}

export const NO_PCS_PACK = `needs the ICD-10-PCS pack (dist/packs/${PCS_PACK_FILE}); run "npm run build" with the icd10pcs folder in MARGINALIA_DATA.`;

/** A PCS answer for `raw`, or an error entry naming what was expected. */
export function lookupPcs(terms: PcsTerminology | null, raw: string): PcsCodeInfo | { code: string; error: string } {
  if (!terms) return { code: raw, error: `"${raw}" looks like an ICD-10-PCS code; lookup ${NO_PCS_PACK}` };
  return lookupPcsCode(terms, raw) ?? { code: raw, error: `Unknown code "${raw}": no ICD-10-CM code, and no valid ICD-10-PCS code starts with ${JSON.stringify(normalizePcsCode(raw) || raw)} in ${terms.label}.` };
}

/** Whether `raw` could only be a procedure code: 7 characters, or a shape no diagnosis code has. */
export function looksLikePcsCode(raw: string): boolean {
  const code = normalizePcsCode(raw);
  return code.length === 7 || (code.length >= 3 && !/^[A-Z]\d/.test(code));
}

/** PCS search hits, or [] without the pack. */
export function searchPcs(terms: PcsTerminology | null, query: string, limit: number): PcsSearchHit[] {
  if (!terms) return [];
  return new PcsSearch(terms).search(query, limit);
}
