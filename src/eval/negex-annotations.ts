/**
 * Reads NegEx-style annotation files and scores the context layer's assertions on them, so a
 * published negation test kit can be scored without editing code (`npm run bench:context --
 * --negex FILE`, build/bench-context.ts).
 *
 * The file is tab-separated with a header row. Columns are found by header name, case and
 * punctuation ignored: a concept (or target, term, finding, phrase), a sentence (or text) and a
 * negation (Affirmed / Negated / Possible) column are required; temporality (Recent /
 * Historical / Hypothetical) and experiencer (Patient / Other) columns are scored when present.
 * Other columns (report numbers, ids) are ignored. Each concept is looked for in its sentence
 * case-insensitively (any run of white space matching any other); a row whose concept is not
 * there is counted, not fatal, and so is a value outside those listed (the row is left out of
 * the axes it has no value for).
 */
import type { ContextCategory } from '../context/context-rule.js';
import { categoryScore, type CategoryScore } from './score-assertions.js';

/** The three readings a NegEx-style annotation gives a concept. */
export type NegationValue = 'affirmed' | 'negated' | 'possible';
export type TemporalityValue = 'recent' | 'historical' | 'hypothetical';
export type ExperiencerValue = 'patient' | 'other';

/** One annotated concept, located in its sentence. */
export interface NegexAnnotation {
  /** 1-based line of the row in the file. */
  line: number;
  sentence: string;
  /** Span of the concept in `sentence`. */
  start: number;
  end: number;
  negation: NegationValue;
  /** Null when the file has no such column or the row's value is not one of the known ones. */
  temporality: TemporalityValue | null;
  experiencer: ExperiencerValue | null;
}

/** A read file. */
export interface NegexAnnotationSet {
  annotations: NegexAnnotation[];
  /** Lines (1-based) of rows whose concept was not found in their sentence. */
  notFound: number[];
  /** Lines (1-based) of rows with a negation, temporality or experiencer value not known. */
  unknownValue: number[];
  hasTemporality: boolean;
  hasExperiencer: boolean;
}

type Column = 'concept' | 'sentence' | 'negation' | 'temporality' | 'experiencer';

const COLUMN_NAMES: Readonly<Record<Column, readonly string[]>> = {
  concept: ['concept', 'target', 'term', 'finding', 'phrase'],
  sentence: ['sentence', 'text'],
  negation: ['negation', 'negationstatus', 'negated', 'negex'],
  temporality: ['temporality', 'temporal', 'time'],
  experiencer: ['experiencer', 'subject'],
};

const VALUES = {
  negation: ['affirmed', 'negated', 'possible'],
  temporality: ['recent', 'historical', 'hypothetical'],
  experiencer: ['patient', 'other'],
} as const;

function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[^a-z]/g, '');
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"')
    ? t.slice(1, -1).replace(/""/g, '"')
    : t;
}

/** Index of each known column in the header; throws when a required one is missing. */
function findColumns(header: readonly string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const name = normalizeHeader(h);
    for (const col of Object.keys(COLUMN_NAMES) as Column[])
      if (found[col] === undefined && COLUMN_NAMES[col].includes(name)) found[col] = i;
  });
  const missing = (['concept', 'sentence', 'negation'] as const).filter(
    (c) => found[c] === undefined,
  );
  if (missing.length > 0) {
    const expected = missing.map((c) => `${c} (${COLUMN_NAMES[c].join(' / ')})`).join(', ');
    throw new Error(
      `NegEx annotations: expected a header row naming the columns ${expected}; found ${header.map((h) => JSON.stringify(h)).join(', ')}.`,
    );
  }
  return found;
}

/** The value of an axis, or null when it is not one of the known ones. */
function readValue<A extends keyof typeof VALUES>(
  axis: A,
  cell: string,
): (typeof VALUES)[A][number] | null {
  const v = cell.trim().toLowerCase();
  const allowed: readonly string[] = VALUES[axis];
  return allowed.includes(v) ? (v as (typeof VALUES)[A][number]) : null;
}

/** Span of `concept` in `sentence`, case-insensitive, any white space run matching any other. */
export function findConcept(sentence: string, concept: string): [number, number] | null {
  const words = concept.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(escaped.join('\\s+'), 'i').exec(sentence);
  return m === null ? null : [m.index, m.index + m[0].length];
}

/**
 * Parses a NegEx-style annotation file (see the module comment).
 *
 * @throws when the header lacks a concept, sentence or negation column (naming the columns
 *   expected and found), or when no row has a known negation value (naming the values expected).
 */
