/**
 * The ICD-9-CM pack: ICD-9-CM v32 (final) diagnosis titles and the 2018 (final) General
 * Equivalence Mappings both ways, for coders and data that still speak ICD-9 (old problem
 * lists, MIMIC-style extracts). Built by build/pack-icd9.ts from the CMS files; read by
 * {@link Icd9Crosswalk}. Codes are stored without the dot.
 */
import { parseCsv } from './parse-release-files.js';

export const ICD9_PACK_FORMAT = 'marginalia-icd9cm-gems';
export const ICD9_PACK_FORMAT_VERSION = 1;

/**
 * GEM rows, columnar, in file order. `flags` is the official five-digit flag string:
 * approximate, no map, combination, scenario, choice list ("10000").
 */
export interface GemTable {
  source: string[];
  target: string[];
  flags: string[];
}

export interface Icd9GemsPack {
  manifest: {
    format: typeof ICD9_PACK_FORMAT;
    formatVersion: number;
    classification: 'ICD-9-CM';
    /** "v32" */
    version: string;
    gemsYear: number;
    sources: { file: string; sha256: string; role: string }[];
    counts: Record<string, number>;
    builtAt: string;
  };
  /** ICD-9-CM diagnosis codes, dotless, in file order. */
  codes: string[];
  /** Long titles, parallel to `codes`. */
  titles: string[];
  /** ICD-9-CM → ICD-10-CM. */
  forward: GemTable;
  /** ICD-10-CM → ICD-9-CM. */
  reverse: GemTable;
}

/** A CMS32_DESC_*_DX file: code, a run of spaces, title (decode the LONG file as latin1 first). */
export function parseIcd9Descriptions(text: string): { codes: string[]; titles: string[] } {
  const codes: string[] = [];
  const titles: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const m = /^([0-9VE][0-9]{2,4})\s+(.+)$/.exec(line);
    if (!m)
      throw new Error(
        `ICD-9-CM descriptions: expected "CODE  title" lines, got ${JSON.stringify(line.slice(0, 40))}.`,
      );
    codes.push(m[1]!);
    titles.push(m[2]!.trim());
  }
  return { codes, titles };
}

/**
 * A GEM in the NBER CSV layout (`source,target,flags,approximate,no_map,combination,scenario,choice_list`);
 * the decoded flag columns are checked against the flag string.
 */
export function parseGemCsv(text: string, label: string): GemTable {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.slice(2).join(',');
  if (header !== 'flags,approximate,no_map,combination,scenario,choice_list') {
    throw new Error(
      `${label}: expected the header "…,flags,approximate,no_map,combination,scenario,choice_list", got ${JSON.stringify(header)}.`,
    );
  }
  const table: GemTable = { source: [], target: [], flags: [] };
  for (const r of rows) {
    if (r.length < 8) continue;
    const flags = r[2]!;
    if (
      !/^[01]{3}\d\d$/.test(flags) ||
      flags.split('').map(Number).join(',') !== r.slice(3, 8).join(',')
    ) {
      throw new Error(
        `${label}: expected flags like "10000" matching the decoded columns, got ${JSON.stringify(r.slice(0, 8))}.`,
      );
    }
    table.source.push(r[0]!.trim());
    table.target.push(r[1]!.trim());
    table.flags.push(flags);
  }
  return table;
}
