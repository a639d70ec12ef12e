import type { AlphabeticIndex } from './alphabetic-index.js';
import { foldTokens, looksLikeCode, toDotless, toDotted } from './fold-text.js';
import type { TerminologyPack } from './pack-format.js';
import { SEARCH_STOP_WORDS } from '../text/function-words.js';
import { SpellingCorrector } from './spelling-correction.js';

/** How a hit matched; 'icd9-gem': an ICD-10-CM candidate of an ICD-9-CM code typed in the box (Icd9Crosswalk.search). */
export type SearchVia = 'code' | 'title' | 'inclusion' | 'index' | 'icd9-gem';

export interface SearchHit {
  /** Dotted code. */
  code: string;
  title: string;
  billable: boolean;
  score: number;
  via: SearchVia;
  /** The title, inclusion term or Index path that matched. */
  matched: string;
}

export interface SearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Only billable codes. */
  billableOnly?: boolean;
}

type IndexedVia = Exclude<SearchVia, 'icd9-gem'>;
const VIA_WEIGHT: Record<IndexedVia, number> = { code: 1, title: 1, index: 0.97, inclusion: 0.94 };
const VIAS: IndexedVia[] = ['code', 'title', 'inclusion', 'index'];

/** What the index is made of; built in steps by {@link buildSearchIndexParts}. */
export interface SearchIndexParts {
  vocab: Map<string, number>;
  words: string[];
  sortedWords: string[];
  postings: Int32Array[];
  idf: Float32Array;
  docCode: Int32Array;
  docVia: Uint8Array;
  docLen: Uint8Array;
  docBoost: Float32Array;
  docText: string[];
  deletions: Map<string, number[]>;
}

/**
 * Builds the index's parts in steps: yields every few thousand documents or words, so that a
 * caller can spread the ~1 s of work over idle slices (see `Ontology.warmUp`).
 */
export function* buildSearchIndexParts(
  pack: TerminologyPack,
  alphabeticIndex: AlphabeticIndex,
): Generator<void, SearchIndexParts, void> {
  const STEP = 4_000;
  let sinceYield = 0;
  const vocab = new Map<string, number>();
  const words: string[] = [];
  const docText: string[] = [];
  const deletions = new Map<string, number[]>();
  const codeIdx = new Map<string, number>();
  pack.codes.forEach((c, i) => codeIdx.set(c, i));
  const docCode: number[] = [];
  const docVia: number[] = [];
  const docLen: number[] = [];
  const lists: number[][] = [];
  const docBoost: number[] = [];
  const add = (text: string, code: number, via: IndexedVia, boost = 1): void => {
    const toks = foldTokens(text).filter((t) => !SEARCH_STOP_WORDS.has(t));
    if (!toks.length) return;
    const doc = docCode.length;
    docCode.push(code);
    docVia.push(VIAS.indexOf(via));
    docLen.push(Math.min(255, toks.length));
    docBoost.push(boost);
    docText.push(text);
    const seen = new Set<string>();
    for (const t of toks) {
      if (seen.has(t)) continue;
      seen.add(t);
      let id = vocab.get(t);
      if (id === undefined) {
        id = words.length;
        vocab.set(t, id);
        words.push(t);
        lists.push([]);
      }
      lists[id]!.push(doc);
    }
  };
  const step = (): boolean => {
    if (++sinceYield < STEP) return false;
    sinceYield = 0;
    return true;
  };
  for (let i = 0; i < pack.titles.length; i++) {
    add(pack.titles[i]!, i, 'title');
    if (step()) yield;
  }
  for (const [code, notes] of Object.entries(pack.notes)) {
    const i = codeIdx.get(code);
    if (i === undefined) continue;
    for (const n of notes.inclusionTerm ?? []) add(n.text, i, 'inclusion');
    if (step()) yield;
  }
  const paths = alphabeticIndex.pathList();
  const idx = pack.index;
  for (let r = 0; r < paths.length; r++) {
    let code = idx.code[r]!.replace(/-$/, '');
    if (!code && (idx.see[r] || '')) {
      const target = alphabeticIndex.resolveReference(idx.see[r]!);
      if (target !== undefined) code = idx.code[target]!.replace(/-$/, '');
    }
    const i = code ? codeIdx.get(code) : undefined;
    // A main term ("Hypertension, hypertensive") is what the word means on its own.
    if (i !== undefined) add(paths[r]!, i, 'index', idx.level[r] === 0 ? 1.12 : 1);
    if (step()) yield;
  }
  const nDocs = docCode.length;
  const parts = {
    vocab,
    words,
    postings: lists.map((l) => Int32Array.from(l)),
    idf: Float32Array.from(lists, (l) => Math.log(1 + nDocs / l.length)),
    docCode: Int32Array.from(docCode),
    docVia: Uint8Array.from(docVia),
    docLen: Uint8Array.from(docLen),
    docBoost: Float32Array.from(docBoost),
    docText,
    deletions,
  };
  yield;
  const sortedWords = [...words].sort();
  for (let id = 0; id < words.length; id++) {
    const w = words[id]!;
    if (w.length < 4) continue;
    for (let k = 0; k < w.length; k++) {
      const d = w.slice(0, k) + w.slice(k + 1);
      let l = deletions.get(d);
      if (!l) deletions.set(d, (l = []));
      l.push(id);
    }
    if (step()) yield;
  }
  return { ...parts, sortedWords };
}

