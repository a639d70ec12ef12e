/**
 * Turns a PCS code or partial code into a {@link ProcedureSuggestion} skeleton: its title, its
 * axes (with evidence where given) and, for a partial code, the axis still to choose.
 */
import type { EvidenceSpan, RuleNote } from '../engine/coding-types.js';
import type { ProcedureAxis, ProcedureSuggestion } from './procedure-suggestion.js';
import type { PcsTerminology } from './pcs-terminology.js';

export interface DescribeInput {
  code: string;
  score: number;
  evidence: EvidenceSpan[];
  source: ProcedureSuggestion['source'];
  notes?: RuleNote[];
  /** Evidence for each axis position that the note decided. */
  axisEvidence?: Map<number, EvidenceSpan>;
}

/** The suggestion for `input.code`, or undefined when no valid code starts with it. */
export function describeProcedureCode(
  terms: PcsTerminology,
  input: DescribeInput,
): ProcedureSuggestion | undefined {
  const axes = terms.tables.axes(input.code);
  const title = terms.tables.title(input.code);
  if (!axes || title === undefined) return undefined;
  const withEvidence = axes.map((a): ProcedureAxis => {
    const ev = input.axisEvidence?.get(a.position);
    return ev ? { ...a, evidence: ev } : { ...a };
  });
  const suggestion: ProcedureSuggestion = {
    code: input.code,
    system: 'ICD-10-PCS',
    title,
    complete: input.code.length === 7,
    score: Math.round(input.score * 1000) / 1000,
    evidence: input.evidence,
    axes: withEvidence,
    notes: input.notes ?? [],
    source: input.source,
  };
  if (input.code.length < 7) {
    const table = terms.tables.table(input.code);
    const position = input.code.length + 1;
    suggestion.needsChoice = { position, title: table?.axes[position - 1] ?? '' };
  }
  return suggestion;
}
