/**
 * Personal and family history codes for a condition, read from the Alphabetic Index
 * ("History, personal (of), …" / "History, family (of), …") by matching the subterm words
 * against the note's words and the condition's Tabular titles, with a small curated fallback
 * by code range where the Index has no entry that the words reach.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { PackIndex } from '../ontology/pack-format.js';
import { foldTokens, toDotless, toDotted } from '../ontology/fold-text.js';
import { matchKey } from './match-key.js';
import { INDEX_ENTRY_FILLER } from '../text/function-words.js';

export type HistoryKind = 'personal' | 'family';

interface HistoryRow {
  /** Dotless code of the row. */
  code: string;
  /** Match keys the subterm needs (after "History, personal/family,"). */
  words: string[];
  depth: number;
}

/** Words that say nothing about which condition it was. */
const GENERIC = new Set(
  [
    'disease',
    'disorder',
    'condition',
    'nec',
    'specified',
    'other',
    'certain',
    'system',
    'organ',
    'chronic',
    'site',
    'type',
    'or',
    'and',
    'of',
    'in',
    'the',
    'without',
    'with',
    'nos',
    'by',
    'ne',
  ].map((w) => matchKey(w)),
);

/** Note words that stand for Index words ("cancer" → "malignant neoplasm"). */
const SYNONYMS: Readonly<Record<string, string[]>> = {
  cancer: ['malignant', 'neoplasm'],
  carcinoma: ['malignant', 'neoplasm'],
  malignancy: ['malignant', 'neoplasm'],
  ca: ['malignant', 'neoplasm'],
  stroke: ['stroke'],
  cva: ['stroke'],
  mi: ['myocardial', 'infarction'],
  dvt: ['venous', 'thrombosis'],
  pe: ['embolism', 'pulmonary'],
  dm: ['diabetes', 'mellitus'],
  t2dm: ['diabetes', 'mellitus'],
  diabetic: ['diabetes', 'mellitus'],
  colorectal: ['colon'],
  uti: ['infection', 'urinary'],
};

const cache = new WeakMap<Ontology, Record<HistoryKind, HistoryRow[]>>();

function historyRows(onto: Ontology): Record<HistoryKind, HistoryRow[]> {
  const hit = cache.get(onto);
  if (hit) return hit;
  const out: Record<HistoryKind, HistoryRow[]> = { personal: [], family: [] };
  const idx = onto.pack.index;
  for (const [r, path] of historyPaths(idx)) {
    const m = /^History, (personal|family)(?: \(of\))?, (.+)$/.exec(path);
    if (!m) continue;
    let code = idx.code[r]!;
    if (!code && idx.see[r]) {
      const target = onto.resolveIndexReference(idx.see[r]!);
      if (target !== undefined) code = idx.code[target]!;
    }
    if (!code || code.endsWith('-')) continue;
    const words = keysOf(m[2]!.replace(/\([^)]*\)/g, ' '));
    if (!words.some((w) => !GENERIC.has(w))) continue;
    out[m[1] as HistoryKind].push({ code, words, depth: idx.level[r]! });
  }
  cache.set(onto, out);
  return out;
}

/**
 * Rows and full paths ("History, personal, ...") of the Index under the main terms that write
 * "History, ...": the paths of {@link Ontology.indexPathsList}, without joining the other rows'.
 */
function* historyPaths(idx: PackIndex): Generator<[number, string]> {
  const stack: string[] = [];
  let within = false;
  for (let r = 0; r < idx.term.length; r++) {
    const term = idx.term[r]!;
    if (idx.level[r] === 0) within = term === 'History' || term.startsWith('History, ');
    if (!within) continue;
    stack.length = idx.level[r]!;
    stack.push(term);
    yield [r, stack.join(', ')];
  }
}

/** Builds the history-code table now (one-time, ~tens of ms once Index references resolve). */
export function warmHistoryCodes(onto: Ontology): void {
  historyRows(onto);
}

function keysOf(text: string): string[] {
  const out: string[] = [];
  for (const t of foldTokens(text)) {
    if (INDEX_ENTRY_FILLER.has(t)) continue;
    for (const w of SYNONYMS[t] ?? [t]) out.push(matchKey(w));
  }
  return out;
}

