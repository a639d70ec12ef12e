/**
 * Merges the parsed parts of a release into one {@link TerminologyPack}: the code list of the
 * order file, the notes of one or more Tabulars (newest wins per code and per chapter), the
 * Index and the tables. Shared by the build and by {@link buildPackFromRelease}.
 */
import {
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type PackBlock,
  type PackChapter,
  type PackIndex,
  type PackNotes,
  type PackSource,
  type PackTable,
  type SevenChrDef,
  type TerminologyPack,
} from './pack-format.js';
import { notesToRecord, type OrderRow, type TabularResult } from './parse-release-files.js';

/** What {@link assembleTerminologyPack} needs; every part is already parsed. */
export interface TerminologyParts {
  /** Release label, e.g. "2026" or "2025-april". */
  version: string;
  /** Fiscal year of the code list. */
  codesFy: number;
  order: OrderRow[];
  /**
   * Parsed Tabulars, oldest first. A later Tabular replaces the notes, 7th-character
   * definitions and noteFy of every code it names, and the chapters (with their sections) it has.
   */
  tabulars: TabularResult[];
  index: PackIndex;
  eindex: PackIndex;
  neoplasm: PackTable;
  drug: PackTable;
  sources: PackSource[];
  /** Counts inserted after `headers` in the manifest (e.g. `tabular2021Billable`). */
  tabularCounts?: Record<string, number>;
  /** ISO time stamp; pass one for reproducible output. */
  builtAt: string;
}

/** Notes, 7th characters and hierarchy merged from several Tabulars (newest wins). */
export interface MergedTabulars {
  notes: Map<string, PackNotes>;
  noteFy: Record<string, number>;
  sevenChr: Map<string, SevenChrDef>;
  chapters: PackChapter[];
  blocks: PackBlock[];
}

/** Merges Tabulars given oldest first; see {@link TerminologyParts.tabulars}. */
export function mergeTabulars(tabulars: readonly TabularResult[]): MergedTabulars {
  const notes = new Map<string, PackNotes>();
  const noteFy: Record<string, number> = {};
  const sevenChr = new Map<string, SevenChrDef>();
  let chapters: PackChapter[] = [];
  let blocks: PackBlock[] = [];
  tabulars.forEach((t, k) => {
    for (const code of t.diagCodes) {
      noteFy[code] = t.fy;
      if (k > 0) notes.delete(code);
    }
    for (const [code, n] of t.notes) notes.set(code, n);
    if (k > 0) for (const code of t.diagCodes) sevenChr.delete(code);
    for (const [code, d] of t.sevenChr) sevenChr.set(code, d);
    if (k === 0) {
      chapters = t.chapters;
      blocks = t.blocks;
      return;
    }
    // A later (possibly partial) Tabular replaces the chapters it has, and their sections.
    const replaced = new Set(t.chapters.map((c) => c.id));
    const newer = new Map(t.chapters.map((c) => [c.id, c]));
    chapters = chapters.map((c) => (newer.has(c.id) ? { ...newer.get(c.id)! } : c));
    for (const c of t.chapters) if (!chapters.some((x) => x.id === c.id)) chapters.push({ ...c });
    const only = t.chapters.length === 1 ? t.chapters[0]!.id : undefined;
    blocks = [
      ...blocks.filter((b) => !replaced.has(b.chapter)),
      ...t.blocks.map((b) => ({ ...b, chapter: only ?? b.chapter })),
    ].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.last < b.last ? -1 : 1));
  });
  return { notes, noteFy, sevenChr, chapters, blocks };
}

/**
 * Builds the pack from parsed parts. Codes, titles and billable flags come from the order
 * file; notes from the newest Tabular that has the code.
 */
export function assembleTerminologyPack(parts: TerminologyParts): TerminologyPack {
  const { order, index, eindex, neoplasm, drug } = parts;
  const merged = mergeTabulars(parts.tabulars);
  const fys = [...new Set(parts.tabulars.map((t) => t.fy))].sort((a, b) => a - b);
  return {
    manifest: {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      classification: 'ICD-10-CM',
      version: parts.version,
      codesFy: parts.codesFy,
      notesFys: fys,
      sources: parts.sources,
      counts: {
        codes: order.length,
        billable: order.filter((r) => r.billable).length,
        headers: order.filter((r) => !r.billable).length,
        ...parts.tabularCounts,
        codesWithNotes: merged.notes.size,
        indexRows: index.term.length,
        indexCodes: index.code.filter(Boolean).length,
        eindexRows: eindex.term.length,
        neoplasmRows: neoplasm.term.length,
        drugRows: drug.term.length,
        chapters: merged.chapters.length,
        blocks: merged.blocks.length,
      },
      builtAt: parts.builtAt,
    },
    codes: order.map((r) => r.code),
    titles: order.map((r) => r.title),
    billable: order.map((r) => (r.billable ? '1' : '0')).join(''),
    chapters: merged.chapters,
    blocks: merged.blocks,
    notes: notesToRecord(merged.notes),
    noteFy: merged.noteFy,
    sevenChr: Object.fromEntries(merged.sevenChr),
    index,
    eindex,
    neoplasm,
    drug,
  };
}
