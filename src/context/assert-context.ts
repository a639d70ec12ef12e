/**
 * ConText-style assertion: for each mention, is it negated, possible, hypothetical,
 * historical, about a family member, or present?
 *
 * One left-to-right pass over a sentence's tokens finds triggers, terminators and pseudo
 * triggers with the compiled trie (match-context-rules.ts: the longest phrase at each token;
 * overlapping phrases both apply; a pseudo trigger blocks what it contains). Each trigger's
 * scope runs in its direction up to its scope limit (word tokens), the sentence edge, a
 * terminator that closes its category, or a boundary a reader would see (scope-boundaries.ts:
 * placeholders, inline upper-case labels, brackets, all-caps headers, list commas for
 * list-bounded rules). Section defaults then apply:
 * Family History → family, Past Medical/Surgical History → historical, and Medications /
 * Allergies mark the mention as non-diagnostic.
 */
import { findSection, type Section } from '../text/detect-sections.js';
import {
  findTokenRange,
  preprocessDocument,
  type PreprocessedDocument,
} from '../text/preprocess-note.js';
import { NON_DIAGNOSTIC_SECTIONS, type SectionCategory } from '../text/section-headers.js';
import type { Sentence } from '../text/split-sentences.js';
import type { Token } from '../text/tokenize.js';
import type {
  CompiledContextRule,
  CompiledContextRules,
  ContextTrieNode,
} from './compile-context-rules.js';
import { matchContextRules, type RuleMatch } from './match-context-rules.js';
import { findScopeBoundaries, type ScopeBoundaries } from './scope-boundaries.js';
import {
  CONTEXT_CATEGORIES,
  type AssertionStatus,
  type ContextCategory,
  type TriggerDirection,
} from './context-rule.js';

/** A mention to assert: a span in the same coordinates as the tokens. */
export interface MentionSpan {
  start: number;
  end: number;
}

/** A trigger (or section default) that applied to a mention. */
export interface ContextTriggerHit {
  /** The rule's phrase ("no evidence of"), or the section title for section defaults. */
  phrase: string;
  category: ContextCategory;
  /** Scope direction as applied; `section` for a section default. */
  direction: TriggerDirection | 'section';
  /** Where the rule came from ("medspacy", "negex", "marginalia", "section"). */
  source: string;
  /** Span of the trigger words in the text (the section header for section defaults). */
  start: number;
  end: number;
  /** The scope window the trigger covered. */
  scopeStart: number;
  scopeEnd: number;
}

/** The context of one mention. */
export interface ContextAssertion {
  /** The mention's span, as given. */
  start: number;
  end: number;
  /** The single status to report: the first applicable category in {@link CONTEXT_CATEGORIES} order, else `present`. */
  assertion: AssertionStatus;
  /** Every category that applies (precedence order). */
  categories: ContextCategory[];
  /** The triggers and section defaults that produced `categories`. */
  triggers: ContextTriggerHit[];
  /** The section the mention is in, when known. */
  section: SectionCategory | null;
  /** True in sections whose mentions are not the patient's diagnoses (medications, allergies…). */
  isNonDiagnostic: boolean;
}

const BIT: Readonly<Record<ContextCategory, number>> = {
  negated: 1,
  possible: 2,
  hypothetical: 4,
  historical: 8,
  family: 16,
};
const ALL_BITS = 31;

interface ScopedTrigger {
  rule: CompiledContextRule;
  category: ContextCategory;
  direction: TriggerDirection;
  start: number;
  end: number;
  scopeStart: number;
  scopeEnd: number;
}

/** One sentence as the scope walk sees it. */
interface SentenceView {
  tokens: readonly Token[];
  from: number;
  m: number;
  bounds: ScopeBoundaries;
  termStart: Uint8Array;
  termEnd: Uint8Array;
}

/** A trigger occurrence before its scope is known. */
interface TriggerAt {
  a: number;
  b: number;
  rule: CompiledContextRule;
  /** The scope opens only after the first list comma past the trigger (see negationResumesAfterComma). */
  deferred: boolean;
}

function tok(v: SentenceView, k: number): Token {
  return v.tokens[v.from + k] as Token;
}

function isPunctAt(v: SentenceView, k: number): boolean {
  return k < 0 || k >= v.m || tok(v, k).kind === 'punct';
}

