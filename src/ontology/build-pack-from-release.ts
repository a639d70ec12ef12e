/**
 * Builds a terminology pack from the official ICD-10-CM release files, in any context: the
 * options page hands the files (unzipped with {@link readZip}) to a worker, which calls this
 * and stores the pack. The same files give the same pack as the build does.
 */
import type {
  PackIndex,
  PackNotes,
  PackSource,
  PackTable,
  SevenChrDef,
  TerminologyPack,
} from './pack-format.js';
import {
  emptyIndex,
  parseIndexCsv,
  parseIndexXml,
  parseOrderFile,
  parseTabular,
  toPackIndex,
  toPackTable,
  type TabularResult,
} from './parse-release-files.js';
import { assembleTerminologyPack } from './assemble-terminology-pack.js';
import { sha256Hex } from './sha256.js';

/** What a release file contributes, recognised from its name. */
export type ReleaseFileRole = 'codes' | 'notes' | 'index' | 'eindex' | 'neoplasm' | 'drug';

export interface BuildPackFromReleaseOptions {
  /** Release label (the IndexedDB key), e.g. "2026"; default from the order file's name. */
  version?: string;
  /**
   * The pack in use, to fill in what the release lacks: an import of only the CMS order-file
   * zip keeps the Tabular notes, Index and tables of `base` (and says so through `onWarning`).
   * Partial Tabulars (one chapter) are laid over `base`'s notes.
   */
  base?: TerminologyPack;
  /** ISO time stamp for the manifest (default now). */
  builtAt?: string;
  /** Called with each thing worth telling the team lead (parts carried over, Index codes not in the code list). */
  onWarning?: (message: string) => void;
}

export class ReleaseImportError extends Error {
  override name = 'ReleaseImportError';
}

/**
 * Which part of a release a file is, from its name (any folder prefix is ignored):
 * `icd10cm-order-2026.txt` (codes), `icd10cm-tabular-2026.xml` (notes), `icd10cm-index-2026.xml`
 * or `.csv` (index), `icd10cm-eindex-2026.xml`, `icd10cm-neoplasm-2026.xml`, `icd10cm-drug-2026.xml`.
 * Addenda, PDFs, XSDs and the billable-only codes file are not used (undefined).
 */
export function classifyReleaseFile(name: string): ReleaseFileRole | undefined {
  const base = (name.split('/').pop() ?? name).toLowerCase();
  if (base.includes('addenda')) return undefined;
  if (base.endsWith('.txt')) return base.includes('order') ? 'codes' : undefined;
  const xml = base.endsWith('.xml');
  if (!xml && !base.endsWith('.csv')) return undefined;
  if (xml && base.includes('tabular')) return 'notes';
  if (xml && base.includes('eindex')) return 'eindex';
  if (xml && base.includes('neoplasm')) return 'neoplasm';
  if (xml && base.includes('drug')) return 'drug';
  if (base.includes('index')) return 'index';
  return undefined;
}

/** Fiscal year named in a file name ("icd10cm-order-2026.txt" → 2026). */
function yearOf(name: string): number | undefined {
  const m = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(name.split('/').pop() ?? name);
  return m ? Number(m[1]) : undefined;
}

/** "2025-april" for an April update, else "2026". */
function versionOf(name: string, fy: number): string {
  return /april/i.test(name) ? `${fy}-april` : String(fy);
}

/**
 * Builds a {@link TerminologyPack} from the files of an official release, keyed by file name
 * (folders inside a zip are fine). The order file is required; the Tabular XML (one or more:
 * whole or partial), the Index (XML or CSV) and the tables are used when present, else taken
 * from `options.base`, else left empty.
 *
 * @example
 * const files = await readZip(zipBytes, inflateRaw);
 * const pack = buildPackFromRelease(files, {base: currentPack, onWarning: (m) => notes.push(m)});
 * const diff = diffTerminologyPacks(currentPack, pack);
 */
