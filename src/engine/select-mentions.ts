/**
 * The mentions scope's selector (CodiEsp's convention): every condition the note mentions whose
 * score passes its threshold, negated and uncertain ones included, in ranked order. The other
 * selector is {@link applyCodingRules} (reportable scope).
 */
import { assignGroups } from './assign-groups.js';
import type { CodeSuggestion, RankedCandidate } from './coding-types.js';
import type { CodingRuleOutput, RuleCandidate } from './apply-coding-rules.js';
import type { RuleDocument } from './rule-text.js';
import { rescueCodableFindings, type BelowThreshold } from './codable-finding.js';

/** A candidate with the probability a scorer gave it and, optionally, its own threshold. */
export interface ScoredCandidate extends RuleCandidate {
  /** Overrides the selector's threshold (the linker's operating point for codes unseen in training). */
  threshold?: number;
}

export function selectMentions(
  doc: RuleDocument,
  candidates: readonly ScoredCandidate[],
  threshold: number,
): CodingRuleOutput {
  const codes: CodeSuggestion[] = [];
  const below: BelowThreshold[] = [];
  for (const c of candidates) {
    const s = c.suggestion;
    s.evidence.sort((a, b) => a.start - b.start);
    if (c.probability !== undefined) {
      if (c.probability < (c.threshold ?? threshold)) {
        below.push({ ...c, probability: c.probability });
        continue;
      }
      s.score = Math.round(c.probability * 1000) / 1000;
    }
    codes.push(s);
  }
  // Signs, symptoms and exam findings the note writes are listed even when scored low (issue 13).
  codes.push(...rescueCodableFindings(codes, below));
  codes.sort((a, b) => b.score - a.score || a.evidence[0]!.start - b.evidence[0]!.start);
  return {
    codes: assignGroups(doc, codes, true),
    flagged: [],
    considered: rankingTail(codes, below),
  };
}

/** The candidates left below threshold, best first, one per code not reported. */
function rankingTail(
  codes: readonly CodeSuggestion[],
  below: readonly BelowThreshold[],
): RankedCandidate[] {
  const seen = new Set(codes.map((c) => c.code));
  const tail: RankedCandidate[] = [];
  for (const c of [...below].sort((a, b) => b.probability - a.probability)) {
    if (seen.has(c.suggestion.code)) continue;
    seen.add(c.suggestion.code);
    tail.push({ code: c.suggestion.code, score: Math.round(c.probability * 1000) / 1000 });
  }
  return tail;
}
