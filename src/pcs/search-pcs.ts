/**
 * Search over ICD-10-PCS: Index terms (main term and subterms, with the code, partial code or
 * table they lead to), titles composed for every body part of every table ("Excision of
 * Stomach", 4 characters), and the root-operation definitions.
 *
 * The index is built on first use, or ahead of it in small slices ({@link PcsSearch.warmUp}) so
 * that a host can build it between other work; titles of hits are composed only for the hits.
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
  via: PcsSearchVia;
  matched: string;
  /** "see …" / "use …" of an Index reference, or the definition's title line. */
  note: string;
  keys: string[];
}

const VIA_WEIGHT: Record<PcsSearchVia, number> = { index: 1, title: 0.95, definition: 0.8 };
/** Documents indexed per slice of {@link PcsSearch.warmUp}. */
const DOCS_PER_STEP = 400;

const KEY_CACHE = new Map<string, string>();

/** Search keys of `text`: folded words, canonical form (plurals, spelling). */
export function searchKeys(text: string): string[] {
  return foldTokens(text).map((w) => {
    let key = KEY_CACHE.get(w);
    if (key === undefined) {
      if (KEY_CACHE.size > 50_000) KEY_CACHE.clear();
      key = canonicalizeWord(w);
      KEY_CACHE.set(w, key);
    }
    return key;
  });
}

function refTarget(ref: PcsIndexRef): { code: string; note: string } {
  if (ref.kind === 'see') return { code: ref.code ?? ref.tab ?? '', note: `see ${ref.value}` };
  if (ref.kind === 'use') return { code: '', note: `use ${ref.value}` };
  return { code: ref.value, note: '' };
}

function* indexDocs(terms: PcsTerminology): Generator<SearchDoc> {
  for (const entry of terms.index) {
    const matched = entry.path.join(', ');
    const keys = searchKeys(entry.path.join(' '));
    for (const ref of entry.refs) yield { ...refTarget(ref), via: 'index', matched, keys };
  }
}

function* titleDocs(terms: PcsTerminology): Generator<SearchDoc> {
  for (const table of terms.tables.tables) {
    const seen = new Set<string>();
    for (const row of table.rows) {
      for (const [value, label] of row[0]) {
        if (seen.has(value)) continue;
        seen.add(value);
        const matched = `${table.labels[2]} of ${label}`;
        yield {
          code: table.code + value,
          via: 'title',
          matched,
          note: '',
          keys: searchKeys(`${matched} ${table.labels[1]}`),
        };
      }
    }
  }
}

function* definitionDocs(terms: PcsTerminology): Generator<SearchDoc> {
  const tablesByOperation = new Map<string, string>();
  for (const t of terms.tables.tables)
    if (!tablesByOperation.has(`${t.code[0]}|${t.labels[2]}`))
      tablesByOperation.set(`${t.code[0]}|${t.labels[2]}`, t.code);
  for (const d of terms.definitions) {
    if (d.axis !== 3 || !d.definition) continue;
    const code = tablesByOperation.get(`${d.section}|${d.title}`) ?? d.section;
    const matched = [d.title, d.definition, d.explanation, ...d.includes]
      .filter(Boolean)
      .join('. ');
    yield {
      code,
      via: 'definition',
      matched,
      note: `${d.title} (root operation): ${d.definition}`,
      keys: searchKeys(matched),
    };
  }
}

/** Scores one document: share of query words found, then how much of the document they cover. */
function scoreDoc(query: string[], doc: SearchDoc): number {
  const keys = new Set(doc.keys);
  let hit = 0;
  query.forEach((q, i) => {
    if (
      keys.has(q) ||
      (i === query.length - 1 && q.length >= 3 && doc.keys.some((k) => k.startsWith(q)))
    )
      hit += 1;
  });
  if (!hit) return 0;
  const cover = hit / Math.max(keys.size, 1);
  return (hit / query.length) * (0.7 + 0.3 * cover) * VIA_WEIGHT[doc.via];
}

/** The first index in sorted `keys` whose key is >= `prefix`. */
function lowerBound(keys: readonly string[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface BuiltIndex {
  docs: SearchDoc[];
  byKey: Map<string, number[]>;
  sortedKeys: string[];
}

export class PcsSearch {
  private built: BuiltIndex | undefined;
  private steps: Generator<void, BuiltIndex, void> | undefined;

  constructor(private readonly terms: PcsTerminology) {}

  private *buildSteps(): Generator<void, BuiltIndex, void> {
    const docs: SearchDoc[] = [];
    const byKey = new Map<string, number[]>();
    for (const doc of [
      indexDocs(this.terms),
      titleDocs(this.terms),
      definitionDocs(this.terms),
    ].flatMap((g) => [...g])) {
      const id = docs.push(doc) - 1;
      for (const k of new Set(doc.keys)) {
        const list = byKey.get(k);
        if (list) list.push(id);
        else byKey.set(k, [id]);
      }
      if (id % DOCS_PER_STEP === 0) yield;
    }
    return { docs, byKey, sortedKeys: [...byKey.keys()].sort() };
  }

  private index(): BuiltIndex {
    if (this.built) return this.built;
    this.steps ??= this.buildSteps();
    for (let r = this.steps.next(); ; r = this.steps.next())
      if (r.done) return (this.built = r.value);
  }

  /** Whether the index is built (a search answers at once). */
  get isWarm(): boolean {
    return this.built !== undefined;
  }

  /** Builds the index in slices, awaiting `nextTask` between them; a search meanwhile finishes it. */
  async warmUp(nextTask: () => Promise<void>, sliceMs = 8): Promise<void> {
    this.steps ??= this.buildSteps();
    while (!this.built) {
      const t0 = performance.now();
      while (!this.built && performance.now() - t0 < sliceMs) {
        const r = this.steps.next();
        if (r.done) this.built = r.value;
      }
      if (!this.built) await nextTask();
    }
  }

  private titleOf(doc: SearchDoc): string {
    if (doc.via === 'definition') return doc.note;
    const title = doc.code ? (this.terms.tables.title(doc.code) ?? doc.note) : doc.note;
    return doc.note && doc.code ? `${title} (${doc.note})` : title;
  }

  /** Ranked hits for `query`, best first; one hit per code and via. */
  search(query: string, limit = 20): PcsSearchHit[] {
    const { docs, byKey, sortedKeys } = this.index();
    const q = searchKeys(query);
    if (!q.length) return [];
    const candidates = new Set<number>();
    for (const k of q) for (const i of byKey.get(k) ?? []) candidates.add(i);
    const last = q[q.length - 1]!;
    if (last.length >= 3) {
      for (
        let i = lowerBound(sortedKeys, last);
        i < sortedKeys.length && sortedKeys[i]!.startsWith(last);
        i++
      ) {
        for (const id of byKey.get(sortedKeys[i]!)!) candidates.add(id);
      }
    }
    const scored: Array<{ doc: SearchDoc; score: number }> = [];
    for (const i of candidates) {
      const doc = docs[i]!;
      const score = scoreDoc(q, doc);
      if (score > 0) scored.push({ doc, score: Math.round(score * 1000) / 1000 });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        a.doc.matched.length - b.doc.matched.length ||
        (a.doc.code < b.doc.code ? -1 : 1),
    );
    const seen = new Set<string>();
    const hits: PcsSearchHit[] = [];
    for (const { doc, score } of scored) {
      const key = `${doc.code}|${doc.via}|${doc.code ? '' : doc.note}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({
        code: doc.code,
        system: 'ICD-10-PCS',
        title: this.titleOf(doc),
        score,
        via: doc.via,
        matched: doc.matched,
      });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}
