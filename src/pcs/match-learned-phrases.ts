/**
 * Finds, in a note, the English phrases mined from CodiEsp training notes for procedure codes
 * (src/pcs/procedure-phrase-table.ts). A phrase inside a longer matched phrase gives way to it
 * ("chest" inside "chest ct"), so the longer, more specific reading wins.
 */
import type { EvidenceSpan } from '../engine/coding-types.js';
import { phraseTokens, type PhraseToken } from '../eval/phrase-tokens.js';
import type { ProcedurePhraseTable } from './procedure-phrase-table.js';

export interface LearnedHit {
  code: string;
  /** Estimated precision of the phrase for this code in training notes. */
  precision: number;
  /** Training documents the phrase was mined from for this code. */
  count: number;
  evidence: EvidenceSpan;
  /** Token range [first, last] in the note. */
  tokens: [number, number];
  /** A negation word ("no", "not", "declined"...) stands a few words before it in the same clause. */
  negated: boolean;
}

/** Words a negation may stand back from the phrase it negates. */
const NEGATION_WINDOW = 4;

function isNegated(
  text: string,
  toks: PhraseToken[],
  first: number,
  negations: ReadonlySet<string>,
): boolean {
  for (let k = first - 1; k >= Math.max(0, first - NEGATION_WINDOW); k--) {
    if (/[.;:!?\n]/.test(text.slice(toks[k]!.end, toks[k + 1]!.start))) return false;
    if (negations.has(toks[k]!.token)) return true;
  }
  return false;
}

interface PhraseEntry {
  code: string;
  precision: number;
  count: number;
}

export interface LearnedPhraseIndex {
  byPhrase: Map<string, PhraseEntry[]>;
  /** Every proper prefix of a phrase (whole tokens), so a scan stops as soon as no phrase can follow. */
  prefixes: Set<string>;
  maxTokens: number;
}

/** Indexes the table's phrases whose precision reaches `minPrecision`. */
export function indexLearnedPhrases(
  table: ProcedurePhraseTable,
  minPrecision: number,
): LearnedPhraseIndex {
  const byPhrase = new Map<string, PhraseEntry[]>();
  let maxTokens = 1;
  for (const p of table.phrases) {
    if (p.precision < minPrecision) continue;
    let list = byPhrase.get(p.phrase);
    if (!list) byPhrase.set(p.phrase, (list = []));
    list.push({ code: p.code, precision: p.precision, count: p.count });
    maxTokens = Math.max(maxTokens, p.phrase.split(' ').length);
  }
  for (const list of byPhrase.values()) list.sort((a, b) => b.precision - a.precision);
  const prefixes = new Set<string>();
  for (const phrase of byPhrase.keys()) {
    const toks = phrase.split(' ');
    for (let n = 1; n < toks.length; n++) prefixes.add(toks.slice(0, n).join(' '));
  }
  return { byPhrase, prefixes, maxTokens };
}

function spanOf(text: string, toks: PhraseToken[], i: number, j: number): EvidenceSpan {
  const start = toks[i]!.start;
  const end = toks[j]!.end;
  return { start, end, text: text.slice(start, end) };
}

/** Every match, longest first, without those inside a longer match. */
export function matchLearnedPhrases(
  index: LearnedPhraseIndex,
  text: string,
  negations: ReadonlySet<string> = new Set(),
): LearnedHit[] {
  const toks = phraseTokens(text);
  const found: LearnedHit[] = [];
  for (let i = 0; i < toks.length; i++) {
    let key = '';
    for (let len = 1; len <= index.maxTokens && i + len <= toks.length; len++) {
      key = len === 1 ? toks[i]!.token : `${key} ${toks[i + len - 1]!.token}`;
      for (const e of index.byPhrase.get(key) ?? []) {
        found.push({
          code: e.code,
          precision: e.precision,
          count: e.count,
          evidence: spanOf(text, toks, i, i + len - 1),
          tokens: [i, i + len - 1],
          negated: isNegated(text, toks, i, negations),
        });
      }
      if (!index.prefixes.has(key)) break;
    }
  }
  found.sort(
    (a, b) => b.tokens[1] - b.tokens[0] - (a.tokens[1] - a.tokens[0]) || a.tokens[0] - b.tokens[0],
  );
  const kept: LearnedHit[] = [];
  for (const hit of found) {
    const inside = kept.some(
      (k) =>
        k.tokens[0] <= hit.tokens[0] &&
        hit.tokens[1] <= k.tokens[1] &&
        k.tokens[1] - k.tokens[0] > hit.tokens[1] - hit.tokens[0],
    );
    if (!inside) kept.push(hit);
  }
  return kept;
}
