/**
 * Round trips through the official files: a one-line assessment made of an Alphabetic Index path
 * ("Assessment: pain chest atypical.") should come back as the Index's own code (or a billable
 * code under it when the Index leaves characters to the Tabular), and a billable code's official
 * long title should come back as exactly that code. Both measure the locate-and-verify walk of
 * the engine over the whole classification, not over a hand-picked sample.
 */
import type { TerminologyPack } from '../ontology/pack-format.js';

export interface RoundTripCase {
  kind: 'index' | 'title';
  text: string;
  /** Dotless code the Index or the title names. */
  code: string;
}

/** Every Index row with a code, as a one-line assessment of its path (nonessential modifiers dropped). */
export function indexRoundTripCases(pack: TerminologyPack): RoundTripCase[] {
  const { level, term, code } = pack.index;
  const stack: string[] = [];
  const out: RoundTripCase[] = [];
  for (let r = 0; r < term.length; r++) {
    stack.length = level[r]!;
    // "Hyperlipemia, hyperlipidemia": the main term's variants are alternatives; take the first.
    stack.push(level[r] === 0 ? term[r]!.split(',')[0]!.trim() : term[r]!);
    if (!code[r]) continue;
    out.push({ kind: 'index', text: `Assessment: ${stack.join(' ')}.`, code: code[r]! });
  }
  return out;
}

/** Every billable code's long title as a one-line assessment. */
export function titleRoundTripCases(pack: TerminologyPack): RoundTripCase[] {
  const out: RoundTripCase[] = [];
  pack.codes.forEach((c, i) => {
    if (pack.billable[i] !== '1') return;
    out.push({ kind: 'title', text: `Assessment: ${pack.titles[i]!}.`, code: c });
  });
  return out;
}

/** Whether the reported codes (dotless) answer a case. */
export function roundTripHolds(
  c: RoundTripCase,
  reported: readonly string[],
  isUnder: (code: string, ancestor: string) => boolean,
): boolean {
  if (c.kind === 'title') return reported.includes(c.code);
  const want = c.code.replace(/-$/, '');
  return reported.some((r) => r === want || isUnder(r, want));
}
