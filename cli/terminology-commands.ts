/**
 * The CLI's terminology-maintenance commands and its ICD-9-CM reading of lookup and search:
 *
 *   marginalia diff OLD_PACK NEW_PACK [--json] [--limit N]
 *   marginalia import-release FILE_OR_ZIP... --out PACK [--base PACK] [--version LABEL] [--json]
 *
 * and `lookup` / `search` of ICD-9-CM codes through dist/packs/icd9cm-gems.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { PACK_FORMAT, type TerminologyPack } from '../src/ontology/pack-format.js';
import type { Ontology } from '../src/ontology/ontology.js';
import {
  diffTerminologyPacks,
  formatTerminologyDiff,
} from '../src/ontology/diff-terminology-packs.js';
import {
  buildPackFromRelease,
  classifyReleaseFile,
} from '../src/ontology/build-pack-from-release.js';
import { readZip } from '../src/ontology/read-zip.js';
import {
  Icd9Crosswalk,
  looksLikeIcd9Code,
  type Icd9CodeInfo,
} from '../src/ontology/icd9-crosswalk.js';
import type { Icd9GemsPack } from '../src/ontology/icd9-gems-pack.js';

export type Flags = Map<string, string | true>;

/** A usage problem: the caller prints it with the usage text and exits 2. */
export class TerminologyUsageError extends Error {}

function write(line: string): void {
  process.stdout.write(line + '\n');
}

