import type { Ontology } from '../ontology/ontology.js';
import { foldTokens } from '../ontology/fold-text.js';
import { matchKey } from './match-key.js';
import { TITLE_FILLER } from '../text/function-words.js';

/** Where a dictionary term comes from; the evidence says it back to the coder. */
export type TermSource = 'index' | 'title' | 'inclusion' | 'neoplasm' | 'abbreviation' | 'learned';

export interface DictionaryTerm {
  /** Dotless code; may end in "-" when the Index leaves characters to the Tabular. */
  code: string;
  /** Word ids that must all appear (order-free, within a window). */
  required: Int32Array;
  source: TermSource;
  /** Depth in the Index (0 main term) or 0; deeper = more specific. */
  depth: number;
  /** Index row, for "see" navigation and explanations; -1 otherwise. */
  row: number;
  /** Prior weight of the source in [0, 1]. */
  weight: number;
  /** Id of the Index main term (row of the level-0 term), for subsumption; -1 otherwise. */
  family: number;
}

// "type" is a stop word except next to its number ("type 2"), see requiredWords(). "without"
// is not: "diabetes without complications" is E11.9, and E11.8 says "with unspecified".

/** Note tokens that stand for a word of the classification's terms ("migraine w/o aura"). */
const TOKEN_WORDS: Readonly<Record<string, readonly string[]>> = { 'w/o': ['without'] };

/** Titles of 7th-character codes repeat their parent's; the parent (a header) is matched instead. */
const ENCOUNTER_SUFFIX = /, (?:initial|subsequent) encounter.*$|, sequela$/;

export interface TermDictionaryOptions {
  /** Extra terms (learned phrases, abbreviation expansions): text → dotless code. */
  extraTerms?: { text: string; code: string; source: TermSource; weight: number }[];
  /** A dictionary built ahead of time ({@link TermDictionary.serialize}) for the same terminology. */
  prebuilt?: SerializedDictionary;
}

export const DICTIONARY_FORMAT = 'marginalia-term-dictionary';
/** Bump when term extraction changes: a prebuilt dictionary of another version is rebuilt. */
export const DICTIONARY_FORMAT_VERSION = 5;
/** Every term source, in the order a serialized dictionary numbers them. */
export const TERM_SOURCES: readonly TermSource[] = [
  'index',
  'title',
  'inclusion',
  'neoplasm',
  'abbreviation',
  'learned',
];

/** The dictionary as plain arrays, built once at build time and loaded in milliseconds. */
export interface SerializedDictionary {
  format: typeof DICTIONARY_FORMAT;
  formatVersion: number;
  /** Terminology version it was built from, e.g. "2025-april". */
  terminology: string;
  vocab: string[];
  code: string[];
  source: number[];
  depth: number[];
  row: number[];
  /** Weight × 1000. */
  weight: number[];
  family: number[];
  /** Word ids of all terms, concatenated; term t owns words[wordsEnd[t-1] .. wordsEnd[t]). */
  words: number[];
  wordsEnd: number[];
}

/**
 * One dictionary over all terms of the classification (Index paths, titles, inclusion terms,
 * the Neoplasm table, learned phrases), keyed for order-free matching: each term is filed
 * under its rarest word so that a note is matched in one pass over its words, never with a
 * scan per term.
 */
export class TermDictionary {
  readonly terms: DictionaryTerm[] = [];
  readonly vocab = new Map<string, number>();
  /** word id → term ids anchored on it */
  readonly byAnchor = new Map<number, number[]>();
  private readonly df: number[] = [];

  constructor(
    readonly ontology: Ontology,
    options: TermDictionaryOptions = {},
  ) {
    const pre = options.prebuilt;
    if (
      pre &&
      pre.format === DICTIONARY_FORMAT &&
      pre.formatVersion === DICTIONARY_FORMAT_VERSION &&
      pre.terminology === ontology.version
    ) {
      this.restore(pre);
    } else {
      this.buildFromOntology();
    }
    for (const t of options.extraTerms ?? []) {
      this.add(t.code, this.requiredWords(t.text), t.source, 0, -1, t.weight, -1);
    }
    this.fileByAnchor();
  }

