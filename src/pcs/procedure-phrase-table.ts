/**
 * The shape of `dist/packs/codiesp-procedure-phrases.json`, written by
 * `build/mine-codiesp-procedures.ts`: English phrases that expressed a gold ICD-10-PCS code
 * (full or cut after the 4th character, as CodiEsp writes them) in the training notes, with how
 * often the phrase meant that code across training documents.
 */
import type { MinedPhrase } from '../eval/codiesp-train-stats.js';

export const PROCEDURE_PHRASES_FORMAT = 'marginalia-codiesp-procedure-phrases';
export const PROCEDURE_PHRASES_FORMAT_VERSION = 1;

export interface ProcedurePhraseTable {
  format: typeof PROCEDURE_PHRASES_FORMAT;
  formatVersion: number;
  /** "train+dev" or "train". */
  split: string;
  documents: number;
  inputHash: string;
  sources: Array<{ file: string; sha256: string }>;
  /** Training documents containing each gold procedure code (uppercase). */
  codeDocFreq: Record<string, number>;
  /** Phrases, codes uppercase; `precision` as in the diagnosis table. */
  phrases: MinedPhrase[];
  summary: { goldPairs: number; pairsWithSpan: number; pairsWithPhrase: number };
}

/** Checks the shape; throws naming what was expected and what came. */
export function assertProcedurePhraseTable(value: unknown): asserts value is ProcedurePhraseTable {
  const t = value as Partial<ProcedurePhraseTable> | null;
  if (
    t?.format !== PROCEDURE_PHRASES_FORMAT ||
    t.formatVersion !== PROCEDURE_PHRASES_FORMAT_VERSION ||
    !Array.isArray(t.phrases)
  ) {
    throw new Error(
      `Expected a procedure phrase table (format "${PROCEDURE_PHRASES_FORMAT}" version ${PROCEDURE_PHRASES_FORMAT_VERSION}), got format ${JSON.stringify(t?.format ?? null)} version ${JSON.stringify(t?.formatVersion ?? null)}.`,
    );
  }
}
