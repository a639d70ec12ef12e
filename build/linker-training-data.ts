/**
 * Training pairs for the linker (query text → dotless code), all from sources the project
 * already ships: the Alphabetic Index (paths, "see" references resolved), Tabular inclusion
 * terms, the Neoplasm table, curated abbreviations (substituted into those texts), and the
 * English phrases mined from CodiEsp train (only those seen in at least two notes, so that a
 * note's own phrase never teaches the model about that note while the fusion is fitted).
 */
import type { Ontology } from '../src/ontology/ontology.js';
import { foldText, toDotless } from '../src/ontology/fold-text.js';
import { ABBREVIATIONS } from '../src/text/abbreviations.js';

export interface LinkerPair {
  query: string;
  code: string;
  source: 'index' | 'inclusion' | 'neoplasm' | 'abbreviation' | 'codiesp';
}

/** An Index or table code ("N20.0", "N20-", "S72.00-") → a code of the pack, or undefined. */
function packCode(onto: Ontology, raw: string): string | undefined {
  let c = toDotless(raw.replace(/-+$/, ''));
  while (c.length >= 3) {
    if (onto.has(c)) return c;
    c = c.slice(0, -1);
  }
  return undefined;
}

export function buildLinkerPairs(
  onto: Ontology,
  phrases: { phrase: string; code: string; count: number }[],
): LinkerPair[] {
  const pairs: LinkerPair[] = [];
  const seen = new Set<string>();
  const push = (query: string, raw: string, source: LinkerPair['source']): void => {
    const code = packCode(onto, raw);
    const q = foldText(query.replace(/\([^)]*\)/g, ' '));
    if (!code || !q) return;
    const key = `${q}\t${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push({ query: q, code, source });
  };
  const idx = onto.pack.index;
  const paths = onto.indexPathsList();
  for (let r = 0; r < idx.term.length; r++) {
    let code = idx.code[r]!;
    if (!code && idx.see[r]) {
      const target = onto.resolveIndexReference(idx.see[r]!);
      if (target !== undefined) code = idx.code[target]!;
    }
    if (code) push(paths[r]!.replace(/,/g, ' '), code, 'index');
  }
  for (const [code, notes] of Object.entries(onto.pack.notes)) {
    for (const n of notes.inclusionTerm ?? []) push(n.text, code, 'inclusion');
  }
  const neo = onto.pack.neoplasm;
  const behaviours = [
    ['malignant neoplasm of', 'cancer of'],
    ['secondary malignant neoplasm of', 'metastasis to'],
    ['carcinoma in situ of'],
    ['benign neoplasm of'],
  ];
  const stack: string[] = [];
  for (let r = 0; r < neo.term.length; r++) {
    stack.length = neo.level[r]!;
    stack.push(neo.term[r]!);
    if (r === 0) continue;
    const site = stack.slice(1).reverse().join(' ');
    for (let c = 0; c < 4; c++) {
      const code = neo.codes[r]![c];
      if (code) for (const b of behaviours[c]!) push(`${b} ${site}`, code, 'neoplasm');
    }
  }
  for (const p of phrases) if (p.count >= 2) push(p.phrase, p.code, 'codiesp');
  // Abbreviations: a query that contains an expansion is repeated with the abbreviation.
  const expansions = new Map<string, string[]>();
  for (const entry of ABBREVIATIONS) {
    const sense = entry.senses[0];
    if (!sense || !['condition', 'finding', 'anatomy', 'procedure'].includes(sense.kind)) continue;
    for (const text of [sense.expansion, ...(sense.also ?? [])]) {
      const f = foldText(text);
      if (f.split(' ').length < 2 && f.length < 8) continue;
      const list = expansions.get(f) ?? [];
      list.push(...entry.forms.map((x) => foldText(x)).filter(Boolean));
      expansions.set(f, list);
    }
  }
  const base = pairs.slice();
  for (const [expansion, forms] of expansions) {
    const re = new RegExp(`\\b${expansion.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
    let n = 0;
    for (const p of base) {
      if (n >= 40 || !re.test(p.query)) continue;
      n++;
      push(p.query.replace(re, forms[n % forms.length]!), p.code, 'abbreviation');
    }
  }
  return pairs;
}