  /** Plain-array form for {@link TermDictionaryOptions.prebuilt}; extra terms are left out. */
  serialize(): SerializedDictionary {
    const base = this.terms.slice(0, this.baseTerms);
    const words: number[] = [];
    const wordsEnd: number[] = [];
    for (const t of base) {
      for (const w of t.required) words.push(w);
      wordsEnd.push(words.length);
    }
    return {
      format: DICTIONARY_FORMAT,
      formatVersion: DICTIONARY_FORMAT_VERSION,
      terminology: this.ontology.version,
      vocab: [...this.vocab.keys()],
      code: base.map((t) => t.code),
      source: base.map((t) => TERM_SOURCES.indexOf(t.source)),
      depth: base.map((t) => t.depth),
      row: base.map((t) => t.row),
      weight: base.map((t) => Math.round(t.weight * 1000)),
      family: base.map((t) => t.family),
      words,
      wordsEnd,
    };
  }

  private baseTerms = 0;

  private restore(pre: SerializedDictionary): void {
    pre.vocab.forEach((w, i) => {
      this.vocab.set(w, i);
      this.df.push(0);
    });
    let at = 0;
    for (let t = 0; t < pre.code.length; t++) {
      const end = pre.wordsEnd[t]!;
      const required = Int32Array.from(pre.words.slice(at, end));
      at = end;
      for (const id of required) this.df[id]!++;
      this.terms.push({
        code: pre.code[t]!,
        required,
        source: TERM_SOURCES[pre.source[t]!] ?? 'index',
        depth: pre.depth[t]!,
        row: pre.row[t]!,
        weight: pre.weight[t]! / 1000,
        family: pre.family[t]!,
      });
    }
    this.baseTerms = this.terms.length;
  }

  private buildFromOntology(): void {
    const ontology = this.ontology;
    const pack = ontology.pack;
    const idx = pack.index;
    // Alphabetic Index: every row with a code (or a resolvable "see"), its whole path.
    const stack: number[] = [];
    for (let r = 0; r < idx.term.length; r++) {
      const level = idx.level[r]!;
      stack.length = level;
      stack.push(r);
      let code = idx.code[r]!;
      if (!code && idx.see[r]) {
        const target = ontology.resolveIndexReference(idx.see[r]!);
        if (target !== undefined) code = idx.code[target]!;
      }
      if (!code) continue;
      const parts = stack.map((k) => idx.term[k]!);
      // "Pneumonia, specified NEC": a subterm made only of stop words adds nothing the note can
      // show, and would shadow its parent's code with a more specific one.
      // "Anemia, hemolytic, hereditary, specified type NEC" is matched only where the note says
      // "specified" too ("other specified hereditary hemolytic anemia").
      const onlyStop = level > 0 && !this.requiredWords(parts[level]!).length;
      if (onlyStop && !/\bspecified\b/i.test(parts[level]!)) continue;
      for (const words of this.pathWordVariants(parts))
        this.add(
          code,
          onlyStop ? [...words, matchKey('specified')] : words,
          'index',
          level,
          r,
          1,
          stack[0]!,
        );
    }
    // Tabular titles and inclusion terms.
    for (let i = 0; i < pack.codes.length; i++) {
      const code = pack.codes[i]!;
      const title = pack.titles[i]!;
      if (ENCOUNTER_SUFFIX.test(title) && code.length === 7) continue;
      const text = title.replace(ENCOUNTER_SUFFIX, '');
      this.add(code, this.requiredWords(text), 'title', 0, -1, 0.9, -1);
    }
    for (const [code, notes] of Object.entries(pack.notes)) {
      for (const n of notes.inclusionTerm ?? []) {
        this.add(code, this.requiredWords(n.text), 'inclusion', 0, -1, 0.85, -1);
      }
    }
    // Neoplasm table: "<site> <behaviour>" (malignant primary, secondary, in situ, benign).
    const neo = pack.neoplasm;
    const behaviours = [
      ['malignant', 'cancer', 'carcinoma'],
      ['metastatic', 'secondary'],
      ['in situ'],
      ['benign'],
      [],
      [],
    ];
    const nstack: string[] = [];
    for (let r = 0; r < neo.term.length; r++) {
      nstack.length = neo.level[r]!;
      nstack.push(neo.term[r]!);
      if (r === 0) continue;
      const site = nstack.slice(1).join(' ');
      for (let c = 0; c < 4; c++) {
        const code = neo.codes[r]![c];
        if (!code) continue;
        for (const word of behaviours[c]!) {
          this.add(
            code,
            this.requiredWords(`${site} ${word}`),
            'neoplasm',
            neo.level[r]!,
            -1,
            0.8,
            -1,
          );
        }
      }
    }
    this.baseTerms = this.terms.length;
  }

