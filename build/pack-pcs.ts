/**
 * Packs ICD-10-PCS into dist/packs/icd10pcs-2026.json: the FY2026 tables and definitions and
 * the FY2025 Index (the newest Index the data folder has), each source's fiscal year recorded.
 *
 * Reads `$MARGINALIA_DATA/icd10pcs` (default ../shared/data/icd10pcs) after checking SHA256SUMS.
 * PCS is optional: without the folder the build goes on and says so (diagnosis coding only).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  findRepoRoot,
  MissingDataError,
  resolveDataDir,
  sha256Of,
  verifyDataFiles,
} from './data-source.js';
import {
  countRowCodes,
  PCS_PACK_FORMAT,
  PCS_PACK_FORMAT_VERSION,
  type PcsPack,
  type PcsPackSource,
} from '../src/pcs/pcs-pack-format.js';
import { parsePcsTables } from '../src/pcs/parse-pcs-tables.js';
import { parsePcsDefinitions } from '../src/pcs/parse-pcs-definitions.js';
import { parsePcsIndex } from '../src/pcs/parse-pcs-index.js';

export const PCS_FILES = {
  tables: 'icd10pcs/icd10pcs-tables-2026.xml',
  definitions: 'icd10pcs/icd10pcs-definitions-2026.xml',
  index: 'icd10pcs/icd10pcs-index-2025.xml',
} as const;

export const PCS_PACK_NAME = 'icd10pcs-2026.json';

export const HOW_TO_GET_PCS = `Put the ICD-10-PCS files in <data>/icd10pcs/ with a SHA256SUMS file:
  - icd10pcs-tables-2026.xml and icd10pcs-definitions-2026.xml (CMS "ICD-10-PCS Code Tables and Index", FY2026)
  - icd10pcs-index-2025.xml (the FY2025 Index XML)
Official source: https://www.cms.gov/medicare/coding-billing/icd-10-codes (ICD-10-PCS). See ../shared/data/icd10pcs/README.md.`;

export function pcsPackPath(root: string): string {
  return path.join(root, 'dist', 'packs', PCS_PACK_NAME);
}

/** Builds the pack from the data directory; throws MissingDataError when the files are absent. */
export function buildPcsPack(dataDir: string): PcsPack {
  const verified = verifyDataFiles(dataDir, Object.values(PCS_FILES), HOW_TO_GET_PCS);
  const read = (file: string): string => readFileSync(path.join(dataDir, file), 'utf8');
  const tables = parsePcsTables(read(PCS_FILES.tables), PCS_FILES.tables);
  const definitions = parsePcsDefinitions(read(PCS_FILES.definitions), PCS_FILES.definitions);
  const index = parsePcsIndex(read(PCS_FILES.index), PCS_FILES.index);
  if (definitions.fiscalYear !== tables.fiscalYear) {
    throw new Error(
      `${PCS_FILES.definitions}: expected fiscal year ${tables.fiscalYear} like the tables, found ${definitions.fiscalYear}.`,
    );
  }
  const roles: Record<string, { role: PcsPackSource['role']; fiscalYear: number }> = {
    [PCS_FILES.tables]: { role: 'tables', fiscalYear: tables.fiscalYear },
    [PCS_FILES.definitions]: { role: 'definitions', fiscalYear: definitions.fiscalYear },
    [PCS_FILES.index]: { role: 'index', fiscalYear: index.fiscalYear },
  };
  const rows = tables.tables.reduce((n, t) => n + t.rows.length, 0);
  const codes = tables.tables.reduce(
    (n, t) => n + t.rows.reduce((m, r) => m + countRowCodes(r), 0),
    0,
  );
  return {
    manifest: {
      format: PCS_PACK_FORMAT,
      formatVersion: PCS_PACK_FORMAT_VERSION,
      classification: 'ICD-10-PCS',
      fiscalYear: tables.fiscalYear,
      indexFiscalYear: index.fiscalYear,
      sources: verified.map((v) => ({ file: v.file, sha256: v.sha256, ...roles[v.file]! })),
      counts: {
        tables: tables.tables.length,
        rows,
        codes,
        definitions: definitions.definitions.length,
        indexEntries: index.entries.length,
      },
      builtAt: new Date().toISOString(),
    },
    tables: tables.tables,
    definitions: definitions.definitions,
    index: index.entries,
  };
}

function main(): void {
  const root = findRepoRoot();
  const dataDir = resolveDataDir();
  const out = pcsPackPath(root);
  const stamp = out + '.sources';
  const folder = path.join(dataDir, 'icd10pcs');
  if (!existsSync(folder)) {
    console.warn(
      `pack-pcs: skipped: no icd10pcs folder in ${dataDir} (set MARGINALIA_DATA). Procedures are then not coded.\n${HOW_TO_GET_PCS}`,
    );
    return;
  }
  const sums = path.join(folder, 'SHA256SUMS');
  const fingerprint = existsSync(sums)
    ? sha256Of(Buffer.concat([readFileSync(sums), readFileSync(new URL(import.meta.url))]))
    : '';
  if (
    fingerprint &&
    existsSync(out) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  ) {
    console.log(`pack-pcs: ${path.relative(root, out)} is up to date`);
    return;
  }
  let pack: PcsPack;
  try {
    pack = buildPcsPack(dataDir);
  } catch (err) {
    if (err instanceof MissingDataError) {
      console.warn(`pack-pcs: skipped: ${err.message}`);
      return;
    }
    console.error(`pack-pcs: ${(err as Error).message}`);
    process.exit(2);
  }
  const json = JSON.stringify(pack);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, json);
  writeFileSync(stamp, fingerprint);
  const c = pack.manifest.counts;
  const gz = gzipSync(json, { level: 9 }).length;
  console.log(
    `pack-pcs: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(2)} MB (${(gz / 1e6).toFixed(2)} MB gzipped), ${c.codes} FY${pack.manifest.fiscalYear} codes in ${c.tables} tables, ${c.indexEntries} FY${pack.manifest.indexFiscalYear} Index entries`,
  );
}

if (process.argv[1] && /pack-pcs\.(m?js|ts)$/.test(process.argv[1])) main();
