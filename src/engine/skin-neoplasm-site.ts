/**
 * A skin cancer at the site the note names: "Basal cell carcinoma, L cheek" is C44.319 (Neoplasm
 * table: cheek, external, basal cell carcinoma), not C44.91 "of skin, unspecified". The
 * morphology code (C44.91 basal cell, C44.92 squamous cell, C44.99 other specified) is kept
 * only when the line of its evidence names no site the table lists for that morphology.
 */
import type { Ontology } from '../ontology/ontology.js';
import { toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from './coding-types.js';
import { lineAround, recode, type RuleDocument } from './rule-text.js';

/** Morphology code → the Neoplasm table's row name for it. */
const MORPHOLOGY: Readonly<Record<string, string>> = {
  'C44.91': 'basal cell carcinoma',
  'C44.92': 'squamous cell carcinoma',
  'C44.99': 'specified type nec',
};

/** Path words that name no site of their own. */
const GENERIC = new Set(['skin', 'external', 'nec', 'part', 'site', 'of', 'and', 'or']);

interface SiteRow {
  /** Alternatives for each path element before the morphology ("abdomen, abdominal" → 2). */
  elements: string[][];
  /** Dotless code, possibly ending in "-" (laterality to choose). */
  code: string;
}

const rowsByOntology = new WeakMap<Ontology, Map<string, SiteRow[]>>();

/** The table's site rows for each morphology, read once per ontology. */
function siteRows(onto: Ontology): Map<string, SiteRow[]> {
  const cached = rowsByOntology.get(onto);
  if (cached) return cached;
  const out = new Map<string, SiteRow[]>();
  const neo = onto.pack.neoplasm;
  const stack: string[] = [];
  for (let r = 0; r < neo.term.length; r++) {
    stack.length = neo.level[r]!;
    stack.push(neo.term[r]!.toLowerCase());
    const code = neo.codes[r]![0];
    if (!code?.startsWith('C44') || stack.length < 3) continue;
    const morphology = stack[stack.length - 1]!;
    const elements = stack
      .slice(1, -1)
      .map((e) => e.split(/,\s*/).filter((w) => !GENERIC.has(w)))
      .filter((alts) => alts.length > 0);
    if (!elements.length) continue;
    const list = out.get(morphology) ?? [];
    list.push({ elements, code });
    out.set(morphology, list);
  }
  rowsByOntology.set(onto, out);
  return out;
}

const says = (line: string, phrase: string): boolean =>
  new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(line);

/** The row whose path the line names most of (every element needed; ties: the longer path). */
function bestRow(rows: readonly SiteRow[], line: string): SiteRow | undefined {
  let best: SiteRow | undefined;
  for (const row of rows) {
    if (!row.elements.every((alts) => alts.some((a) => says(line, a)))) continue;
    if (!best || row.elements.length > best.elements.length) best = row;
  }
  return best;
}

/** A "-" code completed by the side the line states (C44.21- → C44.212 for the left ear). */
function withSide(onto: Ontology, code: string, line: string): string | undefined {
  if (!code.endsWith('-')) return toDotted(code);
  const side = /\b(?:left|l)\b/.test(line) ? 'left' : /\b(?:right|r)\b/.test(line) ? 'right' : '';
  const children = onto.billableDescendants(toDotted(code.slice(0, -1)));
  const want = side ? new RegExp(`\\b${side}\\b`, 'i') : /\bunspecified\b/i;
  return children.find((c) => want.test(onto.title(c) ?? ''));
}

/** Replaces each site-unspecified skin cancer code by the code of the site its line names. */
export function applySkinNeoplasmSite(
  onto: Ontology,
  doc: RuleDocument,
  codes: CodeSuggestion[],
): void {
  const rows = siteRows(onto);
  for (const s of codes) {
    const morphology = MORPHOLOGY[s.code];
    if (!morphology || s.assertion !== 'present') continue;
    for (const e of s.evidence) {
      const line = lineAround(doc.text, e).toLowerCase();
      const row = bestRow(rows.get(morphology) ?? [], line);
      const code = row && withSide(onto, row.code, line);
      if (!code || !onto.isBillable(code) || codes.some((c) => c.code === code)) continue;
      recode(onto, s, code, `Site named in the note: ${code} (Neoplasm table).`);
      break;
    }
  }
}
