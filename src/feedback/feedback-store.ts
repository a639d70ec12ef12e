/**
 * What a coder taught the system, kept as counted records (term, code, decision), and the
 * port a storage adapter implements: in memory here, IndexedDB in the extension.
 */
import { sha256Hex } from '../ontology/sha256.js';
import { toDotted } from '../ontology/fold-text.js';
import type { CodeSuggestion } from '../engine/coding-types.js';
import { feedbackTermsOf } from './feedback-term.js';

/** accept: the code is right for the term. reject: it is not. replace: the term means another code. */
export type FeedbackDecision = 'accept' | 'reject' | 'replace';

export const FEEDBACK_DECISIONS: readonly FeedbackDecision[] = ['accept', 'reject', 'replace'];

/**
 * One coder action, as the panel reports it. Keep it to offer undo: {@link undoFeedback}
 * takes the same object back.
 */
export interface FeedbackEvent {
  decision: FeedbackDecision;
  /** The suggested code, dotted ("E11.9"). */
  code: string;
  /** The code the coder chose instead (dotted); only for `replace`. */
  replacement?: string;
  /** Stored terms of the suggestion's evidence ({@link normalizeFeedbackTerm}); may be empty. */
  terms: string[];
}

/** A stored, counted piece of feedback. Holds a short term and codes, nothing else. */
export interface FeedbackRecord {
  /** Normalised term, ≤ 6 words. */
  term: string;
  /** Dotted code the decision is about. */
  code: string;
  decision: FeedbackDecision;
  /** Dotted replacement code (`replace` only). */
  replacement?: string;
  /** How many times this decision was made (≥ 1). */
  count: number;
}

/** A read-modify-write of one record; returning undefined deletes it. */
export interface FeedbackChange {
  key: string;
  change: (current: FeedbackRecord | undefined) => FeedbackRecord | undefined;
}

/**
 * Storage port for feedback records, keyed by {@link feedbackRecordKey} (a hash: no note text
 * in keys). An adapter must apply one `update` call atomically (one IndexedDB readwrite
 * transaction, awaiting only IndexedDB requests inside it).
 */
export interface FeedbackStore {
  update(changes: readonly FeedbackChange[]): Promise<void>;
  getAll(): Promise<FeedbackRecord[]>;
  clear(): Promise<void>;
}

/**
 * The storage key of a record: the first 32 hex digits of SHA-256 over decision, term, code
 * and replacement. Stable across versions (the extension's IndexedDB keys rely on it).
 */
export function feedbackRecordKey(
  r: Pick<FeedbackRecord, 'decision' | 'term' | 'code' | 'replacement'>,
): string {
  return sha256Hex(
    `${r.decision}\u0000${r.term}\u0000${toDotted(r.code)}\u0000${r.replacement ? toDotted(r.replacement) : ''}`,
  ).slice(0, 32);
}

/**
 * The event for a coder's decision on a suggestion; its terms come from the suggestion's
 * evidence. An event with no terms (evidence too long to keep) changes nothing when recorded.
 *
 * @example
 * const event = createFeedbackEvent(suggestion, 'replace', 'E11.65');
 * await recordFeedback(store, event);
 * // later: await undoFeedback(store, event);
 */
export function createFeedbackEvent(
  suggestion: Pick<CodeSuggestion, 'code' | 'evidence'>,
  decision: FeedbackDecision,
  replacement?: string,
): FeedbackEvent {
  if (!FEEDBACK_DECISIONS.includes(decision))
    throw new TypeError(
      `Expected a decision of ${FEEDBACK_DECISIONS.join(', ')}, got ${JSON.stringify(decision)}.`,
    );
  if (decision === 'replace' && !replacement)
    throw new TypeError('A replace decision needs the replacement code.');
  const event: FeedbackEvent = {
    decision,
    code: toDotted(suggestion.code),
    terms: feedbackTermsOf(suggestion.evidence),
  };
  if (decision === 'replace') event.replacement = toDotted(replacement!);
  return event;
}

function eventRecords(event: FeedbackEvent): Omit<FeedbackRecord, 'count'>[] {
  return event.terms.map((term) => ({
    term,
    code: toDotted(event.code),
    decision: event.decision,
    ...(event.decision === 'replace' && event.replacement
      ? { replacement: toDotted(event.replacement) }
      : {}),
  }));
}

/** Adds `by` (default 1) to the counts of records, creating them as needed. */
export async function addFeedbackCounts(
  store: FeedbackStore,
  records: readonly (Omit<FeedbackRecord, 'count'> & { count?: number })[],
): Promise<void> {
  await store.update(
    records.map((r) => {
      const { count = 1, ...rest } = r;
      return {
        key: feedbackRecordKey(rest),
        change: (cur) => ({ ...rest, count: (cur?.count ?? 0) + count }),
      };
    }),
  );
}

/** Stores one coder decision (one count per term of the event). */
export async function recordFeedback(store: FeedbackStore, event: FeedbackEvent): Promise<void> {
  await addFeedbackCounts(store, eventRecords(event));
}

/** Takes back one recorded event: its counts go down by one; records at zero are deleted. */
export async function undoFeedback(store: FeedbackStore, event: FeedbackEvent): Promise<void> {
  await store.update(
    eventRecords(event).map((r) => ({
      key: feedbackRecordKey(r),
      change: (cur) => (!cur || cur.count <= 1 ? undefined : { ...cur, count: cur.count - 1 }),
    })),
  );
}

/** Deletes whole records (the "forget this" button of a feedback list). */
export async function deleteFeedbackRecords(
  store: FeedbackStore,
  records: readonly FeedbackRecord[],
): Promise<void> {
  await store.update(records.map((r) => ({ key: feedbackRecordKey(r), change: () => undefined })));
}

/** Feedback in memory: for Node, the CLI and tests. */
export class MemoryFeedbackStore implements FeedbackStore {
  private readonly records = new Map<string, FeedbackRecord>();

  async update(changes: readonly FeedbackChange[]): Promise<void> {
    for (const { key, change } of changes) {
      const next = change(this.records.get(key));
      if (next) this.records.set(key, { ...next });
      else this.records.delete(key);
    }
  }

  async getAll(): Promise<FeedbackRecord[]> {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  async clear(): Promise<void> {
    this.records.clear();
  }
}
