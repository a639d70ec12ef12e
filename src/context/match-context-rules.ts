/**
 * Finds the context rules written in one sentence: at each token the longest phrase of the
 * compiled trie that starts there (NegEx/ConText semantics). A phrase that starts inside an
 * earlier one and ends after it is kept too, so overlapping rules never hide each other:
 * in "is negative for fever" the backward "is negative" and the forward "negative for" both
 * apply. A phrase wholly inside a longer one is not a rule of its own ("consistent with"
 * inside "not consistent with", "negative" inside "gram negative").
 */
import type { Token } from '../text/tokenize.js';
import type { CompiledContextRule, ContextTrieNode } from './compile-context-rules.js';

/** A phrase found in a sentence: token indices relative to the sentence's first token. */
export interface RuleMatch {
  /** First and last token of the phrase (inclusive). */
  a: number;
  b: number;
  /** The rules of the longest phrase. */
  rules: CompiledContextRule[];
  /** Rules of shorter phrases starting at the same token ("no" under the pseudo "no change"). */
  prefixRules: CompiledContextRule[];
}

/** The longest phrase starting at token `i` of the sentence, or null. */
function longestAt(
  tokens: readonly Token[],
  from: number,
  m: number,
  i: number,
  root: ContextTrieNode,
): RuleMatch | null {
  let node: ContextTrieNode | undefined = root;
  let best: RuleMatch | null = null;
  for (let j = i; j < m && node !== undefined; j++) {
    const next: Map<string, ContextTrieNode> | null = node.next;
    if (next === null) break;
    node = next.get((tokens[from + j] as Token).text);
    if (node === undefined || node.rules === null) continue;
    best = {
      a: i,
      b: j,
      rules: node.rules,
      prefixRules: best === null ? [] : [...best.prefixRules, ...best.rules],
    };
  }
  return best;
}

/**
 * ": no" / ": none" close a finding ("Fever: no."). Before more words they open a phrase of
 * their own ("CXR: No evidence of pneumonia"), which the next position must read.
 */
function isColonBeforeWords(tokens: readonly Token[], from: number, match: RuleMatch): boolean {
  const after = tokens[from + match.b + 1];
  return (
    (tokens[from + match.a] as Token).text === ':' &&
    after !== undefined &&
    after.kind !== 'punct' &&
    match.rules.every((r) => r.direction === 'backward')
  );
}

/**
 * Every rule phrase in tokens[from, to), in order of their first token.
 *
 * @returns matches with sentence-relative token indices; a phrase contained in an earlier,
 *   longer one is left out.
 */
export function matchContextRules(
  tokens: readonly Token[],
  from: number,
  to: number,
  root: ContextTrieNode,
): RuleMatch[] {
  const m = to - from;
  const out: RuleMatch[] = [];
  let coveredTo = -1;
  for (let i = 0; i < m; i++) {
    const match = longestAt(tokens, from, m, i, root);
    if (match === null || match.b <= coveredTo) continue;
    if (isColonBeforeWords(tokens, from, match)) continue;
    out.push(match);
    coveredTo = match.b;
  }
  return out;
}
