/**
 * The procedure coder: ICD-10-PCS suggestions for a note, from phrases learned in training
 * notes and from codes built out of the note's root operation, body part, approach, device and
 * qualifier words (src/pcs/build-procedure-codes.ts).
 */
import type { CodingScope, EvidenceSpan } from '../engine/coding-types.js';
import { describeProcedureCode } from './describe-procedure-code.js';
import {
  indexLearnedPhrases,
  matchLearnedPhrases,
  type LearnedHit,
  type LearnedPhraseIndex,
} from './match-learned-phrases.js';
import type { ProcedurePhraseTable } from './procedure-phrase-table.js';
import type { ProcedureSuggestion } from './procedure-suggestion.js';
import type { PcsTerminology } from './pcs-terminology.js';
import { historySections, isHistoryClause } from './history-spans.js';
import { NEGATION_WORDS } from './procedure-words.js';
import { splitClauses } from './sentence-words.js';
import { createProcedureBuilder, type BuiltCode } from './build-procedure-codes.js';

export interface ProcedureCoderOptions {
  /** Phrases mined from CodiEsp training notes (dist/packs/codiesp-procedure-phrases.json). */
  phrases?: ProcedurePhraseTable;
  /** Learned phrases below this estimated precision are not used. */
  minPrecision?: number;
  /** Build codes from the note's own words (Index terms, approach, device, qualifier). Default true. */
  build?: boolean;
  /** Confidence of a built code: complete, and cut after the body part. */
  builtScores?: { complete: number; partial: number };
}

export interface ProcedureCodingOptions {
  scope?: CodingScope;
}

export interface ProcedureCoder {
  /** "ICD-10-PCS FY2026 (Index FY2025)". */
  terminology: string;
  code(text: string, options?: ProcedureCodingOptions): ProcedureSuggestion[];
}

/** Default floor on a learned phrase's estimated precision: more likely right than wrong. */
export const DEFAULT_MIN_PRECISION = 0.5;

function groupByCode(hits: LearnedHit[]): Map<string, LearnedHit[]> {
  const byCode = new Map<string, LearnedHit[]>();
  for (const h of hits) {
    let list = byCode.get(h.code);
    if (!list) byCode.set(h.code, (list = []));
    list.push(h);
  }
  return byCode;
}

/** Noisy-or of the hits' precisions: several independent mentions raise confidence. */
function combinedScore(hits: LearnedHit[]): number {
  return 1 - hits.reduce((p, h) => p * (1 - h.precision), 1);
}

/** Learned hits that say a procedure was done: not negated; in reportable scope, not the patient's history either. */
function learnedHits(index: LearnedPhraseIndex, text: string, scope: CodingScope): LearnedHit[] {
  const hits = matchLearnedPhrases(index, text, NEGATION_WORDS).filter((h) => !h.negated);
  if (scope !== 'reportable') return hits;
  const sections = historySections(text);
  const clauses = splitClauses(text);
  return hits.filter((h) => {
    const clause = clauses.find((c) => h.evidence.start >= c.start && h.evidence.start < c.end);
    return !clause || !isHistoryClause(text, clause.start, clause.end, sections);
  });
}

function learnedSuggestions(
  terms: PcsTerminology,
  index: LearnedPhraseIndex,
  text: string,
  scope: CodingScope,
): ProcedureSuggestion[] {
  const out: ProcedureSuggestion[] = [];
  for (const [code, hits] of groupByCode(learnedHits(index, text, scope))) {
    const evidence: EvidenceSpan[] = hits.map((h) => h.evidence).sort((a, b) => a.start - b.start);
    const s = describeProcedureCode(terms, {
      code,
      score: combinedScore(hits),
      evidence,
      source: 'learned',
      notes: [
        {
          rule: 'learned-phrase',
          message: `"${hits[0]!.evidence.text}" meant ${code} in ${hits[0]!.count} training notes (estimated precision ${hits[0]!.precision}).`,
        },
      ],
    });
    if (s) out.push(s);
  }
  return out;
}

/** Default confidence of built codes (no training statistics stand behind them). */
export const DEFAULT_BUILT_SCORES = { complete: 0.5, partial: 0.4 };

/** Whether two codes name the same procedure at the body-part level (one is a prefix of the other, or they share 4 characters). */
function sameProcedure(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a) || a.slice(0, 4) === b.slice(0, 4);
}

function builtSuggestions(
  terms: PcsTerminology,
  built: BuiltCode[],
  scores: { complete: number; partial: number },
): ProcedureSuggestion[] {
  const byCode = new Map<string, BuiltCode[]>();
  for (const b of built) byCode.set(b.code, [...(byCode.get(b.code) ?? []), b]);
  const out: ProcedureSuggestion[] = [];
  for (const [code, list] of byCode) {
    const first = list[0]!;
    const notes = [
      ...new Map(list.flatMap((b) => b.notes).map((n) => [n.rule + n.message, n])).values(),
    ];
    const s = describeProcedureCode(terms, {
      code,
      score: code.length === 7 ? scores.complete : scores.partial,
      evidence: list.flatMap((b) => b.evidence).sort((a, b) => a.start - b.start),
      source: 'built',
      notes,
      axisEvidence: first.axisEvidence,
    });
    if (s) out.push(s);
  }
  return out;
}

/** A partial code is dropped when a complete code of the note starts with it (the note said more elsewhere). */
function withoutCoveredPartials(list: ProcedureSuggestion[]): ProcedureSuggestion[] {
  return list.filter(
    (s) => s.complete || !list.some((o) => o.complete && o.code.startsWith(s.code)),
  );
}

export function createProcedureCoder(
  terms: PcsTerminology,
  options: ProcedureCoderOptions = {},
): ProcedureCoder {
  const index = options.phrases
    ? indexLearnedPhrases(options.phrases, options.minPrecision ?? DEFAULT_MIN_PRECISION)
    : undefined;
  const builder = options.build === false ? undefined : createProcedureBuilder(terms);
  const scores = options.builtScores ?? DEFAULT_BUILT_SCORES;
  return {
    terminology: terms.label,
    code(text, codingOptions = {}) {
      const scope = codingOptions.scope ?? 'reportable';
      const learned = index ? learnedSuggestions(terms, index, text, scope) : [];
      const built = builder ? builtSuggestions(terms, builder.build(text), scores) : [];
      // A learned code follows how coders wrote it in training notes; a built code adds what they never saw.
      const extra = built.filter((b) => !learned.some((l) => sameProcedure(l.code, b.code)));
      return withoutCoveredPartials([...learned, ...extra]).sort(
        (a, b) => b.score - a.score || (a.code < b.code ? -1 : 1),
      );
    },
  };
}
