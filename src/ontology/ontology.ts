import {
  type CodeRef,
  type NoteKind,
  type PackBlock,
  type PackChapter,
  type PackNote,
  type SevenChrDef,
  type TerminologyPack,
} from './pack-format.js';
import { AlphabeticIndex, type IndexEntry } from './alphabetic-index.js';
import {
  collectAppliedNotes,
  findNotesFy,
  findSeventhCharacter,
  type AppliedNote,
} from './code-notes.js';
import { foldTokens, toDotless, toDotted } from './fold-text.js';
import {
  buildSearchIndexParts,
  SearchIndex,
  type SearchHit,
  type SearchOptions,
} from './search-index.js';
import { StepwiseBuild } from './stepwise-build.js';
import { validatePack } from './validate-pack.js';
import { expandQueryAbbreviations } from '../text/expand-query-abbreviations.js';
import { rewriteLayWording } from '../text/lay-terms.js';
import { SEARCH_STOP_WORDS } from '../text/function-words.js';

export type { IndexEntry } from './alphabetic-index.js';
export type { AppliedNote } from './code-notes.js';
export { OntologyError } from './validate-pack.js';

/** A node of the hierarchy above a code: chapter, block, category, subcategory. */
export interface HierarchyNode {
  /** Dotted code ("E11.2"), block id ("E08-E13") or chapter id ("4"). */
  code: string;
  kind: 'chapter' | 'block' | 'code';
  title: string;
}

export interface CodeInfo {
  /** Dotted code, e.g. "E11.22". */
  code: string;
  title: string;
  billable: boolean;
  /** From the chapter down to the immediate parent. */
  parents: HierarchyNode[];
  /** Notes declared on the code and inherited from its parents (the Tabular convention). */
  notes: Partial<Record<NoteKind, AppliedNote[]>>;
  /** The 7th-character definition that applies, if any. */
  seventhCharacter?: SevenChrDef & { from: string };
  /** Fiscal year of the Tabular the notes come from; null when no Tabular in the pack has the code. */
  notesFy: number | null;
  /** Dotted codes one level below. */
  children: string[];
}

/**
 * The queryable ICD-10-CM classification of one terminology pack.
 *
 * @example
 * const onto = loadOntology(pack);
 * onto.lookup('E11.22')?.title; // "Type 2 diabetes mellitus with diabetic chronic kidney disease"
 * onto.search('diabtes ckd', {limit: 5});
 */
class Ontology {
  readonly version: string;
  /** "ICD-10-CM 2025-april" */
  readonly label: string;
  readonly pack: TerminologyPack;
  private readonly byCode = new Map<string, number>();
  private readonly parentOf: Int32Array;
  private readonly childrenOf = new Map<number, number[]>();
  private readonly blockOfCategory = new Map<string, PackBlock>();
  private readonly chapterById = new Map<string, PackChapter>();
  /** The Alphabetic Index: paths, rows, "see" references. */
  readonly alphabeticIndex: AlphabeticIndex;
  /** Built on first search, or in slices under {@link Ontology.warmUp}. */
  private readonly searchBuild = new StepwiseBuild(() =>
    buildSearchIndexParts(this.pack, this.alphabeticIndex),
  );
  private searchIndex?: SearchIndex;

  /** Use {@link loadOntology}, which validates the pack first. */
  constructor(pack: TerminologyPack) {
    this.pack = pack;
    this.alphabeticIndex = new AlphabeticIndex(pack.index);
    this.version = pack.manifest.version;
    this.label = `${pack.manifest.classification} ${pack.manifest.version}`;
    pack.codes.forEach((c, i) => this.byCode.set(c, i));
    this.parentOf = linkParents(pack.codes, this.byCode, this.childrenOf);
    for (const ch of pack.chapters) this.chapterById.set(ch.id, ch);
    for (const c of pack.codes) {
      if (c.length !== 3) continue;
      const block = pack.blocks.find((b) => c >= b.first && c <= b.last);
      if (block) this.blockOfCategory.set(c, block);
    }
  }

  /** Number of codes (headers and billable). */
  get size(): number {
    return this.pack.codes.length;
  }

  has(code: string): boolean {
    return this.byCode.has(toDotless(code));
  }

  title(code: string): string | undefined {
    const i = this.byCode.get(toDotless(code));
    return i === undefined ? undefined : this.pack.titles[i];
  }

  isBillable(code: string): boolean {
    const i = this.byCode.get(toDotless(code));
    return i !== undefined && this.pack.billable[i] === '1';
  }

