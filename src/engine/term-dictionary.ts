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

/** One way of writing a main term; `unqualified` when its qualifier is left out. */
interface MainTermHead {
  words: string[];
  unqualified: boolean;
}

/** Coded rows under a lone qualified main term for its head alone to stand for it. */
const MIN_SUBTREE_CODES = 10;

/** A subterm that only says the site is not given: the default of the path above it. */
const UNSPECIFIED_SITE = /^(?:site )?unspecified(?: (?:site|nature or site))?$|^site unspecified$/i;
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
export const DICTIONARY_FORMAT_VERSION = 7;
/** Every term source, in the order a serialized dictionary numbers them. */
export const TERM_SOURCES: readonly TermSource[] = [
  'index',
  'title',
  'inclusion',
  'neoplasm',
  'abbreviation',
  'learned',
];

/**
 * The dictionary as plain arrays, built once at build time and loaded in milliseconds: from JSON,
 * or as typed columns from its binary form (engine/dictionary-binary.ts).
 */
export interface SerializedDictionary {
  format: typeof DICTIONARY_FORMAT;
  formatVersion: number;
  /** Terminology version it was built from, e.g. "2025-april". */
  terminology: string;
  vocab: readonly string[];
  code: readonly string[] | CodeColumn;
  source: ArrayLike<number>;
  depth: ArrayLike<number>;
  row: ArrayLike<number>;
  /** Weight × 1000. */
  weight: ArrayLike<number>;
  family: ArrayLike<number>;
  /** Word ids of all terms, concatenated; term t owns words[wordsEnd[t-1] .. wordsEnd[t]). */
  words: ArrayLike<number>;
  wordsEnd: ArrayLike<number>;
}

/** Each distinct code once, and per term the place of its code in that list. */
export interface CodeColumn {
  table: readonly string[];
  index: ArrayLike<number>;
}

export function isCodeColumn(code: SerializedDictionary['code']): code is CodeColumn {
  return !Array.isArray(code);
}

/** A restored dictionary's terms as columns; a term becomes an object when a note matches it. */
interface TermColumns extends Omit<SerializedDictionary, 'words' | 'code'> {
  words: Int32Array;
  codeOf(t: number): string;
}

function codeColumn(code: SerializedDictionary['code']): {
  count: number;
  codeOf(t: number): string;
} {
  if (!isCodeColumn(code)) return { count: code.length, codeOf: (t) => code[t]! };
  const { table, index } = code;
  const codeOf = (t: number): string => {
    const c = table[index[t]!];
    if (c === undefined)
      throw new Error(
        `The prebuilt term dictionary gives term ${t} code number ${index[t]}; expected one of its ${table.length} codes (rebuild it with "npm run build").`,
      );
    return c;
  };
  return { count: index.length, codeOf };
}

/**
 * One dictionary over all terms of the classification (Index paths, titles, inclusion terms,
 * the Neoplasm table, learned phrases), keyed for order-free matching: each term is filed
 * under its rarest word so that a note is matched in one pass over its words, never with a
 * scan per term.
 */
export class TermDictionary {
  readonly vocab = new Map<string, number>();
  /**
   * Term ids filed under each word id (its anchor): word w anchors
   * anchorTerms[anchorStart[w] .. anchorStart[w + 1]), in term order.
   */
  anchorStart = new Int32Array(1);
  anchorTerms = new Int32Array(0);
  private readonly df: number[] = [];
  /** Terms as objects: every built term; a restored one once {@link term} is asked for it. */
  private readonly made: (DictionaryTerm | undefined)[] = [];
  private base?: TermColumns;
  private baseTerms = 0;

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

  /** Number of terms. */
  get size(): number {
    return this.made.length;
  }

  /** Term `t` (0 <= t < {@link size}). */
  term(t: number): DictionaryTerm {
    return (this.made[t] ??= this.fromColumns(t));
  }

  /** Every term, in order (tests and the build; coding asks for terms one by one). */
  allTerms(): DictionaryTerm[] {
    return this.made.map((_, t) => this.term(t));
  }