/** Splits matches into terminator marks (on `v`) and trigger occurrences. */
function collectTriggers(v: SentenceView, matches: readonly RuleMatch[]): TriggerAt[] {
  const found: TriggerAt[] = [];
  for (const f of matches) {
    if (f.rules.some((r) => r.direction === 'pseudo')) {
      if (f.rules.some((r) => r.negationResumesAfterComma)) {
        for (const rule of f.prefixRules)
          if (rule.category === 'negated' && rule.direction === 'forward')
            found.push({ a: f.a, b: f.a, rule, deferred: true });
      }
      continue;
    }
    for (const rule of f.rules) {
      if (rule.direction !== 'terminate') found.push({ a: f.a, b: f.b, rule, deferred: false });
      else markTerminator(v, rule, f.a, f.b);
    }
    // A terminator still ends scopes where a longer phrase starts with it ("presents" in
    // "presents with" closes history as well as negation).
    for (const rule of f.prefixRules)
      if (rule.direction === 'terminate') markTerminator(v, rule, f.a, f.a + rule.tokenCount - 1);
  }
  return found;
}

function markTerminator(v: SentenceView, rule: CompiledContextRule, a: number, b: number): void {
  const bits = rule.category === null ? ALL_BITS : BIT[rule.category];
  v.termStart[a] = (v.termStart[a] as number) | bits;
  v.termEnd[b] = (v.termEnd[b] as number) | bits;
}

/** The directions a trigger applies in here, or none ("?" and clause-start rules read their position). */
function directionsOf(v: SentenceView, f: TriggerAt): TriggerDirection[] {
  const prevPunct = isPunctAt(v, f.a - 1);
  const nextPunct = isPunctAt(v, f.b + 1);
  if (f.rule.atClauseStart && !(prevPunct && !nextPunct)) return [];
  const direction = f.rule.direction as TriggerDirection;
  if (direction === 'bidirectional' && f.rule.phrase === '?') {
    // "? PNA" looks forward, "PNA?" looks back, "PNA ? CHF" both ways.
    if (prevPunct && !nextPunct) return ['forward'];
    if (nextPunct && !prevPunct) return ['backward'];
    if (prevPunct && nextPunct) return [];
  }
  return direction === 'bidirectional' ? ['forward', 'backward'] : [direction];
}

/** Where a forward scope may run to (exclusive): brackets and all-caps headers hold their own cues. */
function forwardLimit(v: SentenceView, f: TriggerAt): number {
  let limit = v.m;
  const close = v.bounds.closeBracket[f.a] as number;
  if (close >= 0) limit = Math.min(limit, close);
  const capsEnd = v.bounds.capsRunEnd[f.a] as number;
  if (capsEnd >= 0) limit = Math.min(limit, capsEnd + 1);
  return limit;
}

/** First token of a forward scope: right after the trigger, or after the next list comma when deferred. */
function forwardStart(v: SentenceView, f: TriggerAt, limit: number): number {
  if (!f.deferred) return f.b + 1;
  for (let k = f.b + 1; k < limit; k++) if (v.bounds.listComma[k] === 1) return k + 1;
  return limit;
}

/** Longest item (in words) of a list that carries a forward scope past its word limit. */
const LIST_ITEM_WORDS = 5;

/** Categories whose scope runs through a whole list: "denies …", "return for …". */
const LIST_SCOPED = BIT.negated | BIT.hypothetical;

/**
 * Last token index of a forward scope, or -1 when it is empty. Past the rule's word limit a
 * negation or a condition goes on while the scope is a list of short items ("denies fever,
 * chills, …, rash or joint pain": the limit reached after a list comma, no item after the first
 * comma over {@link LIST_ITEM_WORDS} words, no punctuation but commas).
 */
function forwardScopeEnd(v: SentenceView, f: TriggerAt, bit: number): number {
  const limit = forwardLimit(v, f);
  const { bounds } = v;
  const start = forwardStart(v, f, limit);
  let words = 0;
  let itemWords = 0;
  let commas = 0;
  let isList = (bit & LIST_SCOPED) !== 0;
  let last = -1;
  for (let k = start; k < limit; k++) {
    // A label right after the trigger is what the trigger is about ("r/o ACS: …").
    const label = bounds.labelStart[k] === 1 && k > start;
    if (((v.termStart[k] as number) & bit) !== 0 || bounds.hard[k] === 1 || label) break;
    if (bounds.listComma[k] === 1) {
      if (f.rule.listBounded) break;
      commas++;
      itemWords = 0;
    }
    const t = tok(v, k);
    if (t.kind !== 'punct') {
      if (++itemWords > LIST_ITEM_WORDS && commas > 0) isList = false;
      if (++words > f.rule.maxScope && !(isList && commas > 0)) break;
    } else if (t.text !== ',') isList = false;
    last = k;
  }
  return last;
}

