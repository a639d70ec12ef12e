/**
 * Pure readers of the official ICD-10-CM release files (CMS/CDC), shared by the build
 * (build/pack-terminology.ts) and by a browser worker that imports a new release from the
 * options page ({@link buildPackFromRelease}). Text in, plain data out: no file system.
 *
 * - the order file ("code descriptions in tabular order"): fixed width, CRLF;
 * - the Tabular List XML: chapters, sections, diag nesting, notes, 7th characters;
 * - the Alphabetic Index as CSV (a flattened conversion) or as the official Index XML;
 * - the index-shaped XML: External Cause index, Neoplasm table, Table of Drugs and Chemicals.
 */
import { readXmlEvents } from './read-xml.js';
import {
  NOTE_KINDS,
  type CodeRef,
  type NoteKind,
  type PackBlock,
  type PackChapter,
  type PackIndex,
  type PackNotes,
  type PackTable,
  type SevenChrDef,
} from './pack-format.js';
import { parseCodeRefs } from './parse-code-refs.js';

/** "A04.7" → "A047". */
const dotless = (code: string): string => code.replace('.', '').trim().toUpperCase();

// ---------------------------------------------------------------------------------------------
// Order file: fixed width, CRLF. Cols 1-5 order number; 7-13 code; 15 billable flag; 78- long title.

/** One row of the order file. */
export interface OrderRow {
  /** Dotless code, e.g. "E1122". */
  code: string;
  billable: boolean;
  title: string;
}

/**
 * Parses the order file: cols 1-5 order number; 7-13 code; 15 billable flag; 78- long title.
 * Throws on a row that does not have that shape (a wrong file, not a wrong row).
 */
export function parseOrderFile(text: string): OrderRow[] {
  const rows: OrderRow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const code = line.slice(6, 13).trim();
    const flag = line.charAt(14);
    if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (flag !== '0' && flag !== '1')) {
      throw new Error(
        `order file: expected "nnnnn CODE    F short long" rows, got ${JSON.stringify(line.slice(0, 40))}`,
      );
    }
    rows.push({ code, billable: flag === '1', title: line.slice(77).trim() });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Tabular List XML.

export interface TabularResult {
  fy: number;
  chapters: PackChapter[];
  blocks: PackBlock[];
  /** dotless code -> notes declared on it */
  notes: Map<string, PackNotes>;
  sevenChr: Map<string, SevenChrDef>;
  /** every diag name in the file, dotless */
  diagCodes: Set<string>;
  /** billable codes expanded with the official rule (7th characters, X placeholders, S06 exception) */
  billable: Set<string>;
}

interface DiagFrame {
  code: string;
  hasChild: boolean;
  sevenChr?: SevenChrDef;
}

function addNote(target: PackNotes, kind: NoteKind, text: string): void {
  const list = (target[kind] ??= []);
  const refs: CodeRef[] = parseCodeRefs(text);
  list.push(refs.length ? { text, refs } : { text });
}

/**
 * Parses a Tabular List XML (whole or one chapter) into hierarchy, notes, 7th-character
 * definitions and the billable codes the official rule expands (X placeholders, S06 rule).
 * `label` names the file in error messages.
 */
