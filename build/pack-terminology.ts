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
import { readXmlEvents } from './read-xml.js';
import {
  NOTE_KINDS,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type CodeRef,
  type NoteKind,
  type PackBlock,
  type PackChapter,
  type PackIndex,
  type PackNotes,
  type PackSource,
  type PackTable,
  type SevenChrDef,
  type TerminologyPack,
} from '../src/ontology/pack-format.js';
import { parseCodeRefs } from '../src/ontology/parse-code-refs.js';

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

const dotless = (code: string): string => code.replace('.', '').trim().toUpperCase();

// ---------------------------------------------------------------------------------------------
// Order file: fixed width, CRLF. Cols 1-5 order number; 7-13 code; 15 billable flag; 78- long title.

interface OrderRow {
  code: string;
  billable: boolean;
  title: string;
}

export function parseOrderFile(text: string): OrderRow[] {
  const rows: OrderRow[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const code = line.slice(6, 13).trim();
    const flag = line.charAt(14);
    if (!/^[A-Z][0-9A-Z]{2,6}$/.test(code) || (flag !== '0' && flag !== '1')) {
      throw new Error(`order file: expected "nnnnn CODE    F short long" rows, got ${JSON.stringify(line.slice(0, 40))}`);
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
      if (frame.code.startsWith('S06') && (base[5] === '7' || base[5] === '8') && (ch === 'D' || ch === 'S')) continue;
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
        else if (stack.includes('sevenChrNote')) pendingSevenNote += (pendingSevenNote ? ' ' : '') + value;
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

function emptyIndex(): PackIndex {
  return { level: [], term: [], nemod: [], code: [], see: [], seeAlso: [] };
}

export function parseIndexCsv(text: string): PackIndex {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift()?.join(',');
  if (header !== 'RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code') {
    throw new Error(`index CSV: expected header "RowID,Letter,Level,Term,See,SeeAlso,NonEssModif,Code", got ${JSON.stringify(header)}`);
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

interface XmlTermRow {
  level: number;
  term: string;
  nemod: string;
  code: string;
  see: string;
  seeAlso: string;
  cells: Record<string, string>;
}

function parseIndexXml(xml: string, label: string): { rows: XmlTermRow[]; heads: Record<string, string> } {
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
      if (top === 'nemod' && row && stack.at(-2) === 'title') row.nemod += (row.nemod ? ' ' : '') + ev.text.trim();
      else text += ev.text;
      continue;
    }
    const name = stack.pop();
    if (name !== ev.name) throw new Error(`${label}: expected </${name}>, found </${ev.name}>.`);
    const parent = stack.at(-1);
    const value = text.replace(/\s+/g, ' ').trim();
    const row = frames.at(-1);
    if (ev.name === 'title' && row && (parent === 'mainTerm' || parent === 'term')) row.term = value;
    else if (ev.name === 'code' && row) row.code ||= dotless(value);
    else if (ev.name === 'see' && row) row.see = value;
    else if (ev.name === 'seeAlso' && row) row.seeAlso = value;
    else if (ev.name === 'cell' && row) row.cells[cellCol] = value === '--' || value === '-' ? '' : dotless(value);
    else if (ev.name === 'head') heads[headCol] = value;
    else if (ev.name === 'mainTerm' || ev.name === 'term') frames.pop();
    if (ev.name !== 'nemod') text = '';
  }
  return { rows, heads };
}

function toPackIndex(rows: XmlTermRow[]): PackIndex {
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

function toPackTable(parsed: { rows: XmlTermRow[]; heads: Record<string, string> }): PackTable {
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

function notesToRecord(m: Map<string, PackNotes>): Record<string, PackNotes> {
  const out: Record<string, PackNotes> = {};
  for (const [k, v] of m) if (Object.keys(v).length) out[k] = v;
  return out;
}

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

  // Notes: newest tabular that has the code wins. Chapter 2 (and its sections) from FY2025.
  const notes = new Map<string, PackNotes>();
  const noteFy: Record<string, number> = {};
  for (const code of t2021.diagCodes) noteFy[code] = 2021;
  for (const [code, n] of t2021.notes) notes.set(code, n);
  for (const code of t2025.diagCodes) {
    noteFy[code] = 2025;
    notes.delete(code);
  }
  for (const [code, n] of t2025.notes) notes.set(code, n);
  const sevenChr = new Map(t2021.sevenChr);
  for (const code of t2025.diagCodes) sevenChr.delete(code);
  for (const [code, d] of t2025.sevenChr) sevenChr.set(code, d);

  const ch2 = t2025.chapters[0];
  const chapters = t2021.chapters.map((c) => (ch2 && c.id === ch2.id ? { ...ch2 } : c));
  const blocks = [
    ...t2021.blocks.filter((b) => b.chapter !== ch2?.id),
    ...t2025.blocks.map((b) => ({ ...b, chapter: ch2?.id ?? b.chapter })),
  ].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : a.last < b.last ? -1 : 1));

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

  return {
    manifest: {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      classification: 'ICD-10-CM',
      version: PACK_VERSION,
      codesFy: 2025,
      notesFys: [2021, 2025],
      sources,
      counts: {
        codes: order.length,
        billable: order.filter((r) => r.billable).length,
        headers: order.filter((r) => !r.billable).length,
        tabular2021Billable: t2021.billable.size,
        tabular2025Ch02Billable: t2025.billable.size,
        codesWithNotes: notes.size,
        indexRows: index.term.length,
        indexCodes: index.code.filter(Boolean).length,
        eindexRows: eindex.term.length,
        neoplasmRows: neoplasm.term.length,
        drugRows: drug.term.length,
        chapters: chapters.length,
        blocks: blocks.length,
      },
      builtAt: new Date().toISOString(),
    },
    codes: order.map((r) => r.code),
    titles: order.map((r) => r.title),
    billable: order.map((r) => (r.billable ? '1' : '0')).join(''),
    chapters,
    blocks,
    notes: notesToRecord(notes),
    noteFy,
    sevenChr: Object.fromEntries(sevenChr),
    index,
    eindex,
    neoplasm,
    drug,
  };
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
  if (existsSync(path.join(dataDir, 'icd10cm', 'SHA256SUMS')) && existsSync(out) && existsSync(stamp)) {
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
  writeFileSync(stamp, sourcesFingerprint(dataDir) + sha256Of(readFileSync(new URL(import.meta.url))));
  const ms = performance.now() - t0;
  const c = pack.manifest.counts;
  console.log(
    `pack-terminology: ${path.relative(root, out)} ${(json.length / 1e6).toFixed(1)} MB raw, ${(gz.length / 1e6).toFixed(2)} MB gzip, ` +
      `${c.billable} billable + ${c.headers} headers, ${c.indexRows} index rows, built in ${(ms / 1000).toFixed(1)} s`,
  );
}

if (process.argv[1] && /pack-terminology\.(m?js|ts)$/.test(process.argv[1])) void main();
