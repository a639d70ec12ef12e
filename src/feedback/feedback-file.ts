/**
 * The PHI-free file a team shares its feedback with: short terms, codes, decisions and counts.
 * Export re-checks every term; import refuses anything that is not that shape, long free text
 * above all, so a file cannot smuggle sentences into a coder's store.
 *
 * ```json
 * {"format": "marginalia-feedback", "formatVersion": 1, "exported": "2026-10-01",
 *  "terminology": "ICD-10-CM 2026",
 *  "records": [{"term": "sugar diabetes", "code": "E11.9", "decision": "replace", "replacement": "E11.65", "count": 2}]}
 * ```
 */
import { toDotted } from '../ontology/fold-text.js';
import { normalizeFeedbackTerm, MAX_TERM_CHARS, MAX_TERM_WORDS } from './feedback-term.js';
import {
  addFeedbackCounts,
  FEEDBACK_DECISIONS,
  type FeedbackDecision,
  type FeedbackRecord,
  type FeedbackStore,
} from './feedback-store.js';

export const FEEDBACK_FILE_FORMAT = 'marginalia-feedback';
export const FEEDBACK_FILE_VERSION = 1;
/** Largest file accepted, in characters. */
export const MAX_FEEDBACK_FILE_CHARS = 8_000_000;
/** Most records accepted in one file. */
export const MAX_FEEDBACK_RECORDS = 100_000;

export interface FeedbackFile {
  format: typeof FEEDBACK_FILE_FORMAT;
  formatVersion: number;
  /** Day of export, "YYYY-MM-DD" (no time: nothing to tie it to an encounter). */
  exported: string;
  /** Release the codes were chosen in, e.g. "ICD-10-CM 2025-april". */
  terminology?: string;
  records: FeedbackRecord[];
}

export class FeedbackFileError extends Error {
  override name = 'FeedbackFileError';
}