  private readonly tokenCache = new Map<string, readonly number[]>();
  private scratchState?: {
    stamp: Int32Array;
    lists: (number[] | undefined)[];
    mark: number;
    nextMark(): number;
  };

  /** Reusable per-word working arrays for the matcher (JavaScript runs one note at a time). */
  scratch(): { stamp: Int32Array; lists: (number[] | undefined)[]; nextMark(): number } {
    if (!this.scratchState || this.scratchState.stamp.length !== this.vocab.size) {
      const state = {
        stamp: new Int32Array(this.vocab.size),
        lists: new Array<number[] | undefined>(this.vocab.size),
        mark: 0,
        nextMark(): number {
          if (state.mark === 0x7fffffff) {
            state.stamp.fill(0);
            state.mark = 0;
          }
          return ++state.mark;
        },
      };
      this.scratchState = state;
    }
    return this.scratchState;
  }

  /** Word ids of one note token ("Fractures" → [id of "fractur"]); memoised, the same tokens recur. */
  tokenWordIds(token: string): readonly number[] {
    let ids = this.tokenCache.get(token);
    if (ids === undefined) {
      ids = (TOKEN_WORDS[token] ?? foldTokens(token))
        .map((w) => this.wordId(matchKey(w)))
        .filter((id) => id >= 0);
      if (this.tokenCache.size > 200_000) this.tokenCache.clear();
      this.tokenCache.set(token, ids);
    }
    return ids;
  }

  /** Word id of a match key, or -1 when no term uses it. */
  wordId(key: string): number {
    return this.vocab.get(key) ?? -1;
  }

  /** Required words of free text: folded, stop words out, match keys. */
  requiredWords(text: string): string[] {
    const toks = foldTokens(text.replace(/\([^)]*\)/g, ' '));
    const out: string[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t === 'type' && /^(?:[0-9]|i{1,3}|iv|v|a|b)$/.test(toks[i + 1] ?? '')) {
        out.push('type');
        continue;
      }
      if (TITLE_FILLER.has(t)) continue;
      out.push(matchKey(t));
    }
    return out;
  }

  /**
   * Required words of an Index path, once per main-term variant: "Hyperlipemia, hyperlipidemia"
   * and "Infarct, infarction" are alternatives that share a stem, each matched on its own.
   */
  private pathWordVariants(parts: string[]): string[][] {
    const rest: string[] = [];
    parts.slice(1).forEach((p) => rest.push(...this.requiredWords(p)));
    const main = parts[0]!;
    const variants = main.includes(',') ? main.split(',').map((s) => s.trim()) : [main];
    const k0 = matchKey(foldTokens(variants[0]!)[0] ?? '');
    const alternatives =
      variants.length > 1 &&
      variants
        .slice(1)
        .every(
          (v) =>
            foldTokens(v).length === 1 &&
            matchKey(foldTokens(v)[0] ?? '').slice(0, 4) === k0.slice(0, 4),
        );
    const heads = alternatives ? variants : [main];
    const out = new Map<string, string[]>();
    for (const h of heads) {
      const words = [...this.requiredWords(h), ...rest];
      out.set(words.join(' '), words);
    }
    return [...out.values()];
  }

  private add(
    code: string,
    words: string[],
    source: TermSource,
    depth: number,
    row: number,
    weight: number,
    family: number,
  ): void {
    const ids = new Set<number>();
    for (const w of words) {
      let id = this.vocab.get(w);
      if (id === undefined) {
        id = this.vocab.size;
        this.vocab.set(w, id);
        this.df.push(0);
      }
      ids.add(id);
    }
    if (!ids.size || ids.size > 12) return;
    for (const id of ids) this.df[id]!++;
    this.terms.push({ code, required: Int32Array.from(ids), source, depth, row, weight, family });
  }

  private fileByAnchor(): void {
    this.byAnchor.clear();
    for (let t = 0; t < this.terms.length; t++) {
      const req = this.terms[t]!.required;
      let anchor = req[0]!;
      for (const id of req) if (this.df[id]! < this.df[anchor]!) anchor = id;
      let list = this.byAnchor.get(anchor);
      if (!list) this.byAnchor.set(anchor, (list = []));
      list.push(t);
    }
  }
}
