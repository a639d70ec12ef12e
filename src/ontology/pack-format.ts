/**
 * The on-disk (and in-IndexedDB) shape of a terminology pack.
 *
 * A pack is one JSON document built by `build/pack-terminology.ts` from the official release
 * files. Columnar arrays keep it compact; {@link loadOntology} turns it into the queryable
 * {@link Ontology}. Codes are stored without the dot ("E1122"); the API speaks dotted codes.
 */

export const PACK_FORMAT = 'marginalia-terminology-pack';
export const PACK_FORMAT_VERSION = 1;

export interface PackSource {
  /** File name relative to the data directory, e.g. "icd10cm/icd10cm-order-2025-april.txt". */
  file: string;
  sha256: string;
  /** Fiscal year of the release the file belongs to. */
  fy: number;
  /** What it contributed: "codes", "notes", "index", "neoplasm", "drug", "eindex". */
  role: string;
}

export interface PackManifest {
  format: typeof PACK_FORMAT;
  formatVersion: number;
  classification: 'ICD-10-CM';
  /** Release label, e.g. "2025-april". Used as the IndexedDB version key. */
  version: string;
  /** Fiscal year of the code list (codes and titles). */
  codesFy: number;
  /** Fiscal years the notes come from (per code: {@link TerminologyPack.noteFy}). */
  notesFys: number[];
  sources: PackSource[];
  counts: Record<string, number>;
  builtAt: string;
}

/** One note group as printed in the Tabular List. */
export type NoteKind =
  | 'includes'
  | 'inclusionTerm'
  | 'excludes1'
  | 'excludes2'
  | 'codeFirst'
  | 'useAdditionalCode'
  | 'codeAlso'
  | 'notes';

export const NOTE_KINDS: readonly NoteKind[] = [
  'includes',
  'inclusionTerm',
  'excludes1',
  'excludes2',
  'codeFirst',
  'useAdditionalCode',
  'codeAlso',
  'notes',
];

/**
 * A code reference parsed out of a note: a single code or category ("E11.22", "O24.4-")
 * or a range ("N18.1-N18.6", "C00-C96"). Stored dotless; `to` is absent for single codes.
 */
export interface CodeRef {
  from: string;
  to?: string;
}

export interface PackNote {
  text: string;
  refs?: CodeRef[];
}

export type PackNotes = Partial<Record<NoteKind, PackNote[]>>;

export interface SevenChrDef {
  /** Character → meaning, e.g. {A: "initial encounter", D: "subsequent encounter"}. */
  chars: Record<string, string>;
  note?: string;
}

export interface PackChapter {
  /** "1".."22" */
  id: string;
  title: string;
  first: string;
  last: string;
  notes?: PackNotes;
}

export interface PackBlock {
  /** "A00-A09" */
  id: string;
  title: string;
  chapter: string;
  first: string;
  last: string;
  notes?: PackNotes;
}

/** The Alphabetic Index (and the External Cause index) as a depth-first row list. */
export interface PackIndex {
  /** Nesting level, 0 = main term. A row's parent is the nearest earlier row with level - 1. */
  level: number[];
  term: string[];
  /** Nonessential modifiers, "" when none. */
  nemod: string[];
  /** Dotless code, "" when none; a trailing "-" means "see the Tabular for more characters". */
  code: string[];
  see: string[];
  seeAlso: string[];
}

/** The Neoplasm or Drug table: depth-first rows, each with one code per column. */
export interface PackTable {
  columns: string[];
  level: number[];
  term: string[];
  nemod: string[];
  /** codes[row][col], dotless, "" for "--". */
  codes: string[][];
  see: string[];
}

export interface TerminologyPack {
  manifest: PackManifest;
  /** All codes of the release in tabular order, dotless (headers and billable). */
  codes: string[];
  /** Official long titles, parallel to `codes`. */
  titles: string[];
  /** "1" billable, "0" header, one character per code. */
  billable: string;
  chapters: PackChapter[];
  blocks: PackBlock[];
  /** Notes declared on a code (not inherited), keyed by dotless code. */
  notes: Record<string, PackNotes>;
  /** Fiscal year each code's notes come from, keyed by dotless code (only codes with notes). */
  noteFy: Record<string, number>;
  /** 7th-character definitions declared on a code, keyed by dotless code. */
  sevenChr: Record<string, SevenChrDef>;
  index: PackIndex;
  eindex: PackIndex;
  neoplasm: PackTable;
  drug: PackTable;
}
