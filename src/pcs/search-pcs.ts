/**
 * Search over ICD-10-PCS: Index terms (main term and subterms, with the code, partial code or
 * table they lead to), titles composed for every body part of every table ("Excision of
 * Stomach", 4 characters), and the root-operation definitions. Built lazily on first use.
 */
import { foldTokens } from '../ontology/fold-text.js';
import { canonicalizeWord } from '../text/stem-word.js';
import type { PcsIndexRef } from './pcs-pack-format.js';
import type { PcsTerminology } from './pcs-terminology.js';

export type PcsSearchVia = 'index' | 'title' | 'definition';

export interface PcsSearchHit {
  /** A full code, a partial code or a table; '' for an Index "use" entry. */
  code: string;
  system: 'ICD-10-PCS';
  title: string;
  score: number;
  via: PcsSearchVia;
  /** The text that matched (an Index path, a title, a definition). */
  matched: string;
}

interface SearchDoc {
  code: string;
  title: string;
  via: PcsSearchVia;
  matched: string;
  keys: string[];
}

const VIA_WEIGHT: Record<PcsSearchVia, number> = { index: 1, title: 0.95, definition: 0.8 };

export function searchKeys(text: string): string[] {
  return foldTokens(text).map(canonicalizeWord);
}

function refTarget(ref: PcsIndexRef): { code: string; note: string } {
  if (ref.kind === 'see') return { code: ref.code ?? ref.tab ?? '', note: `see ${ref.value}` };
  if (ref.kind === 'use') return { code: '', note: `use ${ref.value}` };
  return { code: ref.value, note: '' };
}

function* indexDocs(terms: PcsTerminology): Generator<SearchDoc> {
  for (const entry of terms.index) {
    const matched = entry.path.join(', ');
    for (const ref of entry.refs) {
      const { code, note } = refTarget(ref);
      const title = code ? (terms.tables.title(code) ?? note) : note;
      yield { code, title: note && code ? `${title} (${note})` : title, via: 'index', matched, keys: searchKeys(entry.path.join(' ')) };
    }
  }
}

function* titleDocs(terms: PcsTerminology): Generator<SearchDoc> {
  for (const table of terms.tables.tables) {
    const seen = new Set<string>();
    for (const row of table.rows) {
      for (const [value] of row[0]) {
        const code = table.code + value;
        if (seen.has(code)) continue;
        seen.add(code);
        const title = terms.tables.title(code) ?? '';
        yield { code, title, via: 'title', matched: title, keys: searchKeys(`${title} ${table.labels[1]}`) };
      }
    }
  }
}

function* definitionDocs(terms: PcsTerminology): Generator<SearchDoc> {
  const tablesByOperation = new Map<string, string>();
  for (const t of terms.tables.tables) if (!tablesByOperation.has(`${t.code[0]}|${t.labels[2]}`)) tablesByOperation.set(`${t.code[0]}|${t.labels[2]}`, t.code);
  for (const d of terms.definitions) {
    if (d.axis !== 3 || !d.definition) continue;
    const code = tablesByOperation.get(`${d.section}|${d.title}`) ?? d.section;
    const matched = [d.title, d.definition, d.explanation, ...d.includes].filter(Boolean).join('. ');
    yield { code, title: `${d.title} (root operation): ${d.definition}`, via: 'definition', matched, keys: searchKeys(matched) };
  }
}

/** Scores one document: share of query words found, then how much of the document they cover. */
function scoreDoc(query: string[], doc: SearchDoc, lastIsPrefix: boolean): number {
  const keys = new Set(doc.keys);
  let hit = 0;
  query.forEach((q, i) => {
    if (keys.has(q) || (lastIsPrefix && i === query.length - 1 && q.length >= 3 && doc.keys.some((k) => k.startsWith(q)))) hit += 1;
  });
  if (!hit) return 0;
  const cover = hit / Math.max(keys.size, 1);
  return (hit / query.length) * (0.7 + 0.3 * cover) * VIA_WEIGHT[doc.via];
}

export class PcsSearch {
  private docs: SearchDoc[] | undefined;
  private byKey: Map<string, number[]> | undefined;

  constructor(private readonly terms: PcsTerminology) {}

  private build(): { docs: SearchDoc[]; byKey: Map<string, number[]> } {
    if (this.docs && this.byKey) return { docs: this.docs, byKey: this.byKey };
    const docs = [...indexDocs(this.terms), ...titleDocs(this.terms), ...definitionDocs(this.terms)];
    const byKey = new Map<string, number[]>();
    docs.forEach((d, i) => {
      for (const k of new Set(d.keys)) {
        let list = byKey.get(k);
        if (!list) byKey.set(k, (list = []));
        list.push(i);
      }
    });
    this.docs = docs;
    this.byKey = byKey;
    return { docs, byKey };
  }

  /** Ranked hits for `query`, best first; one hit per code and via. */
  search(query: string, limit = 20): PcsSearchHit[] {
    const { docs, byKey } = this.build();
    const q = searchKeys(query);
    if (!q.length) return [];
    const candidates = new Set<number>();
    for (const k of q) for (const i of byKey.get(k) ?? []) candidates.add(i);
    const last = q[q.length - 1]!;
    if (last.length >= 3) for (const [k, ids] of byKey) if (k.startsWith(last)) for (const i of ids) candidates.add(i);
    const hits: PcsSearchHit[] = [];
    for (const i of candidates) {
      const d = docs[i]!;
      const score = scoreDoc(q, d, true);
      if (score > 0) hits.push({ code: d.code, system: 'ICD-10-PCS', title: d.title, score: Math.round(score * 1000) / 1000, via: d.via, matched: d.matched });
    }
    hits.sort((a, b) => b.score - a.score || a.matched.length - b.matched.length || (a.code < b.code ? -1 : 1));
    const seen = new Set<string>();
    return hits.filter((h) => {
      const key = `${h.code}|${h.via}|${h.code ? '' : h.title}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }).slice(0, limit);
  }
}