/**
 * An inverted index over titles, inclusion terms and Index paths, with prefix and
 * one-edit typo expansion of query tokens (a deletion-neighbourhood index, as in SymSpell).
 */
export class SearchIndex {
  private readonly vocab: Map<string, number>;
  private readonly words: string[];
  private readonly sortedWords: string[];
  private readonly postings: Int32Array[];
  private readonly idf: Float32Array;
  private readonly docCode: Int32Array;
  private readonly docVia: Uint8Array;
  private readonly docLen: Uint8Array;
  private readonly docBoost: Float32Array;
  private readonly docText: string[];
  private readonly deletions: Map<string, number[]>;
  private readonly acc: Float32Array;
  private readonly hits: Uint8Array;
  private readonly tokBest: Float32Array;
  /** Documents a query touched; then, compacted in place, those it scored. */
  private readonly touched: Int32Array;
  /** A token's documents while it is scored; then the heap of scored positions. */
  private readonly local: Int32Array;
  private readonly scoredScore: Float64Array;
  private readonly speller: SpellingCorrector;

  /** `parts` from {@link buildSearchIndexParts}. */
  constructor(
    private readonly pack: TerminologyPack,
    parts: SearchIndexParts,
  ) {
    this.vocab = parts.vocab;
    this.words = parts.words;
    this.sortedWords = parts.sortedWords;
    this.postings = parts.postings;
    this.idf = parts.idf;
    this.docCode = parts.docCode;
    this.docVia = parts.docVia;
    this.docLen = parts.docLen;
    this.docBoost = parts.docBoost;
    this.docText = parts.docText;
    this.deletions = parts.deletions;
    const nDocs = parts.docCode.length;
    this.acc = new Float32Array(nDocs);
    this.hits = new Uint8Array(nDocs);
    this.tokBest = new Float32Array(nDocs);
    this.touched = new Int32Array(nDocs);
    this.local = new Int32Array(nDocs);
    this.scoredScore = new Float64Array(nDocs);
    this.speller = new SpellingCorrector(this.words, (id) => this.postings[id]!.length);
  }

  get documentCount(): number {
    return this.docCode.length;
  }