const CODE = /^[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;
const RECORD_KEYS = new Set(['term', 'code', 'decision', 'replacement', 'count']);
const FILE_KEYS = new Set(['format', 'formatVersion', 'exported', 'terminology', 'records']);

/**
 * The export of a store's records: terms re-normalised (anything that fails is left out),
 * merged and sorted, so the same feedback gives the same file.
 */
export function createFeedbackFile(
  records: readonly FeedbackRecord[],
  options: { terminology?: string; exported?: string } = {},
): FeedbackFile {
  const merged = new Map<string, FeedbackRecord>();
  for (const r of records) {
    const term = normalizeFeedbackTerm(r.term);
    if (!term || !(r.count >= 1)) continue;
    const rec: FeedbackRecord = {
      term,
      code: toDotted(r.code),
      decision: r.decision,
      count: Math.floor(r.count),
    };
    if (r.decision === 'replace') {
      if (!r.replacement) continue;
      rec.replacement = toDotted(r.replacement);
    }
    const key = `${rec.decision}\t${rec.term}\t${rec.code}\t${rec.replacement ?? ''}`;
    const prev = merged.get(key);
    if (prev) prev.count += rec.count;
    else merged.set(key, rec);
  }
  const sorted = [...merged.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r);
  return {
    format: FEEDBACK_FILE_FORMAT,
    formatVersion: FEEDBACK_FILE_VERSION,
    exported: options.exported ?? new Date().toISOString().slice(0, 10),
    ...(options.terminology ? { terminology: options.terminology } : {}),
    records: sorted,
  };
}

/** The export as JSON text (one record per line, readable in a diff). */
export function serializeFeedbackFile(file: FeedbackFile): string {
  const head = JSON.stringify({ ...file, records: [] }).slice(0, -3);
  return `${head}[\n${file.records.map((r) => JSON.stringify(r)).join(',\n')}\n]}\n`;
}

/**
 * Validates a feedback file (JSON text or parsed value) and returns it; throws
 * {@link FeedbackFileError} naming the first problem. Every term must already be in stored
 * form: at most 6 words and 60 characters, folded, no identifiers.
 */
export function parseFeedbackFile(input: string | unknown): FeedbackFile {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_FEEDBACK_FILE_CHARS)
      throw new FeedbackFileError(
        `Expected a feedback file under ${MAX_FEEDBACK_FILE_CHARS} characters, got ${input.length}.`,
      );
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new FeedbackFileError(
        `Expected a JSON feedback file, got invalid JSON (${(err as Error).message}).`,
      );
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new FeedbackFileError(
      `Expected a feedback file object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  const v = value as Record<string, unknown>;
  if (v.format !== FEEDBACK_FILE_FORMAT)
    throw new FeedbackFileError(
      `Expected format "${FEEDBACK_FILE_FORMAT}", got ${JSON.stringify(v.format)}.`,
    );
  if (v.formatVersion !== FEEDBACK_FILE_VERSION)
    throw new FeedbackFileError(
      `Unsupported feedback file version ${JSON.stringify(v.formatVersion)}; this version of Marginalia reads version ${FEEDBACK_FILE_VERSION}.`,
    );
  for (const k of Object.keys(v))
    if (!FILE_KEYS.has(k))
      throw new FeedbackFileError(
        `Unexpected field "${k.slice(0, 40)}" in the feedback file; expected only ${[...FILE_KEYS].join(', ')}.`,
      );
  if (typeof v.exported !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.exported))
    throw new FeedbackFileError(
      `Expected "exported" as YYYY-MM-DD, got ${JSON.stringify(v.exported)?.slice(0, 40)}.`,
    );
  if (
    v.terminology !== undefined &&
    (typeof v.terminology !== 'string' || v.terminology.length > 60)
  )
    throw new FeedbackFileError('Expected "terminology" as a short release label.');
  if (!Array.isArray(v.records)) throw new FeedbackFileError('Expected "records" to be an array.');
  if (v.records.length > MAX_FEEDBACK_RECORDS)
    throw new FeedbackFileError(
      `Expected at most ${MAX_FEEDBACK_RECORDS} records, got ${v.records.length}.`,
    );
  const records: FeedbackRecord[] = v.records.map((raw, i) => checkRecord(raw, i + 1));
  return {
    format: FEEDBACK_FILE_FORMAT,
    formatVersion: FEEDBACK_FILE_VERSION,
    exported: v.exported,
    ...(typeof v.terminology === 'string' ? { terminology: v.terminology } : {}),
    records,
  };
}

function checkRecord(raw: unknown, n: number): FeedbackRecord {
  const fail = (why: string): never => {
    throw new FeedbackFileError(`Record ${n}: ${why}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('expected an object.');
  const r = raw as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (!RECORD_KEYS.has(k))
      fail(`unexpected field "${k.slice(0, 40)}"; expected only ${[...RECORD_KEYS].join(', ')}.`);
  if (typeof r.term !== 'string') return fail('expected "term" as a string.');
  const words = r.term.trim().split(/\s+/).length;
  if (r.term.length > MAX_TERM_CHARS || words > MAX_TERM_WORDS) {
    return fail(
      `"term" has ${words} words and ${r.term.length} characters; a feedback file holds short terms (at most ${MAX_TERM_WORDS} words, ${MAX_TERM_CHARS} characters), never sentences.`,
    );
  }
  if (normalizeFeedbackTerm(r.term) !== r.term)
    return fail(
      '"term" is not in stored form (lowercase words without punctuation, identifiers or long numbers).',
    );
  if (typeof r.code !== 'string' || !CODE.test(r.code))
    return fail(
      `expected "code" as a dotted ICD-10-CM code, got ${JSON.stringify(r.code)?.slice(0, 20)}.`,
    );
  if (!FEEDBACK_DECISIONS.includes(r.decision as FeedbackDecision))
    return fail(`expected "decision" of ${FEEDBACK_DECISIONS.join(', ')}.`);
  const decision = r.decision as FeedbackDecision;
  if (decision === 'replace') {
    if (typeof r.replacement !== 'string' || !CODE.test(r.replacement))
      return fail('a replace record needs "replacement" as a dotted ICD-10-CM code.');
  } else if (r.replacement !== undefined)
    return fail(`"replacement" belongs only to replace records, not ${decision}.`);
  if (
    typeof r.count !== 'number' ||
    !Number.isInteger(r.count) ||
    r.count < 1 ||
    r.count > 1_000_000
  )
    return fail('expected "count" as a whole number from 1 to 1,000,000.');
  return {
    term: r.term,
    code: r.code,
    decision,
    ...(decision === 'replace' ? { replacement: r.replacement as string } : {}),
    count: r.count,
  };
}

/**
 * Imports a validated file into a store. `merge` (default) adds its counts to the coder's own;
 * `replace` clears the store first. Returns how many records were imported.
 */
export async function importFeedbackFile(
  store: FeedbackStore,
  file: FeedbackFile,
  options: { mode?: 'merge' | 'replace' } = {},
): Promise<{ imported: number }> {
  if (options.mode === 'replace') await store.clear();
  await addFeedbackCounts(store, file.records);
  return { imported: file.records.length };
}