/** First token index of a backward scope, or -1 when it is empty. */
function backwardScopeStart(v: SentenceView, f: TriggerAt, bit: number): number {
  const open = v.bounds.openBracket[f.a] as number;
  const { bounds } = v;
  let words = 0;
  let first = -1;
  for (let k = f.a - 1; k > open; k--) {
    if (((v.termEnd[k] as number) & bit) !== 0 || bounds.hard[k] === 1) break;
    // "Pneumonia, now resolved": a comma right before the trigger sets off what it is about.
    if (f.rule.listBounded && bounds.listComma[k] === 1 && k < f.a - 1) break;
    if (tok(v, k).kind !== 'punct' && ++words > f.rule.maxScope) break;
    first = k;
  }
  return first;
}

/** The scoped trigger of `f` in `direction`, or null when its scope is empty. */
function scopeOf(v: SentenceView, f: TriggerAt, direction: TriggerDirection): ScopedTrigger | null {
  const category = f.rule.category as ContextCategory;
  const bit = BIT[category];
  let first: number;
  let last: number;
  if (direction === 'forward') {
    last = forwardScopeEnd(v, f, bit);
    first = f.deferred ? forwardStart(v, f, v.m) : f.b + 1;
  } else {
    first = backwardScopeStart(v, f, bit);
    last = f.a - 1;
  }
  if (first < 0 || last < 0 || first > last) return null;
  // One literal shape for every scoped trigger (a spread here made them slow dictionary objects).
  return {
    rule: f.rule,
    category,
    direction: direction === 'forward' ? 'forward' : 'backward',
    start: tok(v, f.a).start,
    end: tok(v, f.b).end,
    scopeStart: tok(v, first).start,
    scopeEnd: tok(v, last).end,
  };
}

let marks: { termStart: Uint8Array; termEnd: Uint8Array } | null = null;

/** Terminator marks for a sentence of `m` tokens, cleared; reused across sentences. */
function terminatorMarks(m: number): { termStart: Uint8Array; termEnd: Uint8Array } {
  if (marks === null || marks.termStart.length < m) {
    const n = Math.max(m, 2 * (marks?.termStart.length ?? 32));
    marks = { termStart: new Uint8Array(n), termEnd: new Uint8Array(n) };
  }
  marks.termStart.fill(0, 0, m);
  marks.termEnd.fill(0, 0, m);
  return marks;
}

/**
 * Finds triggers in tokens[from, to) and computes their scopes.
 *
 * @param text the original text, when known (labels and all-caps headers need letter case).
 */
function findScopedTriggers(
  tokens: readonly Token[],
  from: number,
  to: number,
  root: ContextTrieNode,
  text?: string,
): ScopedTrigger[] {
  const m = to - from;
  if (m <= 0) return [];
  const v: SentenceView = {
    tokens,
    from,
    m,
    bounds: findScopeBoundaries(tokens, from, to, text),
    ...terminatorMarks(m),
  };
  const out: ScopedTrigger[] = [];
  for (const f of collectTriggers(v, matchContextRules(tokens, from, to, root))) {
    if (f.rule.category === null) continue;
    for (const direction of directionsOf(v, f)) {
      const scoped = scopeOf(v, f, direction);
      if (scoped !== null) out.push(scoped);
    }
  }
  return out;
}

function inScope(t: ScopedTrigger, m: MentionSpan): boolean {
  if (m.start < t.end && t.start < m.end) {
    // A forward trigger whose last words open the mention speaks of it ("no acute distress"
    // for the mention "acute distress"); one that starts inside the mention is part of the
    // concept itself ("family history of …").
    return t.direction === 'forward' && t.start < m.start && m.end > t.scopeStart;
  }
  if (t.direction === 'forward')
    return m.start >= t.end && m.start >= t.scopeStart && m.start < t.scopeEnd;
  return m.end <= t.start && m.end > t.scopeStart;
}

function sectionDefault(section: SectionCategory | null): ContextCategory | null {
  if (section === 'family_history') return 'family';
  if (section === 'ruled_out') return 'negated';
  if (section === 'differential') return 'possible';
  if (section === 'past_medical_history' || section === 'past_surgical_history')
    return 'historical';
  return null;
}

function buildAssertion(
  m: MentionSpan,
  triggers: readonly ScopedTrigger[],
  section: Section | SectionCategory | null | undefined,
): ContextAssertion {
  const hits: ContextTriggerHit[] = [];
  let bits = 0;
  for (const t of triggers) {
    if (!inScope(t, m)) continue;
    bits |= BIT[t.category];
    hits.push({
      phrase: t.rule.phrase,
      category: t.category,
      direction: t.direction,
      source: t.rule.source,
      start: t.start,
      end: t.end,
      scopeStart: t.scopeStart,
      scopeEnd: t.scopeEnd,
    });
  }
  const category =
    section === null || section === undefined
      ? null
      : typeof section === 'string'
        ? section
        : section.category;
  const def = sectionDefault(category);
  if (def !== null && (bits & BIT[def]) === 0) {
    bits |= BIT[def];
    const sec = typeof section === 'object' && section !== null ? section : null;
    hits.push({
      phrase: sec?.title ?? (category as string),
      category: def,
      direction: 'section',
      source: 'section',
      start: sec?.start ?? m.start,
      end: sec?.headerEnd ?? m.start,
      scopeStart: sec?.start ?? m.start,
      scopeEnd: sec?.end ?? m.end,
    });
  }
  const categories = CONTEXT_CATEGORIES.filter((c) => (bits & BIT[c]) !== 0);
  return {
    start: m.start,
    end: m.end,
    assertion: categories[0] ?? 'present',
    categories,
    triggers: hits,
    section: category,
    isNonDiagnostic: category !== null && NON_DIAGNOSTIC_SECTIONS.has(category),
  };
}

