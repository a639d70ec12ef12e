/**
 * The procedure coder: ICD-10-PCS suggestions for a note, from phrases learned in training
 * notes and from codes built out of the note's root operation, body part, approach, device and
 * qualifier words (src/pcs/build-procedure-codes.ts).
 */
import type { CodingScope, EvidenceSpan } from '../engine/coding-types.js';
import { describeProcedureCode } from './describe-procedure-code.js';
import { indexLearnedPhrases, matchLearnedPhrases, type LearnedHit, type LearnedPhraseIndex } from './match-learned-phrases.js';
import type { ProcedurePhraseTable } from './procedure-phrase-table.js';
import type { ProcedureSuggestion } from './procedure-suggestion.js';
import type { PcsTerminology } from './pcs-terminology.js';

export interface ProcedureCoderOptions {
  /** Phrases mined from CodiEsp training notes (dist/packs/codiesp-procedure-phrases.json). */
  phrases?: ProcedurePhraseTable;
  /** Learned phrases below this estimated precision are not used. */
  minPrecision?: number;
}

export interface ProcedureCodingOptions {
  scope?: CodingScope;
}

export interface ProcedureCoder {
  /** "ICD-10-PCS FY2026 (Index FY2025)". */
  terminology: string;
  code(text: string, options?: ProcedureCodingOptions): ProcedureSuggestion[];
}

/** Default floor on a learned phrase's estimated precision. */
export const DEFAULT_MIN_PRECISION = 0.3;

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

function learnedSuggestions(terms: PcsTerminology, index: LearnedPhraseIndex, text: string): ProcedureSuggestion[] {
  const out: ProcedureSuggestion[] = [];
  for (const [code, hits] of groupByCode(matchLearnedPhrases(index, text))) {
    const evidence: EvidenceSpan[] = hits.map((h) => h.evidence).sort((a, b) => a.start - b.start);
    const s = describeProcedureCode(terms, {
      code,
      score: combinedScore(hits),
      evidence,
      source: 'learned',
      notes: [{ rule: 'learned-phrase', message: `"${hits[0]!.evidence.text}" meant ${code} in ${hits[0]!.count} training notes (estimated precision ${hits[0]!.precision}).` }],
    });
    if (s) out.push(s);
  }
  return out;
}

export function createProcedureCoder(terms: PcsTerminology, options: ProcedureCoderOptions = {}): ProcedureCoder {
  const index = options.phrases ? indexLearnedPhrases(options.phrases, options.minPrecision ?? DEFAULT_MIN_PRECISION) : undefined;
  return {
    terminology: terms.label,
    code(text) {
      const learned = index ? learnedSuggestions(terms, index, text) : [];
      return learned.sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
    },
  };
}
