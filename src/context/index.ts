/**
 * Context layer of the pure core: ConText-style assertion (negated, possible, hypothetical,
 * historical, family) with trigger lexicons from the lexicon pack plus curated rules.
 * Re-exports only.
 */

/** Assert mentions in a sentence ({@link assertContext}) or anywhere in a document ({@link assertDocumentContext}). */
export { assertContext, assertDocumentContext } from './assert-context.js';
/** Assertion results, trigger hits, mention spans and options. */
export type {
  ContextAssertion,
  ContextTriggerHit,
  MentionSpan,
  AssertDocumentContextOptions,
} from './assert-context.js';

/** Compile pack rules plus curated rules into one trie: {@link compileContextRules}. */
export { compileContextRules } from './compile-context-rules.js';
/** Compiled rule set, trie node, compiled rule and compile options. */
export type {
  CompiledContextRules,
  CompiledContextRule,
  ContextTrieNode,
  CompileContextRulesOptions,
} from './compile-context-rules.js';

/** Categories in precedence order: {@link CONTEXT_CATEGORIES}. */
export { CONTEXT_CATEGORIES } from './context-rule.js';
/** Rule shape, categories, directions and the assertion status union. */
export type {
  ContextRule,
  ContextCategory,
  ContextRuleDirection,
  TriggerDirection,
  AssertionStatus,
} from './context-rule.js';

/** The curated rules and the upstream rules they suppress: {@link DEFAULT_CONTEXT_RULES}, {@link SUPPRESSED_CONTEXT_RULES}. */
export { DEFAULT_CONTEXT_RULES, SUPPRESSED_CONTEXT_RULES } from './default-context-rules.js';
/** An upstream rule to drop. */
export type { SuppressedRule } from './default-context-rules.js';

/** Upstream parsers used at build time: {@link expandMedspacyContextRules}, {@link parseNegexTriggers}. */
export { expandMedspacyContextRules, parseNegexTriggers } from './parse-context-sources.js';
/** Which NegEx/genConText list a file is. */
export type { NegexListKind } from './parse-context-sources.js';

/** Lexicon pack format and validation: {@link readLexiconPack}, {@link LEXICON_PACK_FORMAT}, {@link LEXICON_PACK_FORMAT_VERSION}. */
export {
  readLexiconPack,
  LEXICON_PACK_FORMAT,
  LEXICON_PACK_FORMAT_VERSION,
} from './lexicon-pack.js';
/** Pack document, source manifest entry and abbreviation sense prior. */
export type { LexiconPack, LexiconPackSource, AbbreviationSensePrior } from './lexicon-pack.js';
