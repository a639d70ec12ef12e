/**
 * The shape of a ConText rule, as stored in the lexicon pack and as written in the curated
 * additions. Rules are flat phrases: medspaCy token patterns are expanded at build time.
 */

/** What a trigger says about the mentions in its scope. */
export type ContextCategory = 'negated' | 'possible' | 'hypothetical' | 'historical' | 'family';

/** The assertion of a mention: a {@link ContextCategory}, or `present` when none applies. Same values as the engine's `Assertion`. */
export type AssertionStatus = 'present' | ContextCategory;

/** Every context category, in precedence order (first wins when several apply). */
export const CONTEXT_CATEGORIES: readonly ContextCategory[] = [
  'negated',
  'family',
  'hypothetical',
  'possible',
  'historical',
];

/** Scope direction of a trigger. */
export type TriggerDirection = 'forward' | 'backward' | 'bidirectional';

/**
 * What a rule does: a trigger opens a scope in its direction; `terminate` closes scopes of
 * `category` (or of every category when `category` is null); `pseudo` matches a phrase that
 * looks like a trigger but is not one ("no increase", "gram negative") and blocks triggers
 * inside it.
 */
export type ContextRuleDirection = TriggerDirection | 'terminate' | 'pseudo';

/** One context rule. */
export interface ContextRule {
  /** The phrase, matched token by token with the project tokenizer, case-insensitively. */
  phrase: string;
  /** Category of a trigger; for `terminate`, the category it closes (null = all); null for `pseudo`. */
  category: ContextCategory | null;
  direction: ContextRuleDirection;
  /** Longest scope in word tokens; omitted = the direction's default. */
  maxScope?: number;
  /** Where the rule comes from: "medspacy", "negex", "negex-history", … or "marginalia". */
  source: string;
  /** The trigger fires only as the first word of a clause, before a word ("None pericardial effusion."). */
  atClauseStart?: boolean;
  /** The scope stops at a comma, except one that opens a relative clause (", which has since resolved"). */
  listBounded?: boolean;
  /**
   * For a `pseudo` rule that opens with a negation ("no change in hearing, tinnitus or
   * vertigo"): the pseudo phrase covers only its own object, and the negation resumes at the
   * list that follows the first comma.
   */
  negationResumesAfterComma?: boolean;
}