  /** Plain-array form for {@link TermDictionaryOptions.prebuilt}; extra terms are left out. */
  serialize(): SerializedDictionary {
    const base = this.allTerms().slice(0, this.baseTerms);
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

  private restore(pre: SerializedDictionary): void {
    pre.vocab.forEach((w, i) => {
      this.vocab.set(w, i);
      this.df.push(0);
    });
    // Every term's word ids are views of one buffer, made only for the terms a note matches:
    // no 178,000 objects to build at start-up, nor for the garbage collector to track.
    const words = pre.words instanceof Int32Array ? pre.words : Int32Array.from(pre.words);
    const vocabSize = this.df.length;
    for (let k = 0; k < words.length; k++) {
      const id = words[k]!;
      if (!(id >= 0 && id < vocabSize))
        throw new Error(
          `The prebuilt term dictionary has word id ${id} at ${k}; expected one of its ${vocabSize} words (rebuild it with "npm run build").`,
        );
      this.df[id]!++;
    }
    const { count, codeOf } = codeColumn(pre.code);
    this.base = { ...pre, words, codeOf };
    this.baseTerms = count;
    for (let t = 0; t < count; t++) this.made.push(undefined);
  }

  private fromColumns(t: number): DictionaryTerm {
    const b = this.base!;
    return {
      code: b.codeOf(t),
      required: b.words.subarray(t === 0 ? 0 : b.wordsEnd[t - 1]!, b.wordsEnd[t]!),
      source: TERM_SOURCES[b.source[t]!] ?? 'index',
      depth: b.depth[t]!,
      row: b.row[t]!,
      weight: b.weight[t]! / 1000,
      family: b.family[t]!,
    };
  }

  private buildFromOntology(): void {
    const ontology = this.ontology;
    const pack = ontology.pack;
    const idx = pack.index;
    const mainTerms = this.mainTermHeads();
    const childrenOf = new Map<number, number[]>();
    const open: number[] = [];
    for (let r = 0; r < idx.term.length; r++) {
      open.length = idx.level[r]!;
      const parent = open.at(-1);
      if (parent !== undefined) {
        let list = childrenOf.get(parent);
        if (!list) childrenOf.set(parent, (list = []));
        list.push(r);
      }
      open.push(r);
    }
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
        if (target !== undefined && !code) this.addSeeSubtree(stack, target, childrenOf, mainTerms);
      }
      if (!code) continue;
      const parts = stack.map((k) => idx.term[k]!);
      // "Pneumonia, specified NEC": a subterm made only of stop words adds nothing the note can
      // show, and would shadow its parent's code with a more specific one.
      // "Anemia, hemolytic, hereditary, specified type NEC" is matched only where the note says
      // "specified" too ("other specified hereditary hemolytic anemia").
      const onlyStop = level > 0 && !this.requiredWords(parts[level]!).length;
      // "Ependymoma, unspecified site" (C71.9) is what "ependymoma" without a site means.
      const siteDefault = onlyStop && UNSPECIFIED_SITE.test(parts[level]!.trim());
      if (onlyStop && !siteDefault && !/\bspecified\b/i.test(parts[level]!)) continue;
      // So is any "specified … NEC" on the path: "Diabetes, specified type NEC, with periodontal
      // disease" (E13.630) is not "diabetes with periodontal disease" (E11.630), nor is
      // "Arteriosclerosis, extremities, bypass graft, specified graft NEC, leg" (I70.70-) the
      // bypass graft of the leg (I70.30-).
      const specifiedAbove = !siteDefault && parts.slice(1).some((p) => /\bspecified\b/i.test(p));
      // And "other" where the subterm names nothing its siblings do not: "Complication, postprocedural, hematoma,
      // nervous system, following other procedure" (G97.62) is not "… following nervous system
      // procedure" (G97.61).
      const otherAbove = stack.some((row, k) => {
        if (k === 0 || !/\bother\b/i.test(parts[k]!)) return false;
        const around = new Set(parts.slice(1, k).flatMap((q) => this.requiredWords(q)));
        for (const sib of childrenOf.get(stack[k - 1]!) ?? [])
          if (sib !== row) for (const w of this.requiredWords(idx.term[sib]!)) around.add(w);
        return this.requiredWords(parts[k]!).every((w) => around.has(w));
      });
      const marks = [
        ...(specifiedAbove ? [matchKey('specified')] : []),
        ...(otherAbove ? [matchKey('other')] : []),
      ];
      const siblings = (k: number): number[] =>
        (childrenOf.get(stack[k - 1]!) ?? []).filter((row) => row !== stack[k]);
      for (const words of this.pathWordVariants(
        mainTerms.heads.get(stack[0]!) ?? [],
        parts,
        siblings,
      ))
        this.add(
          code,
          [...words, ...marks],
          'index',
          level,
          r,
          1,
          mainTerms.family.get(stack[0]!) ?? stack[0]!,
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
      // "Secondary to" is a cause, not a behaviour: see select-documented.ts (namesTheCondition).
      ['metastatic', 'secondary', 'metastasis', 'mets'],
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
      // "specified site NEC" names no site: "malignant" alone is no C76.8.
      if (!this.requiredWords(site).length) continue;
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
    this.baseTerms = this.made.length;
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
   * Required words of an Index path, once per way of writing its main term
   * ({@link mainTermHeads}): "Hyperlipemia, hyperlipidemia" and "Infarct, infarction" are
   * alternatives, each matched on its own; "Fracture, traumatic" is matched with or without
   * "traumatic".
   */
  /**
   * A "see" to an entry that has no code of its own reads through to that entry's subterms:
   * "Herniation, nucleus pulposus — see Displacement, intervertebral disc" is also "herniation
   * nucleus pulposus lumbar region with radiculopathy" (M51.16). Subterms that only say
   * "specified" or "other" are left to the entry itself.
   */
  private addSeeSubtree(
    from: readonly number[],
    target: number,
    childrenOf: ReadonlyMap<number, number[]>,
    mainTerms: { heads: Map<number, MainTermHead[]>; family: Map<number, number> },
  ): void {
    const idx = this.ontology.pack.index;
    const fromParts = from.map((k) => idx.term[k]!);
    // Level by level, as a coder reads the target's subterms: "Lithiasis — see Calculus" reaches
    // "Calculus, kidney" before the dozens of rows under "Calculus, bile duct".
    let level: { row: number; parts: string[] }[] = [{ row: target, parts: fromParts }];
    let budget = MAX_SEE_SUBTREE_ROWS;
    while (level.length && budget > 0) {
      const next: typeof level = [];
      for (const { row, parts } of level)
        for (const child of childrenOf.get(row) ?? []) {
          if (--budget < 0) return;
          const term = idx.term[child]!;
          if (/\b(?:specified|other)\b/i.test(term)) continue;
          const path = [...parts, term];
          this.addSeeRow(from, child, path, mainTerms);
          next.push({ row: child, parts: path });
        }
      level = next;
    }
  }

  /** One row of a "see" target's subtree, read as a subterm of the entry that sent there. */
  private addSeeRow(
    from: readonly number[],
    row: number,
    path: string[],
    mainTerms: { heads: Map<number, MainTermHead[]>; family: Map<number, number> },
  ): void {
    const code = this.ontology.pack.index.code[row]!;
    // A "with" row adds no words of its own but holds the subterms below it.
    if (!code || !this.requiredWords(path.at(-1)!).length) return;
    for (const words of this.pathWordVariants(mainTerms.heads.get(from[0]!) ?? [], path))
      this.add(
        code,
        words,
        'index',
        path.length - 1,
        row,
        1,
        mainTerms.family.get(from[0]!) ?? from[0]!,
      );
  }

  /** `siblings(k)`: the Index rows beside the path's k-th subterm, when the path is a real row's. */
  private pathWordVariants(
    heads: readonly MainTermHead[],
    parts: string[],
    siblings?: (k: number) => readonly number[],
  ): string[][] {
    let rests: string[][] = [[]];
    for (let k = 1; k < parts.length; k++) {
      const p = parts[k]!;
      const read = subtermAlternatives(p).map((a) => this.requiredWords(a));
      // "submandibular duct, gland or region": an item of filler words alone ("gland", "region")
      // names nothing; matched on its own it would make the bare main term that code.
      const named = read.filter((a) => a.length > 0);
      const alternatives = this.withoutSiblingItems(
        named.length ? named : read,
        read.length > 1 && siblings ? siblings(k) : [],
      );
      const next = rests.flatMap((r) => alternatives.map((a) => [...r, ...a]));
      // A path of many listed alternatives keeps its words all required rather than explode.
      rests =
        next.length <= MAX_PATH_VARIANTS
          ? next
          : rests.map((r) => [...r, ...this.requiredWords(p)]);
    }
    const out = new Map<string, string[]>();
    for (const h of heads)
      for (const rest of rests) {
        // The head without its qualifier stands only for a subterm that adds words of its own.
        if (h.unqualified && !rest.length) continue;
        const words = [...h.words, ...rest];
        out.set(words.join(' '), words);
      }
    return [...out.values()];
  }

  /**
   * The ways a note writes each main term, by row. A main term printed with commas lists either
   * word forms of one head ("Disease, diseased", "Fusion, fused") or a qualifier of the head
   * ("Fracture, traumatic", "Wound, open", "Gout, chronic"). A qualifier is needed where it tells
   * apart main terms of one head, except for the head's default entry: where no main term of that
   * head is printed bare, the one that holds most of the head's codes ("Fracture, traumatic", not
   * "Fracture, pathological"; "Wound, open"), or a main term alone under its head with a subtree
   * of its own ("Findings, abnormal"), is what the head alone means, as a coder reads "fracture of
   * humerus" (never for the main term's own code: "Impression, basilar" is not any impression).
   * A main term made only of words the matcher skips ("Disorder") keeps
   * them: "Disorder, dental" is not the word "dental".
   */
  private mainTermHeads(): { heads: Map<number, MainTermHead[]>; family: Map<number, number> } {
    const idx = this.ontology.pack.index;
    const mains: number[] = [];
    const coded = new Map<number, number>();
    let main = -1;
    for (let r = 0; r < idx.term.length; r++) {
      if (idx.level[r] === 0) mains.push((main = r));
      if (idx.code[r] && main >= 0) coded.set(main, (coded.get(main) ?? 0) + 1);
    }
    const parsed = new Map<number, { head: string; forms: string[]; qualifiers: string[] }>();
    const byHead = new Map<string, number[]>();
    for (const r of mains) {
      const parts = idx.term[r]!.split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      const head = parts[0] ?? '';
      const h3 = foldTokens(head).join(' ').slice(0, 3);
      const forms = [head];
      const qualifiers: string[] = [];
      for (const p of parts.slice(1)) {
        const f = foldTokens(p);
        if (f.length === 1 && f[0]!.slice(0, 3) === h3) forms.push(p);
        else qualifiers.push(p);
      }
      const key = foldTokens(head).join(' ');
      parsed.set(r, { head: key, forms, qualifiers });
      let group = byHead.get(key);
      if (!group) byHead.set(key, (group = []));
      group.push(r);
    }
    const heads = new Map<number, MainTermHead[]>();
    const family = new Map<number, number>();
    const wordsOf = (text: string): string[] => {
      const w = this.requiredWords(text);
      return w.length ? w : foldTokens(text.replace(/\([^)]*\)/g, ' ')).map((t) => matchKey(t));
    };
    for (const group of byHead.values()) {
      const qualified = group.filter((r) => parsed.get(r)!.qualifiers.length);
      let defaultRow = -1;
      if (group.length === 1 && (coded.get(group[0]!) ?? 0) >= MIN_SUBTREE_CODES)
        defaultRow = group[0]!;
      else if (qualified.length === group.length) {
        const ranked = [...group].sort((a, b) => (coded.get(b) ?? 0) - (coded.get(a) ?? 0));
        const top = coded.get(ranked[0]!) ?? 0;
        if (top > 0 && top > (coded.get(ranked[1]!) ?? 0)) defaultRow = ranked[0]!;
      }
      for (const r of group) {
        const { forms, qualifiers } = parsed.get(r)!;
        const list: MainTermHead[] = [];
        for (const form of forms) {
          const fw = wordsOf(form);
          if (!qualifiers.length) list.push({ words: fw, unqualified: false });
          else if (r === defaultRow) list.push({ words: fw, unqualified: true });
          for (const q of qualifiers) {
            const qw = this.requiredWords(q);
            if (qw.length) list.push({ words: [...fw, ...qw], unqualified: false });
          }
        }
        heads.set(r, list);
        family.set(r, group[0]!);
      }
    }
    return { heads, family };
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
    if (!ids.size || ids.size > 14) return;
    for (const id of ids) this.df[id]!++;
    this.made.push({ code, required: Int32Array.from(ids), source, depth, row, weight, family });
  }

  /** Files each term under its rarest word (the first of equals), as {@link anchorStart} reads. */
  private fileByAnchor(): void {
    const n = this.made.length;
    const anchors = new Int32Array(n);
    const b = this.base;
    for (let t = 0; t < n; t++) {
      const made = this.made[t];
      anchors[t] =
        made || !b
          ? this.rarest(made!.required, 0, made!.required.length)
          : this.rarest(b.words, t === 0 ? 0 : b.wordsEnd[t - 1]!, b.wordsEnd[t]!);
    }
    const start = new Int32Array(this.vocab.size + 1);
    for (let t = 0; t < n; t++) start[anchors[t]! + 1]!++;
    for (let w = 0; w < this.vocab.size; w++) start[w + 1]! += start[w]!;
    const next = start.slice(0, -1);
    const filed = new Int32Array(n);
    for (let t = 0; t < n; t++) filed[next[anchors[t]!]!++] = t;
    this.anchorStart = start;
    this.anchorTerms = filed;
  }

  /**
   * A listed item that a sibling row names on its own is that row's: "Disorder, stereotyped,
   * habit or movement" (F98.4) does not make "movement disorder" F98.4 beside "Disorder,
   * movement" (G25.9). The subterm as printed (the first reading) is always kept.
   */
  private withoutSiblingItems(readings: string[][], siblings: readonly number[]): string[][] {
    if (!siblings.length) return readings;
    const idx = this.ontology.pack.index;
    const named = new Set(siblings.map((row) => this.requiredWords(idx.term[row]!).join(' ')));
    return readings.filter((words, k) => k === 0 || !named.has(words.join(' ')));
  }

  private rarest(words: Int32Array, from: number, to: number): number {
    let anchor = words[from]!;
    for (let k = from; k < to; k++) if (this.df[words[k]!]! < this.df[anchor]!) anchor = words[k]!;
    return anchor;
  }
}

/** Rows of a "see" target's subtree read through, at most (most targets hold a handful). */
const MAX_SEE_SUBTREE_ROWS = 80;

/** Words that qualify a subterm rather than name an alternative of it. */
const LIST_QUALIFIER =
  /^(?:acute|subacute|chronic|recurrent|left|right|bilateral|upper|lower|mild|moderate|severe|with|without|initial|subsequent)$/i;

/** Index paths spelled out in more than this many ways keep every listed word required. */
const MAX_PATH_VARIANTS = 16;

/**
 * The ways a subterm that lists alternatives reads: "neuritis, radiculitis, radiculopathy or
 * sciatica" is any one of the four, or the list as printed; "intervertebral cartilage or disc"
 * is "intervertebral cartilage" or "intervertebral disc". A list of qualifiers ("acute or
 * subacute") stays whole.
 */
export function subtermAlternatives(subterm: string): string[] {
  const t = subterm.replace(/\s+/g, ' ').trim();
  // "Diverticulitis, large intestine, with abscess, perforation" (K57.20): either complication.
  if (/^(?:abscess|perforation|peritonitis)(?:, (?:abscess|perforation|peritonitis))+$/.test(t))
    return [t, ...t.split(', ')];
  const list =
    /^([\w'-]+(?: [\w'-]+)?(?:, [\w'-]+(?: [\w'-]+)?)+),? or ([\w'-]+(?: [\w'-]+)?)$/.exec(t);
  // The list as printed too: a note (or a coder) may copy the Index's words.
  const pair = /^((?:[\w'-]+ )*)([\w'-]+) or ([\w'-]+)$/.exec(t);
  if (!list && pair && !LIST_QUALIFIER.test(pair[2]!) && !LIST_QUALIFIER.test(pair[3]!))
    return [t, `${pair[1]}${pair[2]}`, `${pair[1]}${pair[3]}`];
  if (!list) return [t];
  const items = [...list[1]!.split(', '), list[2]!];
  // "pneumococcal, acute or subacute" qualifies one thing; it lists no alternatives.
  return items.some((i) => LIST_QUALIFIER.test(i)) ? [t] : [t, ...items];
}
