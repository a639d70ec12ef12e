/**
 * The offscreen document's benchmark hooks (test build only, under `__TEST__`):
 * `globalThis.marginaliaOffscreen.benchmarkCoding`, `.benchmarkCodeText` and `.benchmarkLinker`, read by
 * test/e2e/bench-chromium.mjs and test/e2e/neural-linker.e2e.ts. Synthetic text goes in,
 * timings and sizes come out, never text. The release build has none of this.
 */
import type { CodingOptions } from '../../src/engine/coding-types.js';
import type { FeedbackCodingResult } from '../shared/protocol.js';
import type { CoderHost } from './coder-host.js';
import { computeCodeEmbeddings, loadCodeEmbeddings } from './device-code-embeddings.js';
import { loadPackagedLinker, packagedLinkerSource } from './load-model.js';

interface LinkerTimings {
  /** Everything: files read, model restored and checked, session, code embeddings. */
  loadMs: number;
  sessionMs: number;
  /** Reading (IndexedDB) or computing the code embeddings, and decoding and indexing them. */
  codeEmbeddingsMs: number;
  codeEmbeddingsFrom: 'indexeddb' | 'computed';
  firstEmbedMs: number;
  warmEmbedMs: number;
  mentions: number;
  executionProviders: string[];
}

const WORDS = [
  'chronic',
  'kidney',
  'disease',
  'stage',
  'acute',
  'pancreatitis',
  'left',
  'femur',
  'fracture',
  'type',
  '2',
  'diabetes',
  'heart',
  'failure',
  'pneumonia',
  'renal',
  'colic',
  'hypertension',
];

function syntheticMentions(count: number): string[] {
  const word = (i: number): string => WORDS[i % WORDS.length]!;
  return Array.from(
    { length: count },
    (_, i) => `${word(i)} ${word(i * 7 + 3)} ${word(i * 11 + 5)}`,
  );
}

/**
 * Times the linker in this document: session creation from the packaged model, then
 * embedding `count` synthetic mentions (first run, and the median of five warm runs).
 */
async function benchmarkLinker(count = 200): Promise<LinkerTimings> {
  const t0 = performance.now();
  const linker = await loadPackagedLinker();
  const loadMs = performance.now() - t0;
  const mentions = syntheticMentions(count);
  let t = performance.now();
  await linker.embedder.embed(mentions);
  const firstEmbedMs = performance.now() - t;
  const warm: number[] = [];
  for (let k = 0; k < 5; k++) {
    t = performance.now();
    await linker.embedder.embed(mentions);
    warm.push(performance.now() - t);
  }
  warm.sort((a, b) => a - b);
  const { session: sessionMs, codeEmbeddings: codeEmbeddingsMs } = linker.loadMs;
  return {
    loadMs,
    sessionMs,
    codeEmbeddingsMs,
    codeEmbeddingsFrom: linker.codeEmbeddingsLoad.from,
    firstEmbedMs,
    warmEmbedMs: warm[2]!,
    mentions: count,
    executionProviders: linker.runner.executionProviders,
  };
}

/**
 * The code embeddings' first-start cost (computed from linker.onnx, uncached) and warm cost
 * (read from IndexedDB and checked), in this document, after the coder has loaded.
 */
async function benchmarkCodeEmbeddings(
  host: CoderHost,
): Promise<{ computeMs: number; cachedMs: number; cachedFrom: string; codes: number }> {
  const source = await packagedLinkerSource((await host.get()).ontology);
  const t = performance.now();
  const bytes = await computeCodeEmbeddings(source);
  const computeMs = performance.now() - t;
  const cached = await loadCodeEmbeddings(source);
  return {
    computeMs,
    cachedMs: cached.ms,
    cachedFrom: cached.from,
    codes: new DataView(bytes.buffer).getUint32(8, true),
  };
}

/**
 * Codes a (synthetic) text `runs` times as the `codeText` handler does and returns timings and
 * the result's size only.
 */
async function benchmarkCoding(
  host: CoderHost,
  text: string,
  runs: number,
): Promise<{ codeMs: number[]; structuredCloneMs: number; resultJsonChars: number }> {
  const codeMs: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await host.code(text, {}, true);
    codeMs.push(performance.now() - t0);
  }
  const t0 = performance.now();
  structuredClone(result);
  const structuredCloneMs = performance.now() - t0;
  return { codeMs, structuredCloneMs, resultJsonChars: JSON.stringify(result).length };
}

/**
 * Times `codeNote` (what the `codeText` handler runs: diagnoses and procedures, without the
 * messaging) `runs` times on a (synthetic) text; timings and the result's size only.
 */
async function benchmarkCodeText(
  codeNote: CodeNote,
  text: string,
  runs: number,
): Promise<{ codeMs: number[]; resultJsonChars: number }> {
  const codeMs: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await codeNote(text, {}, true);
    codeMs.push(performance.now() - t0);
  }
  return { codeMs, resultJsonChars: JSON.stringify(result).length };
}

type CodeNote = (
  text: string,
  options: CodingOptions,
  useFeedback: boolean,
) => Promise<FeedbackCodingResult>;

/**
 * Installs the hooks; `codeNote` is the `codeText` handler's work; `extra` adds the document's
 * own (counts only, e.g. `codingStats`).
 */
export function exposeBenchmarkHooks(
  host: CoderHost,
  codeNote: CodeNote,
  extra: Record<string, () => unknown> = {},
): void {
  (globalThis as { marginaliaOffscreen?: unknown }).marginaliaOffscreen = {
    benchmarkLinker,
    benchmarkCodeEmbeddings: () => benchmarkCodeEmbeddings(host),
    benchmarkCoding: (text: string, runs = 5) => benchmarkCoding(host, text, runs),
    benchmarkCodeText: (text: string, runs = 5) => benchmarkCodeText(codeNote, text, runs),
    ...extra,
  };
}
