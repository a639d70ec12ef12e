import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { assertPcsPack, type PcsPack } from '../../src/pcs/pcs-pack-format.js';
import { PcsTables } from '../../src/pcs/pcs-tables.js';
import { REPO } from './load-pack.js';

export const PCS_PACK_PATH = path.join(REPO, 'dist', 'packs', 'icd10pcs-2026.json');

let pack: PcsPack | undefined;
let tables: PcsTables | undefined;

/** The built ICD-10-PCS pack (run `npm run build` first). */
export function testPcsPack(): PcsPack {
  if (pack) return pack;
  if (!existsSync(PCS_PACK_PATH))
    throw new Error(`Expected the ICD-10-PCS pack at ${PCS_PACK_PATH}; run "npm run build" first.`);
  const parsed: unknown = JSON.parse(readFileSync(PCS_PACK_PATH, 'utf8'));
  assertPcsPack(parsed);
  return (pack = parsed);
}

export function testPcsTables(): PcsTables {
  return (tables ??= new PcsTables(testPcsPack().tables, testPcsPack().manifest.fiscalYear));
}