  /** Position in the sorted vocabulary of the first word not before `tok`. */
  private firstWordFrom(tok: string): number {
    let lo = 0;
    let hi = this.sortedWords.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedWords[mid]! < tok) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The query, folded, with its misspelt words replaced by the vocabulary words they most likely
   * stand for ("asma attack" → "asthma attack"); undefined when every word is known. The last
   * word, while it is still being typed, is left alone when a vocabulary word begins with it.
   */
  correctSpelling(query: string): string | undefined {
    const toks = foldTokens(query);
    let changed = false;
    const out = toks.map((tok, q) => {
      if (this.vocab.has(tok) || SEARCH_STOP_WORDS.has(tok)) return tok;
      const typing = q === toks.length - 1 && !/\s$/.test(query);
      if (typing && this.sortedWords[this.firstWordFrom(tok)]?.startsWith(tok)) return tok;
      const fixed = this.speller.correct(tok);
      if (fixed) changed = true;
      return fixed ?? tok;
    });
    return changed ? out.join(' ') : undefined;
  }

  /** Vocabulary terms a query token may stand for, with a weight. */
  private expandToken(tok: string, isLast: boolean): Map<number, number> {
    const out = new Map<number, number>();
    const put = (id: number | undefined, w: number): void => {
      if (id === undefined) return;
      if ((out.get(id) ?? 0) < w) out.set(id, w);
    };
    put(this.vocab.get(tok), 1);
    if (tok.length >= 2 && (isLast || tok.length >= 4)) {
      const lo = this.firstWordFrom(tok);
      let taken = 0;
      for (let k = lo; k < this.sortedWords.length && taken < 400; k++) {
        const w = this.sortedWords[k]!;
        if (!w.startsWith(tok)) break;
        if (w !== tok)
          put(this.vocab.get(w), 0.85 - Math.min(0.25, (w.length - tok.length) * 0.02));
        taken++;
      }
    }
    if (tok.length >= 5) {
      const cands = new Set<number>(this.deletions.get(tok) ?? []);
      for (let k = 0; k < tok.length; k++) {
        const d = tok.slice(0, k) + tok.slice(k + 1);
        const id = this.vocab.get(d);
        if (id !== undefined) cands.add(id);
        for (const c of this.deletions.get(d) ?? []) cands.add(c);
      }
      for (const id of cands) {
        if (isWithinOneEdit(tok, this.words[id]!)) put(id, 0.7);
      }
    }
    return out;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const pack = this.pack;
    const results = new Map<number, SearchHit>();
    const trimmed = query.trim();
    if (!trimmed) return [];

    if (looksLikeCode(trimmed)) {
      const prefix = toDotless(trimmed);
      for (let i = 0; i < pack.codes.length && results.size < limit; i++) {
        const c = pack.codes[i]!;
        if (!c.startsWith(prefix)) continue;
        if (options.billableOnly && pack.billable[i] !== '1') continue;
        const exact = c === prefix;
        results.set(i, {
          code: toDotted(c),
          title: pack.titles[i]!,
          billable: pack.billable[i] === '1',
          score: exact ? 2 : 1.5 - c.length * 0.01,
          via: 'code',
          matched: toDotted(c),
        });
      }
    }

    let toks = foldTokens(trimmed).filter((t) => !SEARCH_STOP_WORDS.has(t));
    if (!toks.length) return [...results.values()].slice(0, limit);
    toks = toks.slice(0, 12);
    const groups: Map<number, number>[] = [];
    for (let q = 0; q < toks.length; q++) {
      const tok = toks[q]!;
      const isLast = q === toks.length - 1 && !/\s$/.test(query);
      groups.push(this.expandToken(tok, isLast));
    }

    // Typed scratch space reused by every call: no per-document objects on the typing path.
    const touched = this.touched;
    let nTouched = 0;
    const local = this.local;
    const acc = this.acc;
    const hits = this.hits;
    const best = this.tokBest;
    for (let q = 0; q < groups.length; q++) {
      const terms = groups[q]!;
      let nLocal = 0;
      // Score a token by the rarity of what was typed, not of what it expanded to: a typo
      // that lands on a rare word must not outrank the common word that was meant.
      const exact = this.vocab.get(toks[q]!);
      let commonest = Infinity;
      for (const id of terms.keys()) commonest = Math.min(commonest, this.idf[id]!);
      for (const [id, w] of terms) {
        const s = w * (exact !== undefined ? this.idf[exact]! : commonest);
        const list = this.postings[id]!;
        for (let k = 0; k < list.length; k++) {
          const d = list[k]!;
          if (best[d] === 0) local[nLocal++] = d;
          if (best[d]! < s) best[d] = s;
        }
      }
      for (let k = 0; k < nLocal; k++) {
        const d = local[k]!;
        if (hits[d] === 0) touched[nTouched++] = d;
        acc[d]! += best[d]!;
        hits[d]! += 1;
        best[d] = 0;
      }
    }
    const need = toks.length;
    // Scored documents overwrite the touched ones already read (nScored <= k).
    const scoredDoc = touched;
    const scoredScore = this.scoredScore;
    let nScored = 0;
    let maxS = 0;
    for (let k = 0; k < nTouched; k++) {
      const d = touched[k]!;
      const matched = hits[d]!;
      if (matched >= need || (need >= 3 && matched >= need - 1)) {
        const missing = need - matched;
        const extra = Math.max(0, this.docLen[d]! - matched);
        const s =
          (acc[d]! / (1 + 0.08 * extra)) *
          (missing ? 0.6 : 1) *
          VIA_WEIGHT[VIAS[this.docVia[d]!]!] *
          this.docBoost[d]!;
        scoredDoc[nScored] = d;
        scoredScore[nScored++] = s;
        if (s > maxS) maxS = s;
      }
      acc[d] = 0;
      hits[d] = 0;
    }
    // Only the best few are returned: the documents near the top score (a common prefix scores
    // tens of thousands) come out of a heap best first, instead of sorting them all.
    let ranked = 0;
    if (nScored > 4 * limit) {
      for (let k = 0; k < nScored; k++) if (scoredScore[k]! >= maxS * 0.5) ranked++;
    }
    const heap = local;
    let n = 0;
    if (nScored > 4 * limit && ranked >= 4 * limit) {
      for (let k = 0; k < nScored; k++) if (scoredScore[k]! >= maxS * 0.5) heap[n++] = k;
    } else for (let k = 0; k < nScored; k++) heap[n++] = k;
    // Best first: higher score, then lower document number.
    const above = (a: number, b: number): boolean =>
      scoredScore[a]! > scoredScore[b]! ||
      (scoredScore[a] === scoredScore[b] && scoredDoc[a]! < scoredDoc[b]!);
    const siftDown = (at: number, size: number): void => {
      for (;;) {
        const l = 2 * at + 1;
        if (l >= size) return;
        const r = l + 1;
        const c = r < size && above(heap[r]!, heap[l]!) ? r : l;
        if (!above(heap[c]!, heap[at]!)) return;
        const t = heap[c]!;
        heap[c] = heap[at]!;
        heap[at] = t;
        at = c;
      }
    };
    for (let k = (n >> 1) - 1; k >= 0; k--) siftDown(k, n);
    const top = n ? scoredScore[heap[0]!]! : 1;
    while (n > 0 && results.size < limit) {
      const x = heap[0]!;
      heap[0] = heap[--n]!;
      siftDown(0, n);
      const d = scoredDoc[x]!;
      const s = scoredScore[x]!;
      const i = this.docCode[d]!;
      if (results.has(i)) continue;
      if (options.billableOnly && pack.billable[i] !== '1') continue;
      results.set(i, {
        code: toDotted(pack.codes[i]!),
        title: pack.titles[i]!,
        billable: pack.billable[i] === '1',
        score: Math.round((s / top) * 1000) / 1000,
        via: VIAS[this.docVia[d]!]!,
        matched: this.docText[d]!,
      });
    }
    return [...results.values()].slice(0, limit);
  }
}

/** Damerau-Levenshtein distance ≤ 1 (insert, delete, substitute or swap two neighbours). */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
