/**
 * Navigation of the Alphabetic Index of one terminology pack: full row paths ("Pain,
 * abdominal"), rows as records, and "see" / "see also" references resolved to the row they
 * point at. Used by the Ontology (lookup) and the search index (Index paths as documents).
 */
import { foldText } from './fold-text.js';
import type { PackIndex } from './pack-format.js';
import { StepwiseBuild } from './stepwise-build.js';

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

/** Navigation aids over the rows: main terms by first word, subtree extents. */
interface IndexTree {
  mainByWord: Map<string, number[]>;
  subtreeEnd: Int32Array;
}

export class AlphabeticIndex {
  private paths?: string[];
  private tree?: IndexTree;
  /** References resolved by walking the tree (see {@link firstRowWithPath}). */
  private walks = 0;
  /** Folded terms by row, folded when first asked for. */
  private readonly foldedTerms: (string | undefined)[] = [];
  /** Folded path → first row with it; built in steps under `Ontology.warmUp`. */
  readonly pathMapBuild = new StepwiseBuild(() => buildIndexPathMap(this.index));

  constructor(private readonly index: PackIndex) {}

  /** Full paths of all rows ("Pain, abdominal"), computed once. */
  pathList(): string[] {
    if (!this.paths) {
      const { level, term } = this.index;
      const stack: string[] = [];
      this.paths = term.map((t, i) => {
        stack.length = level[i]!;
        stack.push(t);
        return stack.join(', ');
      });
    }
    return this.paths;
  }

  entry(row: number): IndexEntry | undefined {
    const idx = this.index;
    if (row < 0 || row >= idx.term.length) return undefined;
    return {
      row,
      level: idx.level[row]!,
      path: this.pathList()[row]!,
      term: idx.term[row]!,
      nemod: idx.nemod[row]!,
      code: idx.code[row]!,
      see: idx.see[row]!,
      seeAlso: idx.seeAlso[row]!,
    };
  }

  /**
   * The row a "see" / "see also" reference points at, if it resolves; with `partial`, the
   * deepest row reached when the whole reference does not.
   */
  resolveReference(reference: string, options: { partial?: boolean } = {}): number | undefined {
    const ref = reference.replace(/\b(?:see also|see)\b/gi, '').trim();
    const exact = this.firstRowWithPath(foldText(ref));
    if (exact !== undefined) return exact;
    // "Infarct, myocardium" names the main term printed "Infarct, infarction": walk the tree,
    // matching each part of the reference against the start of a term at the next level.
    const parts = ref
      .split(',')
      .map((p) => foldText(p))
      .filter(Boolean);
    const { mainByWord } = this.indexTree();
    let best: number | undefined;
    for (const r of mainByWord.get((parts[0] ?? '').split(' ')[0] ?? '') ?? []) {
      if (!startsWord(this.folded(r), parts[0]!)) continue;
      const { row, matchedAll } = this.walkParts(r, parts);
      if (matchedAll) return row;
      if (best === undefined || row !== r) best = row;
    }
    return options.partial ? best : undefined;
  }

  /** From main-term row `r`, follows `parts[1..]` down the tree as far as they match. */
  private walkParts(r: number, parts: readonly string[]): { row: number; matchedAll: boolean } {
    const { subtreeEnd } = this.indexTree();
    let at = r;
    let k = 1;
    // Parts already spelled out by a multi-word main term ("Disease, diseased").
    while (k < parts.length && this.folded(r).split(' ').includes(parts[k]!)) k++;
    for (; k < parts.length; k++) {
      let found = -1;
      for (let c = at + 1; c < subtreeEnd[at]!; c = subtreeEnd[c]!) {
        if (startsWord(this.folded(c), parts[k]!)) {
          found = c;
          break;
        }
      }
      if (found < 0) break;
      at = found;
    }
    return { row: at, matchedAll: k === parts.length };
  }

  /**
   * The first row whose folded path is `key`: from the path map, or, for the first few
   * references while the map is not built (a coder's first note resolves a dozen; the map costs
   * as much as a few hundred walks), by a walk that enters a subtree only while its path starts
   * `key` (a row's path extends its parent's), so only main terms and the rows on the way are folded.
   */
  private firstRowWithPath(key: string): number | undefined {
    const built = this.pathMapBuild.peek();
    if (built || ++this.walks > MAX_WALKS) return (built ?? this.pathMapBuild.get()).get(key);
    const { subtreeEnd } = this.indexTree();
    const visit = (from: number, to: number, above: string): number | undefined => {
      for (let r = from; r < to; r = subtreeEnd[r]!) {
        const f = this.folded(r);
        const path = f && above ? `${above} ${f}` : f || above;
        if (path === key) return r;
        if (path && !key.startsWith(path + ' ')) continue;
        const below = visit(r + 1, subtreeEnd[r]!, path);
        if (below !== undefined) return below;
      }
      return undefined;
    };
    return visit(0, this.index.term.length, '');
  }

  private folded(row: number): string {
    return (this.foldedTerms[row] ??= foldText(this.index.term[row]!));
  }

  private indexTree(): IndexTree {
    this.tree ??= buildIndexTree(this.index, (r) => this.folded(r));
    return this.tree;
  }
}

/** References resolved by walking the tree before the path map is built instead. */
const MAX_WALKS = 64;

function startsWord(term: string, part: string): boolean {
  return term === part || term.startsWith(part + ' ');
}

function buildIndexTree({ level, term }: PackIndex, folded: (row: number) => string): IndexTree {
  const n = term.length;
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
    const w = folded(r).split(' ')[0] ?? '';
    let l = mainByWord.get(w);
    if (!l) mainByWord.set(w, (l = []));
    l.push(r);
  }
  return { mainByWord, subtreeEnd };
}

/**
 * Folded Index path → its first row, in steps of a few thousand rows. A path's folded form is
 * its terms' folded forms joined by spaces (the ", " between terms folds to one space, and an
 * empty folded term adds nothing), so each term is folded once, not once per path it ends.
 */
function* buildIndexPathMap({
  level,
  term,
}: PackIndex): Generator<void, Map<string, number>, void> {
  const map = new Map<string, number>();
  const stack: string[] = [];
  for (let i = 0; i < term.length; i++) {
    stack.length = level[i]!;
    stack.push(foldText(term[i]!));
    const key = stack.filter(Boolean).join(' ');
    if (!map.has(key)) map.set(key, i);
    if (i % 5_000 === 4_999) yield;
  }
  return map;
}