  /** Dotted parent code, or undefined for a category (whose parent is a block). */
  parent(code: string): string | undefined {
    const i = this.byCode.get(toDotless(code));
    if (i === undefined) return undefined;
    const p = this.parentOf[i]!;
    return p < 0 ? undefined : toDotted(this.pack.codes[p]!);
  }

  /** Dotted codes one level below `code`, in tabular order. */
  children(code: string): string[] {
    const i = this.byCode.get(toDotless(code));
    if (i === undefined) return [];
    return (this.childrenOf.get(i) ?? []).map((k) => toDotted(this.pack.codes[k]!));
  }

  /** Every billable code under `code` (itself included when billable). */
  billableDescendants(code: string): string[] {
    const i = this.byCode.get(toDotless(code));
    if (i === undefined) return [];
    const out: string[] = [];
    const walk = (k: number): void => {
      if (this.pack.billable[k] === '1') out.push(toDotted(this.pack.codes[k]!));
      for (const c of this.childrenOf.get(k) ?? []) walk(c);
    };
    walk(i);
    return out;
  }

  blockOf(code: string): PackBlock | undefined {
    return this.blockOfCategory.get(toDotless(code).slice(0, 3));
  }

  chapterOf(code: string): PackChapter | undefined {
    const block = this.blockOf(code);
    return block ? this.chapterById.get(block.chapter) : undefined;
  }

  /** Full record of a code, or undefined when the release does not have it. */
  lookup(code: string): CodeInfo | undefined {
    const dotless = toDotless(code);
    const i = this.byCode.get(dotless);
    if (i === undefined) return undefined;
    const chain: number[] = [];
    for (let p = this.parentOf[i]!; p >= 0; p = this.parentOf[p]!) chain.unshift(p);
    const block = this.blockOf(dotless);
    const chapter = block ? this.chapterById.get(block.chapter) : undefined;
    const parents: HierarchyNode[] = [];
    if (chapter) parents.push({ code: chapter.id, kind: 'chapter', title: chapter.title });
    if (block) parents.push({ code: block.id, kind: 'block', title: block.title });
    for (const p of chain)
      parents.push({
        code: toDotted(this.pack.codes[p]!),
        kind: 'code',
        title: this.pack.titles[p]!,
      });

    const ancestors = chain.map((p) => this.pack.codes[p]!).reverse();
    const notes = collectAppliedNotes([
      { from: toDotted(dotless), notes: this.pack.notes[dotless] },
      ...ancestors.map((c) => ({ from: toDotted(c), notes: this.pack.notes[c] })),
      ...(block ? [{ from: block.id, notes: block.notes }] : []),
      ...(chapter ? [{ from: `chapter ${chapter.id}`, notes: chapter.notes }] : []),
    ]);
    const seventhCharacter = findSeventhCharacter(this.pack, dotless, ancestors);
    const notesFy = findNotesFy(this.pack, dotless, ancestors);
    return {
      code: toDotted(dotless),
      title: this.pack.titles[i]!,
      billable: this.pack.billable[i] === '1',
      parents,
      notes,
      ...(seventhCharacter ? { seventhCharacter } : {}),
      notesFy,
      children: this.children(dotless),
    };
  }

  private readonly refCache = new Map<string, CodeRef[]>();

  /**
   * The code references of one kind of note that apply to a code, declared on it or
   * inherited (Excludes1 of the category applies to its codes). Cached: rules ask for the
   * same codes' references again and again, and {@link lookup} copies every note.
   */
  noteRefs(code: string, kind: NoteKind): readonly CodeRef[] {
    const dotless = toDotless(code);
    const key = `${kind}\t${dotless}`;
    let refs = this.refCache.get(key);
    if (refs === undefined) {
      refs = [];
      const i = this.byCode.get(dotless);
      if (i !== undefined) {
        const collect = (declared: Partial<Record<NoteKind, PackNote[]>> | undefined): void => {
          for (const n of declared?.[kind] ?? []) if (n.refs) refs!.push(...n.refs);
        };
        for (let k = i; k >= 0; k = this.parentOf[k]!)
          collect(this.pack.notes[this.pack.codes[k]!]);
        const block = this.blockOf(dotless);
        collect(block?.notes);
        if (block) collect(this.chapterById.get(block.chapter)?.notes);
      }
      if (this.refCache.size > 50_000) this.refCache.clear();
      this.refCache.set(key, refs);
    }
    return refs;
  }

  /** Full paths of all Alphabetic Index rows ("Pain, abdominal"). */
  indexPathsList(): string[] {
    return this.alphabeticIndex.pathList();
  }

