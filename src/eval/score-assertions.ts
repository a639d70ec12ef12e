/**
 * Scores assertions (present, negated, possible, historical, family…) against a labelled set
 * of targets: the reader (build/bench-context.ts) and tests share it.
 *
 * Each target is one finding in one sentence with its gold assertion. A prediction is the
 * assertion a system gave that finding, or `null` when the system did not code it at all;
 * coverage is the share of targets with a prediction, and the per-category precision, recall
 * and F1 are counted over the covered targets only (one-vs-rest for each category).
 */
import type { AssertionStatus } from '../context/context-rule.js';

/** One labelled finding. */
export interface AssertionTarget {
  /** Where the row comes from (e.g. "medspacy"). */
  source: string;
  sentence: string;
  /** Span of the finding in `sentence`. */
  start: number;
  end: number;
  label: AssertionStatus;
}

/** Precision, recall and F1 of one category, with its counts. */
export interface CategoryScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** The whole score. */
export interface AssertionScore {
  targets: number;
  covered: number;
  coverage: number;
  /** Share of covered targets whose assertion matches. */
  accuracy: number;
  byCategory: Record<AssertionStatus, CategoryScore>;
}

const STATUSES: readonly AssertionStatus[] = [
  'present',
  'negated',
  'possible',
  'hypothetical',
  'historical',
  'family',
];

/**
 * Reads the tab-separated set (`source, sentence, target, occurrence, label`; `#` comments).
 * Throws with the line number when a target is not found or a label is unknown.
 */
export function parseAssertionSet(tsv: string): AssertionTarget[] {
  const out: AssertionTarget[] = [];
  tsv.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [source, sentence, target, occurrence, label] = line.split('\t');
    if (
      source === undefined ||
      sentence === undefined ||
      target === undefined ||
      label === undefined
    ) {
      throw new Error(`Assertion set line ${i + 1}: expected 5 tab-separated fields.`);
    }
    if (!STATUSES.includes(label as AssertionStatus)) {
      throw new Error(
        `Assertion set line ${i + 1}: unknown label "${label}"; expected one of ${STATUSES.join(', ')}.`,
      );
    }
    const start = nthIndexOf(sentence, target, Number(occurrence ?? '1'));
    if (start < 0)
      throw new Error(`Assertion set line ${i + 1}: target not found in its sentence.`);
    out.push({
      source,
      sentence,
      start,
      end: start + target.length,
      label: label as AssertionStatus,
    });
  });
  return out;
}

function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/**
 * Precision, recall and F1 of class `c`, one-vs-rest, over paired gold and predicted labels
 * (the NegEx-style reader scores its axes with it too).
 */
export function categoryScore<L extends string>(
  gold: readonly L[],
  pred: readonly L[],
  c: L,
): CategoryScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  gold.forEach((g, i) => {
    const p = pred[i];
    if (g === c && p === c) tp++;
    else if (p === c) fp++;
    else if (g === c) fn++;
  });
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return { tp, fp, fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

/**
 * Scores `predictions` (same order as `targets`; `null` = not coded) against the gold labels.
 */
export function scoreAssertions(
  targets: readonly AssertionTarget[],
  predictions: readonly (AssertionStatus | null)[],
): AssertionScore {
  const gold: AssertionStatus[] = [];
  const pred: AssertionStatus[] = [];
  targets.forEach((t, i) => {
    const p = predictions[i];
    if (p === null || p === undefined) return;
    gold.push(t.label);
    pred.push(p);
  });
  const byCategory = Object.fromEntries(
    STATUSES.map((c) => [c, categoryScore(gold, pred, c)]),
  ) as Record<AssertionStatus, CategoryScore>;
  const right = gold.filter((g, i) => g === pred[i]).length;
  return {
    targets: targets.length,
    covered: gold.length,
    coverage: ratio(gold.length, targets.length),
    accuracy: ratio(right, gold.length),
    byCategory,
  };
}