/** Reads a pack file (.json or .json.gz) and checks it is a terminology pack. */
export function readPackFile(file: string): TerminologyPack {
  if (!existsSync(file)) throw new Error(`No terminology pack at ${file}.`);
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  let pack: TerminologyPack;
  try {
    pack = JSON.parse(text) as TerminologyPack;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (${(err as Error).message}).`);
  }
  if (pack?.manifest?.format !== PACK_FORMAT || !Array.isArray(pack.codes)) {
    throw new Error(
      `${file}: expected a "${PACK_FORMAT}" pack, got ${JSON.stringify(pack?.manifest?.format ?? typeof pack)}.`,
    );
  }
  return pack;
}

/** `marginalia diff OLD NEW`: codes added, deleted, retitled and with a changed billable flag. */
export function cmdDiff(positional: string[], flags: Flags): number {
  if (positional.length !== 2)
    throw new TerminologyUsageError('diff expects two packs: OLD_PACK NEW_PACK.');
  const diff = diffTerminologyPacks(readPackFile(positional[0]!), readPackFile(positional[1]!));
  if (flags.has('--json')) write(JSON.stringify(diff, null, 2));
  else {
    const limit = Number(flags.get('--limit'));
    for (const line of formatTerminologyDiff(
      diff,
      Number.isFinite(limit) && limit > 0 ? limit : Infinity,
    ))
      write(line);
  }
  return 0;
}

/** Release files from paths: zips are opened (their .txt/.xml/.csv entries), other files read as they are. */
async function readReleaseFiles(paths: string[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const p of paths) {
    if (!existsSync(p)) throw new TerminologyUsageError(`No such file: ${p}`);
    const bytes = new Uint8Array(readFileSync(p));
    if (/\.zip$/i.test(p)) {
      const entries = await readZip(
        bytes,
        (raw) => Promise.resolve(new Uint8Array(inflateRawSync(raw))),
        (name) => classifyReleaseFile(name) !== undefined,
      );
      for (const [name, data] of entries) files.set(name, data);
    } else files.set(path.basename(p), bytes);
  }
  return files;
}

/** `marginalia import-release`: builds a pack from official release files, as the options page does. */
export async function cmdImportRelease(positional: string[], flags: Flags): Promise<number> {
  const outPath = flags.get('--out');
  if (!positional.length || typeof outPath !== 'string')
    throw new TerminologyUsageError('import-release expects release files or zips and --out PACK.');
  const basePath = flags.get('--base');
  const base = typeof basePath === 'string' ? readPackFile(basePath) : undefined;
  const version = flags.get('--version');
  const files = await readReleaseFiles(positional);
  const warnings: string[] = [];
  const pack = buildPackFromRelease(files, {
    ...(base ? { base } : {}),
    ...(typeof version === 'string' ? { version } : {}),
    onWarning: (m) => warnings.push(m),
  });
  mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
  writeFileSync(outPath, JSON.stringify(pack));
  for (const w of warnings) process.stderr.write(`marginalia: ${w}\n`);
  const diff = base ? diffTerminologyPacks(base, pack) : undefined;
  if (flags.has('--json'))
    write(
      JSON.stringify(
        { out: outPath, manifest: pack.manifest, warnings, diff: diff?.counts },
        null,
        2,
      ),
    );
  else {
    const c = pack.manifest.counts;
    write(
      `${outPath}: ICD-10-CM ${pack.manifest.version}, ${c.billable} billable + ${c.headers} headers, ${c.codesWithNotes} codes with notes, ${c.indexRows} Index rows`,
    );
    if (diff) {
      for (const line of formatTerminologyDiff(diff).slice(0, 3)) write(line);
      write(
        `(marginalia diff ${typeof basePath === 'string' ? basePath : 'OLD'} ${outPath} lists every change)`,
      );
    }
  }
  return 0;
}

let crosswalk: Icd9Crosswalk | null | undefined;

/** The ICD-9-CM crosswalk from icd9cm-gems.json beside the ICD-10-CM pack, or null when absent. */
export function loadIcd9Crosswalk(packPath: string, ontology: Ontology): Icd9Crosswalk | null {
  if (crosswalk !== undefined) return crosswalk;
  const file = path.join(path.dirname(packPath), 'icd9cm-gems.json');
  crosswalk = existsSync(file)
    ? new Icd9Crosswalk(JSON.parse(readFileSync(file, 'utf8')) as Icd9GemsPack, ontology)
    : null;
  return crosswalk;
}

/** The message for an ICD-9-shaped code when the ICD-9 pack is missing. */
export const NO_ICD9_PACK =
  'looks like an ICD-9-CM code, but dist/packs/icd9cm-gems.json is missing; run "npm run build" with the icd9cm folder in MARGINALIA_DATA.';

/** Lookup of a code the ICD-10-CM release does not have, read as ICD-9-CM; undefined when it is not one. */
export function lookupIcd9(
  raw: string,
  packPath: string,
  ontology: Ontology,
): Icd9CodeInfo | { code: string; error: string } | undefined {
  if (!looksLikeIcd9Code(raw)) return undefined;
  const xw = loadIcd9Crosswalk(packPath, ontology);
  if (!xw) return { code: raw, error: `"${raw}" ${NO_ICD9_PACK}` };
  const info = xw.lookup(raw);
  if (info) return info;
  const under = xw.codesUnder(raw, 12);
  if (under.length)
    return {
      code: raw,
      error: `"${raw}" is not an ICD-9-CM diagnosis code itself; its codes: ${under.join(', ')}${under.length === 12 ? ', ...' : ''}.`,
    };
  return undefined;
}

/** Text lines of an ICD-9-CM lookup. */
export function formatIcd9Info(info: Icd9CodeInfo): string[] {
  const lines = [`${info.code}\tICD-9-CM\t${info.title}`];
  if (info.noMap) lines.push('  ICD-10-CM (GEM 2018): no map');
  for (const c of info.candidates) {
    const how = [
      c.approximate ? 'approximate' : 'exact',
      c.combination ? `combination scenario ${c.scenario}, choice list ${c.choiceList}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const state = c.inRelease ? (c.billable ? 'billable' : 'header') : 'not in this release';
    lines.push(`  -> ${c.code}\t${state}\t${c.title ?? ''}\t[${how}]`);
  }
  return lines;
}
