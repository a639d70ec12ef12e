import {
  NOTE_KINDS,
  PACK_FORMAT,
  PACK_FORMAT_VERSION,
  type CodeRef,
  type NoteKind,
  type PackBlock,
  type PackChapter,
  type PackNote,
  type SevenChrDef,
  type TerminologyPack,
} from './pack-format.js';
import { foldText, toDotless, toDotted } from './fold-text.js';
import { buildSearchIndexParts, finishSteps, SearchIndex, type SearchHit, type SearchIndexParts, type SearchOptions } from './search-index.js';
import { findAbbreviations } from '../text/abbreviations.js';

/** A node of the hierarchy above a code: chapter, block, category, subcategory. */
export interface HierarchyNode {
  /** Dotted code ("E11.2"), block id ("E08-E13") or chapter id ("4"). */
  code: string;
  kind: 'chapter' | 'block' | 'code';
  title: string;
}

/** A note as it applies to a code: declared on the code itself or inherited from above. */
export interface AppliedNote extends PackNote {
  /** Where it is declared: dotted code, block id or "chapter N". */
  from: string;
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

/** One row of the Alphabetic Index, with its full path. */
export interface IndexEntry {
  row: number;
  level: number;
  /** "Diabetes, diabetic, type 2, with, chronic kidney disease" */
  path: string;
  term: string;
  nemod: string;
  /** Dotless code; "" when the row has none; may end in "-" (incomplete). */
  code: string;
  see: string;
  seeAlso: string;
}

export class OntologyError extends Error {
  override name = 'OntologyError';
  constructor(
    readonly code: 'pack-format' | 'pack-version' | 'pack-corrupt',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The queryable ICD-10-CM classification of one terminology pack.
 *
 * @example
 * const onto = loadOntology(pack);
 * onto.lookup('E11.22')?.title; // "Type 2 diabetes mellitus with diabetic chronic kidney disease"
 * onto.search('diabtes ckd', {limit: 5});
 */
export class Ontology {
  readonly version: string;
  /** "ICD-10-CM 2025-april" */
  readonly label: string;
  readonly pack: TerminologyPack;
  private readonly byCode = new Map<string, number>();
  private readonly parentOf: Int32Array;
  private readonly childrenOf = new Map<number, number[]>();
  private readonly blockOfCategory = new Map<string, PackBlock>();
  private readonly chapterById = new Map<string, PackChapter>();
  private searchIndex?: SearchIndex;
  /** Builds in progress under {@link Ontology.warmUp}; a caller that needs one finishes it. */
  private searchBuild?: Generator<void, SearchIndexParts, void>;
  private pathMapBuild?: Generator<void, Map<string, number>, void>;
  private indexPaths?: string[];
  private indexPathMap?: Map<string, number>;

  constructor(pack: TerminologyPack) {
    validatePack(pack);
    this.pack = pack;
    this.version = pack.manifest.version;
    this.label = `${pack.manifest.classification} ${pack.manifest.version}`;
    const codes = pack.codes;
    for (let i = 0; i < codes.length; i++) this.byCode.set(codes[i]!, i);
    this.parentOf = new Int32Array(codes.length).fill(-1);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      if (c.length <= 3) continue;
      // Longest proper prefix that is a code; placeholder X's are skipped (S020XXA → S020).
      for (let len = c.length - 1; len >= 3; len--) {
        const prefix = c.slice(0, len);
        if (len < c.length - 1 && /X$/.test(prefix) && !this.byCode.has(prefix)) continue;
        const p = this.byCode.get(prefix);
        if (p !== undefined) {
          this.parentOf[i] = p;
          let kids = this.childrenOf.get(p);
          if (!kids) this.childrenOf.set(p, (kids = []));
          kids.push(i);
          break;
        }
      }
    }
    for (const ch of pack.chapters) this.chapterById.set(ch.id, ch);
    for (const c of codes) {
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
    for (const p of chain) parents.push({ code: toDotted(this.pack.codes[p]!), kind: 'code', title: this.pack.titles[p]! });

    const notes: Partial<Record<NoteKind, AppliedNote[]>> = {};
    const addFrom = (from: string, declared: Partial<Record<NoteKind, PackNote[]>> | undefined): void => {
      if (!declared) return;
      for (const kind of NOTE_KINDS) {
        for (const note of declared[kind] ?? []) (notes[kind] ??= []).push({ ...note, from });
      }
    };
    addFrom(dotted(dotless), this.pack.notes[dotless]);
    for (let k = chain.length - 1; k >= 0; k--) {
      const c = this.pack.codes[chain[k]!]!;
      addFrom(toDotted(c), this.pack.notes[c]);
    }
    if (block) addFrom(block.id, block.notes);
    if (chapter) addFrom(`chapter ${chapter.id}`, chapter.notes);

    let seventhCharacter: CodeInfo['seventhCharacter'];
    for (const c of [dotless, ...chain.map((p) => this.pack.codes[p]!).reverse()]) {
      const def = this.pack.sevenChr[c];
      if (def) {
        seventhCharacter = { ...def, from: toDotted(c) };
        break;
      }
    }
    // A 7-character code carries the definition of the code it extends.
    if (!seventhCharacter && dotless.length === 7) {
      for (let len = 6; len >= 3 && !seventhCharacter; len--) {
        const c = dotless.slice(0, len).replace(/X+$/, '');
        const def = this.pack.sevenChr[c];
        if (def) seventhCharacter = { ...def, from: toDotted(c) };
      }
    }
    let notesFy: number | null = this.pack.noteFy[dotless] ?? null;
    if (notesFy === null) {
      for (const p of [...chain].reverse()) {
        const fy = this.pack.noteFy[this.pack.codes[p]!];
        if (fy !== undefined) {
          notesFy = fy;
          break;
        }
      }
    }
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
        for (let k = i; k >= 0; k = this.parentOf[k]!) collect(this.pack.notes[this.pack.codes[k]!]);
        const block = this.blockOf(dotless);
        collect(block?.notes);
        if (block) collect(this.chapterById.get(block.chapter)?.notes);
      }
      if (this.refCache.size > 50_000) this.refCache.clear();
      this.refCache.set(key, refs);
    }
    return refs;
  }

