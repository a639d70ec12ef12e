/**
 * The coding model's context scorer: what the words around a candidate's mention say about
 * whether the annotators code it, and how specifically. Each candidate becomes a set of hashed
 * features (the words of its sentence near the mention, alone and by the code's chapter, the
 * words just before and after it, the section, the assertion, the code's depth and whether a
 * more or less specific code of the same category is also a candidate, how much of the code's
 * title the sentence says); their weights are
 * fitted with the fusion on CodiEsp train (build/fit-linker-fusion.ts) and stored in
 * models/linker.json (`fusion.context`). The score is a log-odds term added to the fusion's.
 */
import type { Assertion } from './coding-types.js';
import { sectionAt, sentenceIndexAt, type RuleDocument } from './rule-text.js';
import { tokenize, type Token } from '../text/tokenize.js';
import { foldText } from '../ontology/fold-text.js';
import { TITLE_FILLER } from '../text/function-words.js';

/** The fitted weights: one per hashed feature bucket. */
export interface ContextWeights {
  buckets: number;
  weights: number[];
}

/** One candidate as the context scorer sees it. */
export interface ContextCandidate {
  /** Dotless code. */
  code: string;
  title: string;
  assertion: Assertion;
  evidence: readonly { start: number; end: number }[];
  retrieved: boolean;
}

/** What the scorer reads of one note, computed once per note. */
export interface NoteContext {
  doc: RuleDocument;
  words: readonly Token[];
  /** Every candidate code of the note (dotless). */
  codes: ReadonlySet<string>;
}

/** Words either side of the mention that count as its context. */
const WINDOW = 10;

export function noteContext(doc: RuleDocument, codes: Iterable<string>): NoteContext {
  return {
    doc,
    words: tokenize(doc.text).filter((t) => t.kind === 'word'),
    codes: new Set(codes),
  };
}

/** The hashed feature buckets of a candidate (distinct, ascending). */
export function contextFeatureIds(
  note: NoteContext,
  c: ContextCandidate,
  buckets: number,
): number[] {
  const ids = new Set<number>();
  for (const name of contextFeatureNames(note, c)) ids.add(hashFeature(name) % buckets);
  return [...ids].sort((a, b) => a - b);
}

/** The scorer's log-odds term: the sum of the candidate's bucket weights. */
export function contextLogit(weights: ContextWeights, ids: readonly number[]): number {
  let s = 0;
  for (const i of ids) s += weights.weights[i] ?? 0;
  return s;
}

/**
 * The share of the code title's content words that occur in the mention's window (the mention
 * included): how much of what the code says the sentence says.
 */
function titleContextOverlap(note: NoteContext, c: ContextCandidate): number {
  const title = foldText(c.title.replace(/,? (?:initial|subsequent) encounter.*$/i, ''))
    .split(' ')
    .filter((w) => w.length > 2 && !TITLE_FILLER.has(w));
  if (!title.length) return 0;
  const nearby = new Set(mentionWindow(note, c).all.map((t) => foldText(t.text)));
  return title.filter((w) => nearby.has(w)).length / title.length;
}

function contextFeatureNames(note: NoteContext, c: ContextCandidate): string[] {
  const chapter = c.code.charAt(0);
  const { before, inside, after } = mentionWindow(note, c);
  const out: string[] = [];
  for (const t of [...before, ...after]) out.push(`w|${t.text}`, `wc|${chapter}|${t.text}`);
  const prev = before.at(-1)?.text ?? '<s>';
  const prev2 = before.at(-2)?.text ?? '<s>';
  out.push(`pre|${prev}`, `pre2|${prev2} ${prev}`, `post|${after[0]?.text ?? '</s>'}`);
  out.push(`prec|${chapter}|${prev}`);
  const section = c.evidence.length
    ? (sectionAt(note.doc, c.evidence[0]!.start) ?? 'none')
    : 'none';
  out.push(`sec|${section}`, `secc|${section}|${chapter}`);
  out.push(`as|${c.assertion}`, `asc|${c.assertion}|${chapter}`);
  out.push(`len|${c.code.length}|${chapter}`, `mlen|${Math.min(inside.length, 5)}`);
  if (/\bunspecified\b/i.test(c.title)) out.push(`unspec|${chapter}`);
  if (/\bother\b/i.test(c.title)) out.push(`other|${chapter}`);
  if (c.retrieved) out.push(`retrieved|${chapter}`);
  out.push(...specificity(note, c.code).map((s) => `${s}|${chapter}`));
  out.push(`spans|${Math.min(c.evidence.length, 3)}`);
  out.push(`title_overlap|${Math.round(titleContextOverlap(note, c) * 4)}|${chapter}`);
  return out;
}

/** Whether a more specific, a less specific or a sibling code of the category is also a candidate. */
function specificity(note: NoteContext, code: string): string[] {
  const out = new Set<string>();
  const category = code.slice(0, 3);
  for (const o of note.codes) {
    if (o === code || o.slice(0, 3) !== category) continue;
    if (o.startsWith(code)) out.add('more_specific');
    else if (code.startsWith(o)) out.add('less_specific');
    else out.add('sibling');
  }
  return [...out].sort();
}

/** The words of the mention's sentence within {@link WINDOW} of its first evidence span. */
function mentionWindow(
  note: NoteContext,
  c: ContextCandidate,
): { before: Token[]; inside: Token[]; after: Token[]; all: Token[] } {
  const span = c.evidence[0];
  if (!span) return { before: [], inside: [], after: [], all: [] };
  const s = note.doc.sentences[sentenceIndexAt(note.doc, span.start)];
  const from = s?.start ?? span.start;
  const to = s ? Math.max(s.end, span.end) : span.end;
  const words = wordsBetween(note.words, from, to);
  const before = words.filter((t) => t.end <= span.start).slice(-WINDOW);
  const inside = words.filter((t) => t.start >= span.start && t.end <= span.end);
  const after = words.filter((t) => t.start >= span.end).slice(0, WINDOW);
  return { before, inside, after, all: [...before, ...inside, ...after] };
}

/** The tokens in [from, to) of a token list in text order (binary search for the first). */
function wordsBetween(words: readonly Token[], from: number, to: number): Token[] {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < words.length && words[i]!.end <= to; i++) out.push(words[i]!);
  return out;
}

/** FNV-1a (32-bit) of a feature name. */
function hashFeature(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
