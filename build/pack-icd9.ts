/**
 * Packs ICD-9-CM v32 diagnosis titles and the 2018 GEMs (both directions) into
 * dist/packs/icd9cm-gems.json, read by the CLI's lookup and search (`Icd9Crosswalk`).
 *
 * Reads `$MARGINALIA_DATA/icd9cm` (default ../shared/data/icd9cm) after checking SHA256SUMS.
 * ICD-9 is optional: when the folder is absent the build goes on without it and says so.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  findRepoRoot,
  MissingDataError,
  resolveDataDir,
  sha256Of,
  verifyDataFiles,
} from './data-source.js';
import {
  ICD9_PACK_FORMAT,
  ICD9_PACK_FORMAT_VERSION,
  parseGemCsv,
  parseIcd9Descriptions,
  type Icd9GemsPack,
} from '../src/ontology/icd9-gems-pack.js';

const FILES = {
  titles: 'icd9cm/CMS32_DESC_LONG_DX.txt',
  forward: 'icd9cm/icd9toicd10cmgem.csv',
  reverse: 'icd9cm/icd10cmtoicd9gem.csv',
} as const;

export const HOW_TO_GET_ICD9 = `Put the ICD-9-CM files in <data>/icd9cm/ with a SHA256SUMS file:
  - CMS32_DESC_LONG_DX.txt (ICD-9-CM v32 diagnosis long titles, latin1; CMS "ICD-9-CM Diagnosis and Procedure Codes: Abbreviated and Full Code Titles", Version 32)
  - icd9toicd10cmgem.csv and icd10cmtoicd9gem.csv (2018 diagnosis GEMs, NBER CSV layout with decoded flags)
Official source: https://www.cms.gov/medicare/coding-billing/icd-10-codes (2018 ICD-10-CM and GEMs). See ../shared/data/icd9cm/README.md.`;

export function icd9PackPath(root: string): string {
  return path.join(root, 'dist', 'packs', 'icd9cm-gems.json');
}

/** Builds the pack from the data directory; throws MissingDataError when the files are absent. */
export function buildIcd9Pack(dataDir: string): Icd9GemsPack {
  const verified = verifyDataFiles(dataDir, Object.values(FILES), HOW_TO_GET_ICD9);
  const { codes, titles } = parseIcd9Descriptions(
    readFileSync(path.join(dataDir, FILES.titles), 'latin1'),
  );
  const forward = parseGemCsv(
    readFileSync(path.join(dataDir, FILES.forward), 'utf8'),
    FILES.forward,
  );
  const reverse = parseGemCsv(
    readFileSync(path.join(dataDir, FILES.reverse), 'utf8'),
    FILES.reverse,
  );
  const known = new Set(codes);
  const unknownSources = new Set(forward.source.filter((c) => !known.has(c)));
  if (unknownSources.size)
    throw new Error(
      `${FILES.forward}: ${unknownSources.size} source codes are not ICD-9-CM v32 diagnosis codes (e.g. ${[...unknownSources].slice(0, 3).join(', ')}).`,
    );
  const role = {
    [FILES.titles]: 'titles',
    [FILES.forward]: 'gem-icd9-to-icd10cm',
    [FILES.reverse]: 'gem-icd10cm-to-icd9',
  } as Record<string, string>;
  const count = (t: typeof forward, k: number): number =>
    t.flags.filter((f) => f[k] === '1').length;
  return {
    manifest: {
      format: ICD9_PACK_FORMAT,
      formatVersion: ICD9_PACK_FORMAT_VERSION,
      classification: 'ICD-9-CM',
      version: 'v32',
      gemsYear: 2018,
      sources: verified.map((v) => ({ file: v.file, sha256: v.sha256, role: role[v.file]! })),
      counts: {
        codes: codes.length,
        forwardRows: forward.source.length,
        forwardSources: new Set(forward.source).size,
        forwardApproximate: count(forward, 0),
        forwardNoMap: count(forward, 1),
        forwardCombination: count(forward, 2),
        reverseRows: reverse.source.length,
        reverseSources: new Set(reverse.source).size,
      },
      builtAt: new Date().toISOString(),
    },
    codes,
    titles,
    forward,
    reverse,
  };
}

function main(): void {
  const root = findRepoRoot();
  const dataDir = resolveDataDir();
  const out = icd9PackPath(root);
  const stamp = out + '.sources';
  const sums = path.join(dataDir, 'icd9cm', 'SHA256SUMS');
  if (!existsSync(path.join(dataDir, 'icd9cm'))) {
    console.warn(
      `pack-icd9: skipped: no icd9cm folder in ${dataDir} (set MARGINALIA_DATA). The CLI then looks up ICD-10-CM codes only.\n${HOW_TO_GET_ICD9}`,
    );
    return;
  }
  const fingerprint = existsSync(sums)
    ? sha256Of(Buffer.concat([readFileSync(sums), readFileSync(new URL(import.meta.url))]))
    : '';
  if (
    fingerprint &&
    existsSync(out) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === fingerprint
  ) {
    console.log(`pack-icd9: ${path.relative(root, out)} is up to date`);
    return;
  }
  let pack: Icd9GemsPack;
  try {
    pack = buildIcd9Pack(dataDir);
  } catch (err) {
    if (err instanceof MissingDataError) {
      console.warn(`pack-icd9: skipped: ${err.message}`);
      return;
    }
    console.error(`pack-icd9: ${(err as Error).message}`);
    process.exit(2);
  }
  const json = JSON.stringify(pack);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, json);
  writeFileSync(stamp, fingerprint);
  const c = pack.manifest.counts;
  console.log(
    `pack-icd9: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(1)} MB, ${c.codes} ICD-9-CM codes, ${c.forwardRows} + ${c.reverseRows} GEM rows`,
  );
}

if (process.argv[1] && /pack-icd9\.(m?js|ts)$/.test(process.argv[1])) main();
