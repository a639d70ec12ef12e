/**
 * What the coding engine returns. This is the contract shared by the CLI (`marginalia code
 * --json`), the extension panel and the evaluation harness.
 */

/** ConText-style assertion of a mention. */
export type Assertion =
  'present' | 'negated' | 'possible' | 'hypothetical' | 'historical' | 'family';

export const ASSERTIONS: readonly Assertion[] = [
  'present',
  'negated',
  'possible',
  'hypothetical',
  'historical',
  'family',
];

/** `reportable`: what a coder should report under the guidelines. `mentions`: every condition mentioned. */
export type CodingScope = 'reportable' | 'mentions';
export type CareSetting = 'inpatient' | 'outpatient';

/** A span of the input text. `text === input.slice(start, end)` always holds. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

/** A rule that fired on a code, recorded as an explanation. */
export interface RuleNote {
  /** Stable rule id, e.g. "excludes1", "code-first", "combination", "integral-symptom". */
  rule: string;
  message: string;
  /** Other codes the rule refers to (dotted). */
  codes?: string[];
}

/** How the coder would group a suggestion in the panel. */
export type CodeGroup = 'principal' | 'secondary' | 'history' | 'flagged';

export interface CodeSuggestion {
  /** Dotted code, e.g. "E11.22". */
  code: string;
  system: 'ICD-10-CM';
  title: string;
  billable: boolean;
  /** Calibrated confidence in [0, 1]. */
  score: number;
  assertion: Assertion;
  group: CodeGroup;
  evidence: EvidenceSpan[];
  notes: RuleNote[];
  /** How it was found: "index", "title", "inclusion", "abbreviation", "learned", "model", "rule". */
  source: string;
}

export interface CodingOptions {
  scope?: CodingScope;
  setting?: CareSetting;
  /** Stop early when aborted (the panel closes, the page navigates). */
  signal?: AbortSignal;
}

/** A code the scorer ranked but did not report, with its probability. */
export interface RankedCandidate {
  code: string;
  score: number;
}

export interface CodingResult {
  /** Terminology version that produced the codes, e.g. "ICD-10-CM 2025-april". */
  terminology: string;
  /** Model id and version, or null when the dictionary path ran alone. */
  model: string | null;
  /** Suggestions in ranked order. */
  codes: CodeSuggestion[];
  /** Negated, uncertain, family, ruled-out items, kept visible but apart. */
  flagged: CodeSuggestion[];
  /**
   * Mentions scope only: the candidates scored below their threshold, best first, one entry per
   * code not in `codes`. Not suggestions; the tail of the ranking the CodiEsp MAP reads.
   */
  considered?: RankedCandidate[];
  /** Milliseconds per stage, for benchmarks (no text). */
  timings?: Record<string, number>;
  /** Things the coder should know about how these codes were made ("the model could not load"). */
  notices?: string[];
}
