/**
 * Compiles context rules into one token trie, so a sentence is scanned once, left to right,
 * with the longest matching phrase at each position (NegEx/ConText semantics), instead of
 * once per rule.
 */
import { tokenize } from '../text/tokenize.js';
import type { ContextCategory, ContextRule, ContextRuleDirection } from './context-rule.js';
import {
  DEFAULT_CONTEXT_RULES,
  SUPPRESSED_CONTEXT_RULES,
  type SuppressedRule,
} from './default-context-rules.js';

/** A rule ready for matching. */
export interface CompiledContextRule {
  readonly phrase: string;
  /** Number of tokens of the phrase. */
  readonly tokenCount: number;
  readonly category: ContextCategory | null;
  readonly direction: ContextRuleDirection;
  /** Longest scope in word tokens. */
  readonly maxScope: number;
  readonly source: string;
  /** See {@link ContextRule.atClauseStart}. */
  readonly atClauseStart: boolean;
  /** See {@link ContextRule.listBounded}. */
  readonly listBounded: boolean;
  /** See {@link ContextRule.negationResumesAfterComma}. */
  readonly negationResumesAfterComma: boolean;
}

/** A trie node keyed by normalised token text. */
export interface ContextTrieNode {
  next: Map<string, ContextTrieNode> | null;
  rules: CompiledContextRule[] | null;
}

/** Compiled rules; build once per lexicon pack with {@link compileContextRules} and reuse. */
export interface CompiledContextRules {
  readonly root: ContextTrieNode;
  /** Number of distinct (phrase, category, direction) rules. */
  readonly ruleCount: number;
}

/** Options for {@link compileContextRules}. */
export interface CompileContextRulesOptions {
  /** Add the project's curated rules (default true). */
  includeDefaults?: boolean;
  /** Upstream rules to drop (default: {@link SUPPRESSED_CONTEXT_RULES}). */
  suppress?: readonly SuppressedRule[];
}

/** Default scope (word tokens) by direction and category. */
const DEFAULT_FORWARD_SCOPE: Readonly<Record<ContextCategory, number>> = {
  negated: 15,
  possible: 8,
  hypothetical: 10,
  historical: 8,
  family: 15,
};
const DEFAULT_BACKWARD_SCOPE = 5;

function isSuppressed(rule: ContextRule, suppress: readonly SuppressedRule[]): boolean {
  for (const s of suppress) {
    if (s.phrase !== rule.phrase) continue;
    if (s.category !== undefined && s.category !== rule.category) continue;
    if (s.direction !== undefined && s.direction !== rule.direction) continue;
    return true;
  }
  return false;
}

/**
 * Compiles `rules` (typically the lexicon pack's `context.rules`) plus the curated defaults
 * into a token trie. Curated rules come first, so their scope limits win on duplicates.
 *
 * @example
 * const rules = compileContextRules(pack.context.rules);
 * assertContext('No evidence of pneumonia.', [{start: 15, end: 24}], rules)[0].assertion; // "negated"
 */
export function compileContextRules(
  rules: readonly ContextRule[] = [],
  options: CompileContextRulesOptions = {},
): CompiledContextRules {
  const suppress = options.suppress ?? SUPPRESSED_CONTEXT_RULES;
  const all: ContextRule[] = [];
  if (options.includeDefaults !== false) all.push(...DEFAULT_CONTEXT_RULES);
  for (const r of rules) {
    if (r.source !== 'marginalia' && isSuppressed(r, suppress)) continue;
    all.push(r);
  }
  const root: ContextTrieNode = { next: null, rules: null };
  const seen = new Set<string>();
  let count = 0;
  for (const r of all) {
    const words = tokenize(r.phrase).map((t) => t.text);
    if (words.length === 0) continue;
    const key = `${words.join(' ')}\u0000${r.category ?? '*'}\u0000${r.direction}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let node = root;
    for (const w of words) {
      node.next ??= new Map();
      let child = node.next.get(w);
      if (child === undefined) {
        child = { next: null, rules: null };
        node.next.set(w, child);
      }
      node = child;
    }
    const maxScope =
      r.maxScope ??
      (r.direction === 'backward'
        ? DEFAULT_BACKWARD_SCOPE
        : r.category !== null && r.direction !== 'terminate' && r.direction !== 'pseudo'
          ? DEFAULT_FORWARD_SCOPE[r.category]
          : 0);
    (node.rules ??= []).push({
      phrase: r.phrase,
      tokenCount: words.length,
      category: r.category,
      direction: r.direction,
      maxScope,
      source: r.source,
      atClauseStart: r.atClauseStart === true,
      listBounded: r.listBounded === true,
      negationResumesAfterComma: r.negationResumesAfterComma === true,
    });
    count++;
  }
  return { root, ruleCount: count };
}
