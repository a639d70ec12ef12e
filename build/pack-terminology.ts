/**
 * Packs the official ICD-10-CM release files into one versioned terminology pack
 * (dist/packs/icd10cm-<version>.json), the input of `loadOntology` in Node and in the browser.
 *
 * Years are merged explicitly: codes, titles and billable flags come from the newest code list
 * (the FY2025 April order file); notes come from the newest Tabular that has the code (FY2025
 * for chapter 2, FY2021 for the rest) and each code records the year of its notes.
 *
 * Run through `npm run build`; skipped when the pack exists and was built from the same sources.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { findRepoRoot, resolveDataDir, sha256Of, verifyDataFiles } from './data-source.js';
import {
  PACK_FORMAT_VERSION,
  type PackSource,
  type TerminologyPack,
} from '../src/ontology/pack-format.js';
import {
  parseIndexCsv,
  parseIndexXml,
  parseOrderFile,
  parseTabular,
  toPackIndex,
  toPackTable,
} from '../src/ontology/parse-release-files.js';
import { assembleTerminologyPack } from '../src/ontology/assemble-terminology-pack.js';

// The parsers live in the pure core (a browser worker imports a new release with them); the
// build and its tests keep importing them from here.
export {
  parseCsv,
  parseIndexCsv,
  parseIndexXml,
  parseOrderFile,
  parseTabular,
  type OrderRow,
  type TabularResult,
} from '../src/ontology/parse-release-files.js';

export const PACK_VERSION = '2025-april';

const FILES = {
  order: { file: 'icd10cm/icd10cm-order-2025-april.txt', fy: 2025, role: 'codes' },
  tabular2021: { file: 'icd10cm/icd10cm-tabular-2021.xml', fy: 2021, role: 'notes' },
  tabular2025ch02: { file: 'icd10cm/icd10cm-tabular-2025-ch02.xml', fy: 2025, role: 'notes' },
  index: { file: 'icd10cm/icd10cm-index-2025-april.csv', fy: 2025, role: 'index' },
  neoplasm: { file: 'icd10cm/icd10cm-neoplasm-2025.xml', fy: 2025, role: 'neoplasm' },
  drug: { file: 'icd10cm/icd10cm-drug-2025.xml', fy: 2025, role: 'drug' },
  eindex: { file: 'icd10cm/icd10cm-eindex-2025.xml', fy: 2025, role: 'eindex' },
} as const;

export const HOW_TO_GET_ICD10CM = `Get the official ICD-10-CM release files and put them in <data>/icd10cm/ with a SHA256SUMS file:
  - the code descriptions in tabular order, April 1 2025 (CMS "Code Descriptions in Tabular Order" zip: icd10cm-order-April-2025.txt -> icd10cm-order-2025-april.txt)
  - the Tabular List XML (CDC/NCHS icd10cm_tabular_2021.xml -> icd10cm-tabular-2021.xml, and the FY2025 chapter 2 extract icd10cm-tabular-2025-ch02.xml)
  - the Alphabetic Index as CSV (icd10cm-index-2025-april.csv), and from the CDC "icd10cm-table-index-April-2025.zip": the Neoplasm table, the Table of Drugs and Chemicals and the External Cause index XML (icd10cm-neoplasm-2025.xml, icd10cm-drug-2025.xml, icd10cm-eindex-2025.xml).
Official sources: https://www.cms.gov/medicare/coding-billing/icd-10-codes and https://www.cdc.gov/nchs/icd/icd-10-cm/files.html . See ../shared/data/icd10cm/README.md for the exact provenance of each file.`;

export function packPath(root: string): string {
  return path.join(root, 'dist', 'packs', `icd10cm-${PACK_VERSION}.json`);
}

export function buildTerminologyPack(dataDir: string): TerminologyPack {
  const verified = verifyDataFiles(
    dataDir,
    Object.values(FILES).map((f) => f.file),
    HOW_TO_GET_ICD10CM,
  );
  const read = (f: { file: string }): string => readFileSync(path.join(dataDir, f.file), 'utf8');

  const order = parseOrderFile(read(FILES.order));
  const t2021 = parseTabular(read(FILES.tabular2021), 2021, FILES.tabular2021.file);
  const t2025 = parseTabular(read(FILES.tabular2025ch02), 2025, FILES.tabular2025ch02.file);

  const index = parseIndexCsv(read(FILES.index));
  const eindex = toPackIndex(parseIndexXml(read(FILES.eindex), FILES.eindex.file).rows);
  const neoplasm = toPackTable(parseIndexXml(read(FILES.neoplasm), FILES.neoplasm.file));
  const drug = toPackTable(parseIndexXml(read(FILES.drug), FILES.drug.file));

  const sources: PackSource[] = Object.values(FILES).map((f) => ({
    file: f.file,
    fy: f.fy,
    role: f.role,
    sha256: verified.find((v) => v.file === f.file)!.sha256,
  }));

  return assembleTerminologyPack({
    version: PACK_VERSION,
    codesFy: 2025,
    order,
    // Oldest first: FY2025 chapter 2 replaces the FY2021 notes of the codes it names.
    tabulars: [t2021, t2025],
    index,
    eindex,
    neoplasm,
    drug,
    sources,
    tabularCounts: {
      tabular2021Billable: t2021.billable.size,
      tabular2025Ch02Billable: t2025.billable.size,
    },
    builtAt: new Date().toISOString(),
  });
}

function sourcesFingerprint(dataDir: string): string {
  // Cheap fingerprint for the up-to-date check: sizes and mtimes are not enough across
  // machines, so hash the SHA256SUMS files that the full verification trusts.
  const sums = readFileSync(path.join(dataDir, 'icd10cm', 'SHA256SUMS'));
  return sha256Of(Buffer.concat([sums, Buffer.from(String(PACK_FORMAT_VERSION) + PACK_VERSION)]));
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  const dataDir = resolveDataDir();
  const out = packPath(root);
  const stamp = out + '.sources';
  if (
    existsSync(path.join(dataDir, 'icd10cm', 'SHA256SUMS')) &&
    existsSync(out) &&
    existsSync(stamp)
  ) {
    const builderHash = sha256Of(readFileSync(new URL(import.meta.url)));
    if (readFileSync(stamp, 'utf8') === sourcesFingerprint(dataDir) + builderHash) {
      console.log(`pack-terminology: ${path.relative(root, out)} is up to date`);
      return;
    }
  }
  const t0 = performance.now();
  let pack: TerminologyPack;
  try {
    pack = buildTerminologyPack(dataDir);
  } catch (err) {
    console.error(`pack-terminology: ${(err as Error).message}`);
    process.exit(2);
  }
  const json = JSON.stringify(pack);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, json);
  const gz = gzipSync(json, { level: 9 });
  writeFileSync(out + '.gz', gz);
  writeFileSync(
    stamp,
    sourcesFingerprint(dataDir) + sha256Of(readFileSync(new URL(import.meta.url))),
  );
  const ms = performance.now() - t0;
  const c = pack.manifest.counts;
  console.log(
    `pack-terminology: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(1)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzip, ` +
      `${c.billable} billable + ${c.headers} headers, ${c.indexRows} index rows, built in ${(ms / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && /pack-terminology\.(m?js|ts)$/.test(process.argv[1])) void main();