  /** Full paths of all Alphabetic Index rows ("Pain, abdominal"), computed once. */
  indexPathsList(): string[] {
    if (!this.indexPaths) {
      const { level, term } = this.pack.index;
      const stack: string[] = [];
      this.indexPaths = term.map((t, i) => {
        stack.length = level[i]!;
        stack.push(t);
        return stack.join(', ');
      });
    }
    return this.indexPaths;
  }

  /** Folded Index path → first row with it (built once, in steps under {@link Ontology.warmUp}). */
  private pathMap(): Map<string, number> {
    this.indexPathMap ??= finishSteps(this.pathMapBuild ?? buildIndexPathMap(this.indexPathsList()));
    this.pathMapBuild = undefined;
    return this.indexPathMap;
  }

  /** The Index row a "see" / "see also" reference points at, if it resolves. */
  resolveIndexReference(reference: string, options: { partial?: boolean } = {}): number | undefined {
    const ref = reference.replace(/\b(?:see also|see)\b/gi, '').trim();
    const exact = this.pathMap().get(foldText(ref));
    if (exact !== undefined) return exact;
    // "Infarct, myocardium" names the main term printed "Infarct, infarction": walk the tree,
    // matching each part of the reference against the start of a term at the next level.
    const parts = ref.split(',').map((p) => foldText(p)).filter(Boolean);
    const { mainByWord, subtreeEnd, folded } = this.indexTree();
    const startsWord = (term: string, part: string): boolean => term === part || term.startsWith(part + ' ');
    let best: number | undefined;
    for (const r of mainByWord.get((parts[0] ?? '').split(' ')[0] ?? '') ?? []) {
      if (!startsWord(folded[r]!, parts[0]!)) continue;
      let at = r;
      let k = 1;
      // Parts already spelled out by a multi-word main term ("Disease, diseased").
      while (k < parts.length && folded[r]!.split(' ').includes(parts[k]!)) k++;
      for (; k < parts.length; k++) {
        let found = -1;
        for (let c = at + 1; c < subtreeEnd[at]!; c = subtreeEnd[c]!) {
          if (startsWord(folded[c]!, parts[k]!)) {
            found = c;
            break;
          }
        }
        if (found < 0) break;
        at = found;
      }
      if (k === parts.length) return at;
      if (best === undefined || at !== r) best = at;
    }
    return options.partial ? best : undefined;
  }

  private tree?: { mainByWord: Map<string, number[]>; subtreeEnd: Int32Array; folded: string[] };

  /** Navigation aids over the Index rows: main terms by first word, subtree extents, folded terms. */
  private indexTree(): { mainByWord: Map<string, number[]>; subtreeEnd: Int32Array; folded: string[] } {
    if (this.tree) return this.tree;
    const { level, term } = this.pack.index;
    const n = term.length;
    const folded = term.map((t) => foldText(t));
    const subtreeEnd = new Int32Array(n);
    const open: number[] = [];
    for (let r = 0; r < n; r++) {
      while (open.length && level[open.at(-1)!]! >= level[r]!) subtreeEnd[open.pop()!] = r;
      open.push(r);
    }
    for (const r of open) subtreeEnd[r] = n;
    const mainByWord = new Map<string, number[]>();
    for (let r = 0; r < n; r++) {
      if (level[r] !== 0) continue;
      const w = folded[r]!.split(' ')[0] ?? '';
      let l = mainByWord.get(w);
      if (!l) mainByWord.set(w, (l = []));
      l.push(r);
    }
    this.tree = { mainByWord, subtreeEnd, folded };
    return this.tree;
  }

  indexEntry(row: number): IndexEntry | undefined {
    const idx = this.pack.index;
    if (row < 0 || row >= idx.term.length) return undefined;
    return {
      row,
      level: idx.level[row]!,
      path: this.indexPathsList()[row]!,
      term: idx.term[row]!,
      nemod: idx.nemod[row]!,
      code: idx.code[row]!,
      see: idx.see[row]!,
      seeAlso: idx.seeAlso[row]!,
    };
  }