export function buildPackFromRelease(
  files: ReadonlyMap<string, string | Uint8Array>,
  options: BuildPackFromReleaseOptions = {},
): TerminologyPack {
  const warn = options.onWarning ?? (() => {});
  const byRole = new Map<ReleaseFileRole, { name: string; data: string | Uint8Array }[]>();
  for (const [name, data] of files) {
    const role = classifyReleaseFile(name);
    if (!role) continue;
    let list = byRole.get(role);
    if (!list) byRole.set(role, (list = []));
    list.push({ name, data });
  }
  const decoder = new TextDecoder('utf-8');
  const sources: PackSource[] = [];
  const read = (
    f: { name: string; data: string | Uint8Array },
    role: ReleaseFileRole,
    fy: number,
  ): string => {
    const text = typeof f.data === 'string' ? f.data : decoder.decode(f.data);
    sources.push({ file: f.name, sha256: sha256Hex(f.data), fy, role });
    return text;
  };
  const single = (
    role: ReleaseFileRole,
  ): { name: string; data: string | Uint8Array } | undefined => {
    const list = byRole.get(role) ?? [];
    if (list.length > 1)
      throw new ReleaseImportError(
        `Expected one ${role} file in the release, got ${list.length}: ${list.map((f) => f.name).join(', ')}.`,
      );
    return list[0];
  };

  const orderFile = single('codes');
  if (!orderFile) {
    throw new ReleaseImportError(
      `Expected the ICD-10-CM order file ("icd10cm-order-YYYY.txt", in the CMS "Code Descriptions in Tabular Order" zip) among the release files, got: ${[...files.keys()].join(', ') || 'no files'}.`,
    );
  }
  const codesFy = yearOf(orderFile.name) ?? options.base?.manifest.codesFy;
  if (!codesFy)
    throw new ReleaseImportError(
      `Expected a fiscal year in the order file's name (e.g. "icd10cm-order-2026.txt"), got "${orderFile.name}".`,
    );
  const version = options.version ?? versionOf(orderFile.name, codesFy);
  const order = parseOrderFile(read(orderFile, 'codes', codesFy));
  if (!order.length)
    throw new ReleaseImportError(`The order file "${orderFile.name}" has no codes.`);

  const base = options.base;
  const baseSources = (role: string): PackSource[] =>
    base ? base.manifest.sources.filter((s) => s.role === role) : [];

  // Tabulars, oldest first; a partial one (fewer chapters than the base) is laid over the base's notes.
  const parsed: TabularResult[] = (byRole.get('notes') ?? [])
    .map((f) => {
      const text = typeof f.data === 'string' ? f.data : decoder.decode(f.data);
      const fy =
        Number(/<version>\s*(\d{4})/.exec(text.slice(0, 4000))?.[1]) || yearOf(f.name) || codesFy;
      sources.push({ file: f.name, sha256: sha256Hex(f.data), fy, role: 'notes' });
      return parseTabular(text, fy, f.name);
    })
    .sort((a, b) => a.fy - b.fy);
  const whole = parsed.some((t) => t.chapters.length >= (base?.chapters.length || 21));
  const tabulars: TabularResult[] = [];
  if (!whole && base) {
    tabulars.push(...tabularsFromPack(base));
    sources.push(...baseSources('notes'));
    warn(
      parsed.length
        ? `The release has a partial Tabular (chapters ${parsed.flatMap((t) => t.chapters.map((c) => c.id)).join(', ')}); the notes of the other chapters are kept from ${base.manifest.version}.`
        : `The release has no Tabular List XML; notes, 7th characters and the hierarchy are kept from ${base.manifest.version}.`,
    );
  } else if (!whole && !parsed.length)
    warn(
      'The release has no Tabular List XML and there is no pack to keep notes from: the pack has codes and titles but no notes or chapters.',
    );
  tabulars.push(...parsed);

  const part = <T>(
    role: 'index' | 'eindex' | 'neoplasm' | 'drug',
    parse: (text: string, name: string) => T,
    fromBase: (p: TerminologyPack) => T,
    empty: () => T,
  ): T => {
    const f = single(role);
    if (f) return parse(read(f, role, yearOf(f.name) ?? codesFy), f.name);
    if (base) {
      sources.push(...baseSources(role));
      warn(`The release has no ${role} file; it is kept from ${base.manifest.version}.`);
      return fromBase(base);
    }
    warn(`The release has no ${role} file; the pack has none.`);
    return empty();
  };
  const index = part<PackIndex>(
    'index',
    (t, n) => (/\.csv$/i.test(n) ? parseIndexCsv(t) : toPackIndex(parseIndexXml(t, n).rows)),
    (p) => p.index,
    emptyIndex,
  );
  const eindex = part<PackIndex>(
    'eindex',
    (t, n) => toPackIndex(parseIndexXml(t, n).rows),
    (p) => p.eindex,
    emptyIndex,
  );
  const emptyTable = (): PackTable => ({
    columns: [],
    level: [],
    term: [],
    nemod: [],
    codes: [],
    see: [],
  });
  const neoplasm = part<PackTable>(
    'neoplasm',
    (t, n) => toPackTable(parseIndexXml(t, n)),
    (p) => p.neoplasm,
    emptyTable,
  );
  const drug = part<PackTable>(
    'drug',
    (t, n) => toPackTable(parseIndexXml(t, n)),
    (p) => p.drug,
    emptyTable,
  );

  const codes = new Set(order.map((r) => r.code));
  const missing = new Set(index.code.filter((c) => c && !codes.has(c.replace(/-$/, ''))));
  if (missing.size) {
    warn(
      `${missing.size} Index code(s) are not in the ${version} code list (e.g. ${[...missing].slice(0, 5).join(', ')}); the coder skips them.`,
    );
  }

  return assembleTerminologyPack({
    version,
    codesFy,
    order,
    tabulars,
    index,
    eindex,
    neoplasm,
    drug,
    sources,
    tabularCounts: Object.fromEntries(
      parsed.map((t) => [`tabular${t.fy}Billable`, t.billable.size]),
    ),
    builtAt: options.builtAt ?? new Date().toISOString(),
  });
}

/**
 * The notes of a pack as Tabulars, one per notes year (oldest first, the hierarchy on the
 * first), so that a partial Tabular can be laid over them with {@link mergeTabulars}' rule.
 */
function tabularsFromPack(pack: TerminologyPack): TabularResult[] {
  const byFy = new Map<number, string[]>();
  for (const [code, fy] of Object.entries(pack.noteFy)) {
    let l = byFy.get(fy);
    if (!l) byFy.set(fy, (l = []));
    l.push(code);
  }
  const fys = [...byFy.keys()].sort((a, b) => a - b);
  if (!fys.length) fys.push(pack.manifest.codesFy);
  return fys.map((fy, k) => {
    const diagCodes = new Set(byFy.get(fy) ?? []);
    const notes = new Map<string, PackNotes>();
    const sevenChr = new Map<string, SevenChrDef>();
    for (const c of diagCodes) {
      const n = pack.notes[c];
      if (n) notes.set(c, n);
      const s = pack.sevenChr[c];
      if (s) sevenChr.set(c, s);
    }
    return {
      fy,
      chapters: k === 0 ? pack.chapters : [],
      blocks: k === 0 ? pack.blocks : [],
      notes,
      sevenChr,
      diagCodes,
      billable: new Set<string>(),
    };
  });
}