export function parseTabular(xml: string, fy: number, label: string): TabularResult {
  const result: TabularResult = {
    fy,
    chapters: [],
    blocks: [],
    notes: new Map(),
    sevenChr: new Map(),
    diagCodes: new Set(),
    billable: new Set(),
  };
  const stack: string[] = [];
  const diags: DiagFrame[] = [];
  let chapter: PackChapter | undefined;
  let block: PackBlock | undefined;
  let noteKind: NoteKind | undefined;
  let inSevenChrDef: SevenChrDef | undefined;
  let extChar: string | undefined;
  let sevenNoteTarget: SevenChrDef | undefined;
  let pendingSevenNote = '';
  let text = '';

  const currentNotes = (): PackNotes => {
    const top = diags.at(-1);
    if (top) {
      let n = result.notes.get(top.code);
      if (!n) result.notes.set(top.code, (n = {}));
      return n;
    }
    if (block) return (block.notes ??= {});
    if (chapter) return (chapter.notes ??= {});
    throw new Error(`${label}: a note appeared outside any chapter, section or diag.`);
  };

  const emitBillable = (frame: DiagFrame): void => {
    let def: SevenChrDef | undefined;
    for (let k = diags.length - 1; k >= 0 && !def; k--) def = diags[k]!.sevenChr;
    if (!def) {
      result.billable.add(frame.code);
      return;
    }
    const base = frame.code.padEnd(6, 'X');
    for (const ch of Object.keys(def.chars)) {
      // The one rule the XML states only as prose (a <notes> element on S06): for S06 codes
      // whose 6th character is 7 or 8, the 7th characters D and S do not apply.
      if (
        frame.code.startsWith('S06') &&
        (base[5] === '7' || base[5] === '8') &&
        (ch === 'D' || ch === 'S')
      )
        continue;
      result.billable.add(base + ch);
    }
  };

  for (const ev of readXmlEvents(xml, label)) {
    if (ev.kind === 'open') {
      stack.push(ev.name);
      text = '';
      switch (ev.name) {
        case 'chapter':
          chapter = { id: '', title: '', first: '', last: '' };
          result.chapters.push(chapter);
          block = undefined;
          break;
        case 'section': {
          const id = ev.attrs.id ?? '';
          const [first = '', last = first] = id.split('-');
          block = { id, title: '', chapter: chapter?.id ?? '', first, last };
          result.blocks.push(block);
          break;
        }
        case 'diag':
          if (diags.length) diags.at(-1)!.hasChild = true;
          diags.push({ code: '', hasChild: false });
          break;
        case 'sevenChrDef':
          inSevenChrDef = { chars: {} };
          break;
        case 'extension':
          extChar = ev.attrs.char;
          break;
        case 'sevenChrNote':
          pendingSevenNote = '';
          break;
        default:
          if ((NOTE_KINDS as readonly string[]).includes(ev.name)) noteKind = ev.name as NoteKind;
      }
      continue;
    }
    if (ev.kind === 'text') {
      text += ev.text;
      continue;
    }
    // close
    const name = stack.pop();
    if (name !== ev.name) throw new Error(`${label}: expected </${name}>, found </${ev.name}>.`);
    const parent = stack.at(-1);
    const value = text.replace(/\s+/g, ' ').trim();
    switch (ev.name) {
      case 'name':
        if (parent === 'diag') {
          const frame = diags.at(-1)!;
          frame.code = dotless(value);
          result.diagCodes.add(frame.code);
        } else if (parent === 'chapter' && chapter) chapter.id = value;
        break;
      case 'desc':
        if (parent === 'chapter' && chapter) {
          chapter.title = value;
          const m = /\(([A-Z]\d[0-9A-Z])-([A-Z]\d[0-9A-Z])\)\s*$/.exec(value);
          if (m) [chapter.first, chapter.last] = [m[1]!, m[2]!];
        } else if (parent === 'section' && block) block.title = value;
        break;
      case 'note':
        if (noteKind) addNote(currentNotes(), noteKind, value);
        else if (stack.includes('sevenChrNote'))
          pendingSevenNote += (pendingSevenNote ? ' ' : '') + value;
        break;
      case 'extension':
        if (inSevenChrDef && extChar) inSevenChrDef.chars[extChar] = value;
        extChar = undefined;
        break;
      case 'sevenChrDef': {
        const top = diags.at(-1);
        if (top && inSevenChrDef) {
          if (pendingSevenNote) inSevenChrDef.note = pendingSevenNote;
          top.sevenChr = inSevenChrDef;
          result.sevenChr.set(top.code, inSevenChrDef);
          sevenNoteTarget = inSevenChrDef;
        }
        inSevenChrDef = undefined;
        break;
      }
      case 'sevenChrNote':
        if (sevenNoteTarget && !sevenNoteTarget.note) sevenNoteTarget.note = pendingSevenNote;
        break;
      case 'diag': {
        const frame = diags.at(-1)!;
        if (!frame.hasChild) emitBillable(frame);
        diags.pop();
        break;
      }
      case 'section':
        block = undefined;
        break;
      case 'chapter':
        chapter = undefined;
        break;
      default:
        if (noteKind === ev.name) noteKind = undefined;
    }
    text = '';
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Alphabetic Index CSV (RFC 4180): RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** An Index with no rows. */
export function emptyIndex(): PackIndex {
  return { level: [], term: [], nemod: [], code: [], see: [], seeAlso: [] };
}

/** The Alphabetic Index CSV (`RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code`) as a pack Index. */
export function parseIndexCsv(text: string): PackIndex {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.join(',');
  if (header !== 'RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code') {
    throw new Error(
      `index CSV: expected header "RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code", got ${JSON.stringify(header)}`,
    );
  }
  const idx = emptyIndex();
  for (const r of rows) {
    if (r.length < 8) continue;
    idx.level.push(Number(r[2]));
    idx.term.push(r[3]!.trim());
    idx.see.push(r[4]!.trim());
    idx.seeAlso.push(r[5]!.trim());
    idx.nemod.push(r[6]!.trim());
    idx.code.push(dotless(r[7]!));
  }
  return idx;
}

// ---------------------------------------------------------------------------------------------
// Index-shaped XML: the External Cause index, the Neoplasm table and the Drug table.

/** One term row of an index-shaped XML file, in document order. */
export interface XmlTermRow {
  level: number;
  term: string;
  nemod: string;
  code: string;
  see: string;
  seeAlso: string;
  cells: Record<string, string>;
}

/** Rows and column heads of an index-shaped XML file. */
export interface IndexXml {
  rows: XmlTermRow[];
  /** Column number → heading (Neoplasm and Drug tables). */
  heads: Record<string, string>;
}

/**
 * Parses index-shaped XML: the official Alphabetic Index XML, the External Cause index, the
 * Neoplasm table and the Drug table (`letter/mainTerm/title`, nested `term[@level]`, `cell[@col]`).
 */
export function parseIndexXml(xml: string, label: string): IndexXml {
  const rows: XmlTermRow[] = [];
  const heads: Record<string, string> = {};
  const frames: XmlTermRow[] = [];
  const stack: string[] = [];
  let text = '';
  let cellCol = '';
  let headCol = '';
  for (const ev of readXmlEvents(xml, label)) {
    if (ev.kind === 'open') {
      stack.push(ev.name);
      if (ev.name === 'mainTerm' || ev.name === 'term') {
        const row: XmlTermRow = {
          level: ev.name === 'mainTerm' ? 0 : Number(ev.attrs.level ?? frames.length),
          term: '',
          nemod: '',
          code: '',
          see: '',
          seeAlso: '',
          cells: {},
        };
        rows.push(row);
        frames.push(row);
      } else if (ev.name === 'cell') cellCol = ev.attrs.col ?? '';
      else if (ev.name === 'head') headCol = ev.attrs.col ?? '';
      if (ev.name !== 'nemod') text = '';
      continue;
    }
    if (ev.kind === 'text') {
      const top = stack.at(-1);
      const row = frames.at(-1);
      if (top === 'nemod' && row && stack.at(-2) === 'title')
        row.nemod += (row.nemod ? ' ' : '') + ev.text.trim();
      else text += ev.text;
      continue;
    }
    const name = stack.pop();
    if (name !== ev.name) throw new Error(`${label}: expected </${name}>, found </${ev.name}>.`);
    const parent = stack.at(-1);
    const value = text.replace(/\s+/g, ' ').trim();
    const row = frames.at(-1);
    if (ev.name === 'title' && row && (parent === 'mainTerm' || parent === 'term'))
      row.term = value;
    else if (ev.name === 'code' && row) row.code ||= dotless(value);
    else if (ev.name === 'see' && row) row.see = value;
    else if (ev.name === 'seeAlso' && row) row.seeAlso = value;
    else if (ev.name === 'cell' && row)
      row.cells[cellCol] = value === '--' || value === '-' ? '' : dotless(value);
    else if (ev.name === 'head') heads[headCol] = value;
    else if (ev.name === 'mainTerm' || ev.name === 'term') frames.pop();
    if (ev.name !== 'nemod') text = '';
  }
  return { rows, heads };
}

/** Index XML rows as a pack Index. */
export function toPackIndex(rows: XmlTermRow[]): PackIndex {
  const idx = emptyIndex();
  for (const r of rows) {
    idx.level.push(r.level);
    idx.term.push(r.term);
    idx.nemod.push(r.nemod);
    idx.code.push(r.code);
    idx.see.push(r.see);
    idx.seeAlso.push(r.seeAlso);
  }
  return idx;
}

/** Neoplasm or Drug table XML as a pack table (column 1, the term, is not a code column). */
export function toPackTable(parsed: IndexXml): PackTable {
  const cols = Object.keys(parsed.heads)
    .filter((c) => c !== '1')
    .sort();
  return {
    columns: cols.map((c) => parsed.heads[c]!),
    level: parsed.rows.map((r) => r.level),
    term: parsed.rows.map((r) => r.term),
    nemod: parsed.rows.map((r) => r.nemod),
    codes: parsed.rows.map((r) => cols.map((c) => r.cells[c] ?? '')),
    see: parsed.rows.map((r) => r.see || r.seeAlso),
  };
}

// ---------------------------------------------------------------------------------------------

/** Notes as the pack stores them: codes with at least one note. */
export function notesToRecord(m: Map<string, PackNotes>): Record<string, PackNotes> {
  const out: Record<string, PackNotes> = {};
  for (const [k, v] of m) if (Object.keys(v).length) out[k] = v;
  return out;
}
