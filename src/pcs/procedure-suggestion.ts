/**
 * What the procedure coder returns: ICD-10-PCS suggestions beside the diagnosis codes of a
 * {@link CodingResult}, each axis with the words that decided it.
 */
import type { EvidenceSpan, RuleNote } from '../engine/coding-types.js';

/** One axis of a suggested code, with the note's words that chose its value (if any). */
export interface ProcedureAxis {
  position: number;
  title: string;
  value: string;
  label: string;
  /** The words that decided this value; absent when the table left no other choice. */
  evidence?: EvidenceSpan;
}

export interface ProcedureSuggestion {
  /** A valid 7-character code, or a partial code (CodiEsp's convention: cut after the 4th character) when the note says no more. */
  code: string;
  system: 'ICD-10-PCS';
  title: string;
  /** True for a 7-character code. */
  complete: boolean;
  /** Confidence in [0, 1]. */
  score: number;
  evidence: EvidenceSpan[];
  axes: ProcedureAxis[];
  notes: RuleNote[];
  /** "learned" (a phrase mined from training notes), "index" (the PCS Index), "built" (root operation and body part from the note). */
  source: 'learned' | 'index' | 'built';
  /** For a partial code: the first axis the coder must still choose (reportable scope shows it as needing a choice). */
  needsChoice?: { position: number; title: string };
}