  /**
   * Search-as-you-type over codes, titles, inclusion terms and Index paths: ranked, tolerant
   * of prefixes ("diab") and one-letter typos ("diabtes"). The index is built on first use.
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const index = this.warmSearch();
    const hits = index.search(expandQueryAbbreviations(query), options);
    return hits.length ? hits : index.search(query, options);
  }

  /** Builds the search index now, or finishes a build {@link Ontology.warmUp} started. */
  warmSearch(): SearchIndex {
    this.searchIndex ??= new SearchIndex(this, undefined, finishSteps(this.searchBuild ?? buildSearchIndexParts(this)));
    this.searchBuild = undefined;
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
  async warmUp(yieldToHost: () => Promise<void>, options: { sliceMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    const sliceMs = options.sliceMs ?? 8;
    let sliceStart = performance.now();
    const pause = async (): Promise<boolean> => {
      if (performance.now() - sliceStart < sliceMs) return !options.signal?.aborted;
      await yieldToHost();
      sliceStart = performance.now();
      return !options.signal?.aborted;
    };
    /** Steps `steps` to its end unless `finished` (a caller completed it meanwhile); false when aborted. */
    const drive = async <T>(steps: Generator<void, T, void>, finished: () => boolean, finish: (value: T) => void): Promise<boolean> => {
      while (!finished()) {
        const next = steps.next();
        if (next.done) {
          finish(next.value);
          return true;
        }
        if (!(await pause())) return false;
      }
      return true;
    };
    if (!this.indexPathMap) {
      const steps = (this.pathMapBuild ??= buildIndexPathMap(this.indexPathsList()));
      const done = await drive(steps, () => this.indexPathMap !== undefined || !this.pathMapBuild, (map) => {
        this.indexPathMap = map;
        this.pathMapBuild = undefined;
      });
      if (!done) return;
    }
    if (!this.searchIndex) {
      const steps = (this.searchBuild ??= buildSearchIndexParts(this));
      await drive(steps, () => this.searchIndex !== undefined || !this.searchBuild, (parts) => {
        this.searchIndex = new SearchIndex(this, undefined, parts);
        this.searchBuild = undefined;
      });
    }
  }
}

/** "dm2 w ckd 3b" → "type 2 diabetes mellitus w chronic kidney disease stage 3b". */
export function expandQueryAbbreviations(query: string): string {
  const found = findAbbreviations(query).filter((a) => a.kind !== 'context');
  if (!found.length) return query;
  let out = '';
  let at = 0;
  for (const a of found) {
    if (a.start < at) continue;
    out += query.slice(at, a.start) + a.expansion;
    at = a.end;
  }
  return out + query.slice(at);
}

function dotted(code: string): string {
  return toDotted(code);
}

function validatePack(pack: TerminologyPack): void {
  if (!pack || typeof pack !== 'object' || !pack.manifest) {
    throw new OntologyError('pack-format', `Expected a terminology pack object with a manifest, got ${pack === null ? 'null' : typeof pack}.`);
  }
  if (pack.manifest.format !== PACK_FORMAT) {
    throw new OntologyError('pack-format', `Expected pack format "${PACK_FORMAT}", got ${JSON.stringify(pack.manifest.format)}.`);
  }
  if (pack.manifest.formatVersion !== PACK_FORMAT_VERSION) {
    throw new OntologyError(
      'pack-version',
      `Unsupported pack format version ${pack.manifest.formatVersion}. Expected ${PACK_FORMAT_VERSION}; rebuild the pack with this version of Marginalia.`,
    );
  }
  const n = pack.codes?.length ?? 0;
  if (!n || pack.titles?.length !== n || pack.billable?.length !== n) {
    throw new OntologyError(
      'pack-corrupt',
      `Pack ${pack.manifest.version} is corrupt: expected ${n} titles and billable flags for ${n} codes, got ${pack.titles?.length ?? 0} and ${pack.billable?.length ?? 0}.`,
    );
  }
  const idx = pack.index;
  if (!idx || idx.term.length !== idx.level.length || idx.term.length !== idx.code.length) {
    throw new OntologyError('pack-corrupt', `Pack ${pack.manifest.version} is corrupt: the Index columns have different lengths.`);
  }
}

/** Builds the queryable ontology from a parsed pack; throws {@link OntologyError} on a bad pack. */
export function loadOntology(pack: TerminologyPack): Ontology {
  return new Ontology(pack);
}

/** Folded Index path → its first row, in steps of a few thousand rows. */
function* buildIndexPathMap(paths: readonly string[]): Generator<void, Map<string, number>, void> {
  const map = new Map<string, number>();
  for (let i = 0; i < paths.length; i++) {
    const key = foldText(paths[i]!);
    if (!map.has(key)) map.set(key, i);
    if (i % 5_000 === 4_999) yield;
  }
  return map;
}