  /** The Index row a "see" / "see also" reference points at, if it resolves. */
  resolveIndexReference(
    reference: string,
    options: { partial?: boolean } = {},
  ): number | undefined {
    return this.alphabeticIndex.resolveReference(reference, options);
  }

  indexEntry(row: number): IndexEntry | undefined {
    return this.alphabeticIndex.entry(row);
  }

  /**
   * Search-as-you-type over codes, titles, inclusion terms and Index paths: ranked, tolerant
   * of prefixes ("diab") and one-letter typos ("diabtes"). The index is built on first use.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const index = this.warmSearch();
    const spelt = expandQueryAbbreviations(query);
    const worded = this.wordingOf(query, spelt);
    const asTyped = index.search(spelt, options);
    const orRaw = (): SearchHit[] =>
      asTyped.length || spelt === query ? asTyped : index.search(query, options);
    // Lay wording the classification itself has ("heart attack", "hives") is searched as typed.
    if (worded === spelt || (asTyped[0] && saysEveryWord(asTyped[0].matched, spelt)))
      return orRaw();
    const hits = index.search(worded, options);
    return hits.length ? hits : orRaw();
  }

  /**
   * The query in the classification's own words: lay phrases in clinical wording ("throwing up" →
   * "vomiting"; "stomach flu" before the abbreviation "flu"), abbreviations spelt out ("dm2"),
   * misspelt words corrected ("bronkitis" → "bronchitis"); what the semantic search embeds.
   */
  searchWording(query: string): string {
    return this.wordingOf(query, expandQueryAbbreviations(query));
  }

  /** {@link searchWording}, given the query with its abbreviations already spelt out. */
  private wordingOf(query: string, spelt: string): string {
    const lay = rewriteLayWording(query);
    const clinical = lay === undefined ? spelt : expandQueryAbbreviations(lay);
    return this.warmSearch().correctSpelling(clinical) ?? clinical;
  }

  /** Builds the search index now, or finishes a build {@link Ontology.warmUp} started. */
  warmSearch(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this.pack, this.searchBuild.get());
    return this.searchIndex;
  }

  /**
   * Builds what resolving Index references and searching build on first use (~1 s of work) in
   * slices of about `sliceMs`, awaiting `yieldToHost` between slices, so that a coding request
   * on the same thread waits one slice at most instead of the whole build. A search or a
   * reference resolved meanwhile finishes the build at once. Stops early when `signal` aborts.
   *
   * @example
   * await ontology.warmUp(() => new Promise((resolve) => setTimeout(resolve, 0)));
   */
  async warmUp(
    yieldToHost: () => Promise<void>,
    options: { sliceMs?: number; signal?: AbortSignal } = {},
  ): Promise<void> {
    const sliceMs = options.sliceMs ?? 8;
    let sliceStart = performance.now();
    for (const build of [this.alphabeticIndex.pathMapBuild, this.searchBuild]) {
      while (!build.step()) {
        if (performance.now() - sliceStart >= sliceMs) {
          await yieldToHost();
          sliceStart = performance.now();
        }
        if (options.signal?.aborted) return;
      }
    }
  }
}

export type { Ontology };

/** Builds the queryable ontology from a parsed pack; throws {@link OntologyError} on a bad pack. */
export function loadOntology(pack: TerminologyPack): Ontology {
  validatePack(pack);
  return new Ontology(pack);
}

/**
 * Each code's parent: the longest proper prefix that is a code; placeholder X's are skipped
 * (S020XXA → S020). Fills `childrenOf` in tabular order; -1 for a category.
 */
function linkParents(
  codes: readonly string[],
  byCode: ReadonlyMap<string, number>,
  childrenOf: Map<number, number[]>,
): Int32Array {
  const parentOf = new Int32Array(codes.length).fill(-1);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    for (let len = c.length - 1; len >= 3; len--) {
      const prefix = c.slice(0, len);
      if (len < c.length - 1 && /X$/.test(prefix) && !byCode.has(prefix)) continue;
      const p = byCode.get(prefix);
      if (p === undefined) continue;
      parentOf[i] = p;
      let kids = childrenOf.get(p);
      if (!kids) childrenOf.set(p, (kids = []));
      kids.push(i);
      break;
    }
  }
  return parentOf;
}

/** Whether `matched` (a title, inclusion term or Index path) has every word of `query`. */
function saysEveryWord(matched: string, query: string): boolean {
  const words = new Set(foldTokens(matched));
  return foldTokens(query).every((w) => SEARCH_STOP_WORDS.has(w) || words.has(w));
}
