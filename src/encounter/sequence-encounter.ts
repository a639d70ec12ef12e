/**
 * Sequencing of the encounter's codes (Official Guidelines section II and I.A.13):
 *
 * - the principal diagnosis is the condition chiefly responsible for the admission: the coder's
 *   choice when made; else a candidate that no other code asks to be coded first, preferring an
 *   acute condition (or the combination code that carries it: I13.0 before I50.33, I.C.9.a),
 *   codes the engine put among principal candidates, and conditions documented in the H&P or
 *   the discharge summary;
 * - "code first" / "use additional code" partners are ordered etiology first (E11.22 before
 *   N18.32), each additional code right after what asks for it when it can be;
 * - status, history and family history codes (Z) come last.
 */
import type { RuleNote } from '../engine/coding-types.js';
import type { Ontology } from '../ontology/ontology.js';
import { isCodeInRef } from '../ontology/parse-code-refs.js';
import type { MergedCode } from './merge-note-codes.js';

export interface SequencedCodes {
  order: MergedCode[];
  principalReason: string;
  /** Partner and sequencing notes, by code. */
  notes: Map<string, RuleNote[]>;
}

const dotless = (code: string): string => code.replace('.', '');

/** Pairs (first, then) from the Tabular's code-first and use-additional notes among these codes. */
export function partnerOrder(
  onto: Ontology,
  codes: readonly MergedCode[],
): [MergedCode, MergedCode][] {
  const pairs: [MergedCode, MergedCode][] = [];
  const add = (first: MergedCode, then: MergedCode): void => {
    if (first !== then && !pairs.some(([a, b]) => a === first && b === then))
      pairs.push([first, then]);
  };
  for (const c of codes) {
    for (const ref of onto.noteRefs(c.code, 'useAdditionalCode'))
      for (const o of codes) if (isCodeInRef(dotless(o.code), ref)) add(c, o);
    for (const ref of onto.noteRefs(c.code, 'codeFirst'))
      for (const o of codes) if (isCodeInRef(dotless(o.code), ref)) add(o, c);
  }
  return pairs;
}

const ACUTE = /\bacute\b/i;
const isStatusCode = (code: string): boolean => code.startsWith('Z');

function principalScore(c: MergedCode, pairs: readonly [MergedCode, MergedCode][]): number {
  const carried = pairs.filter(([first]) => first === c).map(([, then]) => then);
  let score = 0;
  if (ACUTE.test(c.title) || carried.some((t) => ACUTE.test(t.title))) score += 3;
  if (c.groups.includes('principal')) score += 2;
  score +=
    c.supportedBy.filter((n) => n.kind === 'history-and-physical' || n.kind === 'discharge-summary')
      .length * 0.5;
  if (c.code.startsWith('R')) score -= 2; // a sign or symptom yields to a related established diagnosis
  return score;
}

function choosePrincipal(
  codes: readonly MergedCode[],
  pairs: readonly [MergedCode, MergedCode][],
  chosen: string | undefined,
): { code: MergedCode | undefined; reason: string } {
  const picked = chosen ? codes.find((c) => c.code === chosen) : undefined;
  if (picked) return { code: picked, reason: `${picked.code} chosen by the coder.` };
  const candidates = codes.filter(
    (c) =>
      !isStatusCode(c.code) && c.assertion === 'present' && !pairs.some(([, then]) => then === c),
  );
  const best = [...candidates].sort(
    (a, b) => principalScore(b, pairs) - principalScore(a, pairs),
  )[0];
  if (!best) return { code: undefined, reason: 'No code can be sequenced first.' };
  const carried = pairs
    .filter(([first]) => first === best)
    .map(([, then]) => then)
    .find((t) => ACUTE.test(t.title));
  const why = carried
    ? `${best.code} carries the acute condition ${carried.code} and is sequenced before it`
    : ACUTE.test(best.title)
      ? `${best.code} is the acute condition`
      : `${best.code} is the main condition the notes document`;
  return { code: best, reason: `${why}; confirm it was chiefly responsible for the admission.` };
}

/** Orders the codes: principal first, then etiology before manifestation, additional codes after what asks for them, Z codes last. */
export function sequenceEncounterCodes(
  onto: Ontology,
  codes: readonly MergedCode[],
  chosenPrincipal?: string,
): SequencedCodes {
  const pairs = partnerOrder(onto, codes);
  const { code: principal, reason } = choosePrincipal(codes, pairs, chosenPrincipal);
  const placed: MergedCode[] = [];
  const remaining = new Set(codes);
  const ready = (c: MergedCode): boolean =>
    pairs.every(([first, then]) => then !== c || !remaining.has(first) || first === c);
  const rank = (c: MergedCode): number => {
    const asked = pairs.some(([first, then]) => then === c && placed.at(-1) === first) ? 5 : 0;
    return (
      asked +
      (ACUTE.test(c.title) ? 3 : 0) +
      c.supportedBy.length * 0.1 -
      (isStatusCode(c.code) ? 50 : 0)
    );
  };
  while (remaining.size > 0) {
    // The principal goes first even when the coder chose a code that another asks to follow.
    const next =
      principal && remaining.has(principal)
        ? principal
        : [...remaining].sort(
            (a, b) => Number(ready(b)) - Number(ready(a)) || rank(b) - rank(a),
          )[0]!;
    placed.push(next);
    remaining.delete(next);
  }
  return { order: placed, principalReason: reason, notes: partnerNotes(placed, pairs) };
}

/** "Use additional code N18.32: sequenced after." and any order the coder's choice broke. */
function partnerNotes(
  order: readonly MergedCode[],
  pairs: readonly [MergedCode, MergedCode][],
): Map<string, RuleNote[]> {
  const notes = new Map<string, RuleNote[]>(order.map((c) => [c.code, []]));
  for (const [first, then] of pairs) {
    const inOrder = order.indexOf(first) < order.indexOf(then);
    notes.get(first.code)!.push(
      inOrder
        ? {
            rule: 'use-additional-satisfied',
            message: `Use additional code ${then.code}: sequenced after ${first.code}.`,
            codes: [then.code],
          }
        : {
            rule: 'sequence',
            message: `${then.code} is sequenced before ${first.code}, which it should follow.`,
            codes: [then.code],
          },
    );
    notes.get(then.code)!.push(
      inOrder
        ? {
            rule: 'code-first-satisfied',
            message: `Code first ${first.code}: sequenced before ${then.code}.`,
            codes: [first.code],
          }
        : {
            rule: 'sequence',
            message: `Code first ${first.code}: it is sequenced after ${then.code}.`,
            codes: [first.code],
          },
    );
  }
  return notes;
}