/** Curated fallbacks by code prefix, most specific first (dotless prefix → dotless code). */
const PERSONAL_FALLBACK: readonly [RegExp, string][] = [
  [/^I2[12]/, 'I252'],
  [/^I6[34]|^G45[89]/, 'Z8673'],
  [/^I26/, 'Z86711'],
  [/^I8[0-2]/, 'Z86718'],
  [/^C50/, 'Z853'],
  [/^C61/, 'Z8546'],
  [/^C1[89]|^C20/, 'Z85038'],
  [/^C3[34]/, 'Z85118'],
  [/^C(?:[0-7]|8[0-9]|9[0-6])/, 'Z859'],
  [/^D0/, 'Z86008'],
  // "History, personal, neoplasm, benign, colon polyp" (FY2024): the note says "colon polyps".
  [/^D12/, 'Z860101'],
  [/^K635/, 'Z860100'],
  [/^N39[0]|^N30|^N10/, 'Z87440'],
  [/^N20/, 'Z87442'],
  [/^J1[2-8]/, 'Z8701'],
  // "History, personal, fracture, traumatic": a healed fracture is Z87.81, not an other injury.
  [/^S[0-9]2/, 'Z8781'],
  [/^S|^T[0-3]/, 'Z87828'],
  [/^K2[5-8]/, 'Z8711'],
  [/^A15|^A16/, 'Z8611'],
  [/^U07|^B342|^B9729/, 'Z8616'],
  [/^O244/, 'Z8632'],
];

const FAMILY_FALLBACK: readonly [RegExp, string][] = [
  [/^C50/, 'Z803'],
  [/^C1[5-9]|^C2[0-6]/, 'Z800'],
  [/^C3[34]/, 'Z801'],
  [/^C61/, 'Z8042'],
  [/^C56/, 'Z8041'],
  [/^C64/, 'Z8051'],
  [/^C67/, 'Z8052'],
  [/^C9[1-5]/, 'Z806'],
  [/^C8[1-8]|^C9[06]/, 'Z807'],
  [/^C/, 'Z809'],
  [/^E0[89]|^E1[0-3]/, 'Z833'],
  [/^E78/, 'Z83438'],
  [/^E/, 'Z8349'],
  [/^I6[0-9]|^G45/, 'Z823'],
  [/^I46|^R96/, 'Z8241'],
  [/^I/, 'Z8249'],
  [/^J4[0-7]/, 'Z825'],
  [/^J/, 'Z836'],
  [/^N1[78]|^N0|^N2[5-8]/, 'Z841'],
  [/^N/, 'Z842'],
  [/^F1[0]/, 'Z811'],
  [/^F1/, 'Z814'],
  [/^F/, 'Z818'],
  [/^G40/, 'Z820'],
  [/^G/, 'Z820'],
  [/^M8[01]/, 'Z8262'],
  [/^M0[5-9]|^M1/, 'Z8261'],
  [/^M/, 'Z8269'],
  [/^K/, 'Z8379'],
  [/^D5|^D6|^D7|^D8/, 'Z832'],
  [/^L/, 'Z840'],
  [/^Q/, 'Z8279'],
  [/^H40/, 'Z83511'],
  [/^B20/, 'Z830'],
  [/^A|^B/, 'Z831'],
];

export interface HistoryCode {
  /** Dotted history code. */
  code: string;
  /** How it was found: the Index path words or the fallback table. */
  via: 'index' | 'table';
}

/**
 * The personal or family history code for a condition coded `code` and written `evidence`.
 * Returns undefined when neither the Index nor the fallback table reaches one (personal
 * history of a chronic condition the coder should still report as current, typically).
 *
 * @example
 * historyCodeFor(onto, 'family', 'C50.911', 'breast cancer') // {code: 'Z80.3', via: 'index'}
 */
export function historyCodeFor(
  onto: Ontology,
  kind: HistoryKind,
  code: string,
  evidence: string,
): HistoryCode | undefined {
  const dotless = toDotless(code);
  const info = onto.lookup(dotless);
  const titles = [
    info?.title ?? '',
    ...(info?.parents ?? []).filter((p) => p.kind === 'code').map((p) => p.title),
  ];
  // What a title says is absent ("without lower urinary tract symptoms") names no history.
  const present = titles.map((t) => t.replace(/\bwithout\b.*$/i, ''));
  const have = new Set([...keysOf(evidence), ...keysOf(present.join(' '))]);
  const rows = historyRows(onto)[kind];
  let best: HistoryRow | undefined;
  let bestScore = 0;
  for (const row of rows) {
    if (!row.words.every((w) => have.has(w))) continue;
    const specific = row.words.filter((w) => !GENERIC.has(w)).length;
    const score = specific * 10 + row.words.length + row.depth * 0.1;
    if (score > bestScore) {
      best = row;
      bestScore = score;
    }
  }
  const table = (kind === 'personal' ? PERSONAL_FALLBACK : FAMILY_FALLBACK).find(([re]) =>
    re.test(dotless),
  )?.[1];
  // The fallback table is curated per code range: it wins over a loose Index match for the
  // ranges it names precisely (old MI is I25.2, not a Z code).
  const catchAll = best && /^(?:Z809|Z859|Z87898|Z8489|Z8619|Z8679|Z8639)$/.test(best.code);
  if (table && (!best || catchAll || (kind === 'personal' && /^I2[12]/.test(dotless)))) {
    return onto.isBillable(table) ? { code: toDotted(table), via: 'table' } : undefined;
  }
  if (best && onto.isBillable(best.code)) return { code: toDotted(best.code), via: 'index' };
  return undefined;
}