export function parseNegexAnnotations(tsv: string): NegexAnnotationSet {
  const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt < 0)
    throw new Error('NegEx annotations: expected a header row, found an empty file.');
  const cols = findColumns((lines[headerAt] as string).split('\t').map(unquote));
  const set: NegexAnnotationSet = {
    annotations: [],
    notFound: [],
    unknownValue: [],
    hasTemporality: cols.temporality !== undefined,
    hasExperiencer: cols.experiencer !== undefined,
  };
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const cells = raw.split('\t').map(unquote);
    const cell = (c: Column): string => (cols[c] === undefined ? '' : (cells[cols[c]] ?? ''));
    const line = i + 1;
    const span = findConcept(cell('sentence'), cell('concept'));
    const negation = readValue('negation', cell('negation'));
    const temporality = set.hasTemporality ? readValue('temporality', cell('temporality')) : null;
    const experiencer = set.hasExperiencer ? readValue('experiencer', cell('experiencer')) : null;
    if (
      negation === null ||
      (set.hasTemporality && temporality === null) ||
      (set.hasExperiencer && experiencer === null)
    )
      set.unknownValue.push(line);
    if (negation === null) continue;
    if (span === null) {
      set.notFound.push(line);
      continue;
    }
    const [start, end] = span;
    set.annotations.push({
      line,
      sentence: cell('sentence'),
      start,
      end,
      negation,
      temporality,
      experiencer,
    });
  }
  if (set.annotations.length === 0 && set.unknownValue.length > 0) {
    throw new Error(
      `NegEx annotations: no row has a known negation value (line ${set.unknownValue[0]} and ${set.unknownValue.length - 1} more); expected one of ${VALUES.negation.join(', ')} (any case).`,
    );
  }
  return set;
}

/** The three readings of one mention. */
interface Readings {
  negation: NegationValue;
  temporality: TemporalityValue;
  experiencer: ExperiencerValue;
}

/** The three readings of a mention's context categories (assertContext's `categories`). */
export function readingsOf(categories: readonly ContextCategory[]): Readings {
  const has = (c: ContextCategory): boolean => categories.includes(c);
  return {
    negation: has('negated') ? 'negated' : has('possible') ? 'possible' : 'affirmed',
    temporality: has('hypothetical') ? 'hypothetical' : has('historical') ? 'historical' : 'recent',
    experiencer: has('family') ? 'other' : 'patient',
  };
}

/** Accuracy and one-vs-rest scores of one axis. */
export interface AxisScore<L extends string> {
  rows: number;
  accuracy: number;
  byValue: Record<L, CategoryScore>;
  /** Rows by gold value, then by predicted value. */
  confusion: Record<L, Record<L, number>>;
}

/** The score of a file: negation always, temporality and experiencer when annotated. */
export interface NegexScore {
  negation: AxisScore<NegationValue>;
  temporality: AxisScore<TemporalityValue> | null;
  experiencer: AxisScore<ExperiencerValue> | null;
}

function axisScore<L extends string>(
  gold: readonly L[],
  pred: readonly L[],
  values: readonly L[],
): AxisScore<L> {
  const right = gold.filter((g, i) => g === pred[i]).length;
  const confusion = Object.fromEntries(
    values.map((g) => [g, Object.fromEntries(values.map((p) => [p, 0]))]),
  ) as Record<L, Record<L, number>>;
  gold.forEach((g, i) => (confusion[g][pred[i] as L] += 1));
  return {
    confusion,
    rows: gold.length,
    accuracy: gold.length === 0 ? 0 : right / gold.length,
    byValue: Object.fromEntries(values.map((v) => [v, categoryScore(gold, pred, v)])) as Record<
      L,
      CategoryScore
    >,
  };
}

/**
 * Scores the context categories given each annotation (same order) on each annotated axis.
 *
 * @example
 * const set = parseNegexAnnotations(tsv);
 * const cats = set.annotations.map((a) => assertContext(a.sentence, [a], rules)[0].categories);
 * scoreNegexAnnotations(set, cats).negation.byValue.negated.f1;
 */
export function scoreNegexAnnotations(
  set: NegexAnnotationSet,
  categories: readonly (readonly ContextCategory[])[],
): NegexScore {
  const pred = categories.map(readingsOf);
  const gold = set.annotations;
  /** Gold and predicted values of one axis over the rows that have a gold value. */
  const pairs = <L extends string>(g: (a: NegexAnnotation) => L | null, p: (i: number) => L) => {
    const idx = gold.flatMap((a, i) => (g(a) === null ? [] : [i]));
    return [idx.map((i) => g(gold[i] as NegexAnnotation) as L), idx.map(p)] as const;
  };
  const [tg, tp] = pairs(
    (a) => a.temporality,
    (i) => (pred[i] as Readings).temporality,
  );
  const [eg, ep] = pairs(
    (a) => a.experiencer,
    (i) => (pred[i] as Readings).experiencer,
  );
  return {
    negation: axisScore(
      gold.map((a) => a.negation),
      pred.map((p) => p.negation),
      VALUES.negation,
    ),
    temporality: set.hasTemporality ? axisScore(tg, tp, VALUES.temporality) : null,
    experiencer: set.hasExperiencer ? axisScore(eg, ep, VALUES.experiencer) : null,
  };
}
