/**
 * ConText-style assertion: for each mention, is it negated, possible, hypothetical,
 * historical, about a family member, or present?
 *
 * One left-to-right pass over a sentence's tokens finds triggers, terminators and pseudo
 * triggers with the compiled trie (longest match wins; a pseudo trigger blocks everything
 * inside it). Each trigger's scope runs in its direction up to its scope limit (word tokens),
 * the sentence edge, or a terminator that closes its category. Section defaults then apply:
 * Family History → family, Past Medical/Surgical History → historical, and Medications /
 * Allergies mark the mention as non-diagnostic.
 */
import { findSection, type Section } from '../text/detect-sections.js';
import { findTokenRange, preprocessDocument, type PreprocessedDocument } from '../text/preprocess-note.js';
import { NON_DIAGNOSTIC_SECTIONS, type SectionCategory } from '../text/section-headers.js';
import type { Sentence } from '../text/split-sentences.js';
import type { Token } from '../text/tokenize.js';
import type { CompiledContextRule, CompiledContextRules, ContextTrieNode } from './compile-context-rules.js';
import { CONTEXT_CATEGORIES, type AssertionStatus, type ContextCategory, type TriggerDirection } from './context-rule.js';

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

/** Finds triggers in tokens[from, to) and computes their scopes. */
function findScopedTriggers(
  tokens: readonly Token[],
  from: number,
  to: number,
  root: ContextTrieNode,
): ScopedTrigger[] {
  const m = to - from;
  if (m <= 0) return [];
  const termStart = new Uint8Array(m);
  const termEnd = new Uint8Array(m);
  const found: { a: number; b: number; rule: CompiledContextRule }[] = [];
  let i = 0;
  while (i < m) {
    let node: ContextTrieNode | undefined = root;
    let bestEnd = -1;
    let bestRules: CompiledContextRule[] | null = null;
    for (let j = i; j < m && node !== undefined; j++) {
      const next: Map<string, ContextTrieNode> | null = node.next;
      if (next === null) break;
      node = next.get((tokens[from + j] as Token).text);
      if (node !== undefined && node.rules !== null) {
        bestEnd = j;
        bestRules = node.rules;
      }
    }
    if (bestRules === null) {
      i++;
      continue;
    }
    // ": no" / ": none" close a finding ("Fever: no."). Before more words they open a phrase
    // of their own ("CXR: No evidence of pneumonia"), which the next trigger must read.
    const after = tokens[from + bestEnd + 1];
    if ((tokens[from + i] as Token).text === ':' && after !== undefined && after.kind !== 'punct' && bestRules.every((r) => r.direction === 'backward')) {
      i++;
      continue;
    }
    if (!bestRules.some((r) => r.direction === 'pseudo')) {
      for (const rule of bestRules) {
        if (rule.direction === 'terminate') {
          const bits = rule.category === null ? ALL_BITS : BIT[rule.category];
          termStart[i] = (termStart[i] as number) | bits;
          termEnd[bestEnd] = (termEnd[bestEnd] as number) | bits;
        } else {
          found.push({ a: i, b: bestEnd, rule });
        }
      }
    }
    i = bestEnd + 1;
  }

  const out: ScopedTrigger[] = [];
  for (const f of found) {
    const { rule } = f;
    const category = rule.category;
    if (category === null) continue;
    const bit = BIT[category];
    let direction = rule.direction as TriggerDirection;
    if (direction === 'bidirectional' && rule.phrase === '?') {
      // "? PNA" looks forward, "PNA?" looks back, "PNA ? CHF" both ways.
      const prevPunct = f.a === 0 || (tokens[from + f.a - 1] as Token).kind === 'punct';
      const nextPunct = f.b === m - 1 || (tokens[from + f.b + 1] as Token).kind === 'punct';
      if (prevPunct && !nextPunct) direction = 'forward';
      else if (nextPunct && !prevPunct) direction = 'backward';
      else if (prevPunct && nextPunct) continue;
    }
    const tStart = (tokens[from + f.a] as Token).start;
    const tEnd = (tokens[from + f.b] as Token).end;
    if (direction === 'forward' || direction === 'bidirectional') {
      let k = f.b + 1;
      let words = 0;
      let last = -1;
      while (k < m) {
        if (((termStart[k] as number) & bit) !== 0) break;
        const t = tokens[from + k] as Token;
        if (t.kind !== 'punct') {
          words++;
          if (words > rule.maxScope) break;
        }
        last = k;
        k++;
      }
      if (last >= 0) {
        out.push({
          rule,
          category,
          direction: 'forward',
          start: tStart,
          end: tEnd,
          scopeStart: (tokens[from + f.b + 1] as Token).start,
          scopeEnd: (tokens[from + last] as Token).end,
        });
      }
    }
    if (direction === 'backward' || direction === 'bidirectional') {
      let k = f.a - 1;
      let words = 0;
      let first = -1;
      while (k >= 0) {
        if (((termEnd[k] as number) & bit) !== 0) break;
        const t = tokens[from + k] as Token;
        if (t.kind !== 'punct') {
          words++;
          if (words > rule.maxScope) break;
        }
        first = k;
        k--;
      }
      if (first >= 0) {
        out.push({
          rule,
          category,
          direction: 'backward',
          start: tStart,
          end: tEnd,
          scopeStart: (tokens[from + first] as Token).start,
          scopeEnd: (tokens[from + f.a - 1] as Token).end,
        });
      }
    }
  }
  return out;
}

function inScope(t: ScopedTrigger, m: MentionSpan): boolean {
  // A trigger inside the mention is part of the concept itself ("family history of …").
  if (m.start < t.end && t.start < m.end) return false;
  if (t.direction === 'forward') return m.start >= t.end && m.start < t.scopeEnd;
  return m.end <= t.start && m.end > t.scopeStart;
}

function sectionDefault(section: SectionCategory | null): ContextCategory | null {
  if (section === 'family_history') return 'family';
  if (section === 'past_medical_history' || section === 'past_surgical_history') return 'historical';
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
  const category = section === null || section === undefined ? null : typeof section === 'string' ? section : section.category;
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
    return assertInDocument(pre, mentions, rules, section === undefined ? undefined : section, null);
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
      triggers = findScopedTriggers(tokens, from, to, rules.root);
    }
    for (const idx of idxs) {
      const m = mentions[idx] as MentionSpan;
      const sec = override !== undefined ? override : (findSection(sections, m.start) ?? defaultSection);
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