/**
 * Asserts the context of `mentions` within one sentence.
 *
 * @param sentence the sentence as a string (mention offsets relative to it) or as tokens
 *   (mention offsets in the tokens' coordinates, e.g. document offsets).
 * @param mentions spans of the concepts to assert.
 * @param rules compiled rules ({@link compileContextRules}).
 * @param section the section the sentence is in (a {@link Section} or its category), if known.
 * @returns one {@link ContextAssertion} per mention, in the same order.
 * @example
 * const rules = compileContextRules(pack.context.rules);
 * assertContext('denies chest pain but reports SOB', [{start: 7, end: 17}, {start: 30, end: 33}], rules)
 *   .map((a) => a.assertion); // ["negated", "present"]
 */
export function assertContext(
  sentence: string | readonly Token[],
  mentions: readonly MentionSpan[],
  rules: CompiledContextRules,
  section?: Section | SectionCategory | null,
): ContextAssertion[] {
  if (typeof sentence === 'string') {
    // A string may hold several sentences: keep every scope inside its own sentence.
    const pre = preprocessDocument(sentence);
    return assertInDocument(
      pre,
      mentions,
      rules,
      section === undefined ? undefined : section,
      null,
    );
  }
  const tokens = sentence;
  const triggers = findScopedTriggers(tokens, 0, tokens.length, rules.root);
  return mentions.map((m) => buildAssertion(m, triggers, section));
}

/** Options for {@link assertDocumentContext}. */
export interface AssertDocumentContextOptions {
  /** Mentions outside any detected section get this category (e.g. from the page reader). */
  defaultSection?: SectionCategory | null;
}

/**
 * Asserts the context of mentions anywhere in a document: each mention is placed in its
 * sentence (the one containing its start) and section, and sentences are scanned once each.
 *
 * @param doc the note text, or its {@link PreprocessedDocument} (reuse it if you have one).
 * @param mentions spans in original-text offsets, in any order.
 * @returns one {@link ContextAssertion} per mention, in the same order.
 */
export function assertDocumentContext(
  doc: string | PreprocessedDocument,
  mentions: readonly MentionSpan[],
  rules: CompiledContextRules,
  options: AssertDocumentContextOptions = {},
): ContextAssertion[] {
  const pre = typeof doc === 'string' ? preprocessDocument(doc) : doc;
  return assertInDocument(pre, mentions, rules, undefined, options.defaultSection ?? null);
}

/** Shared document path; `override` (when defined) replaces section detection. */
function assertInDocument(
  pre: PreprocessedDocument,
  mentions: readonly MentionSpan[],
  rules: CompiledContextRules,
  override: Section | SectionCategory | null | undefined,
  defaultSection: SectionCategory | null,
): ContextAssertion[] {
  const { tokens, sentences, sections } = pre;
  const results: ContextAssertion[] = new Array<ContextAssertion>(mentions.length);
  // Group mentions by sentence index.
  const bySentence = new Map<number, number[]>();
  mentions.forEach((m, idx) => {
    const s = findSentenceIndex(sentences, m.start);
    let list = bySentence.get(s);
    if (list === undefined) bySentence.set(s, (list = []));
    list.push(idx);
  });
  for (const [s, idxs] of bySentence) {
    const sent = sentences[s];
    let triggers: ScopedTrigger[] = [];
    if (sent !== undefined) {
      const [from, to] = findTokenRange(tokens, sent.start, sent.end);
      triggers = findScopedTriggers(tokens, from, to, rules.root, pre.text);
    }
    for (const idx of idxs) {
      const m = mentions[idx] as MentionSpan;
      const sec =
        override !== undefined ? override : (findSection(sections, m.start) ?? defaultSection);
      results[idx] = buildAssertion(m, triggers, sec);
    }
  }
  return results;
}

/** Index of the sentence containing `offset`, else the last one starting before it, else -1. */
function findSentenceIndex(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sentences[mid] as Sentence).start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
