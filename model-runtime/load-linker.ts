/**
 * Loads the neural linker (its config, int8 code embeddings and ONNX graph) into an embedder
 * and a code index, run by {@link OrtModelRunner}. The CLI reads the files from disk
 * (cli/load-model.ts), the extension from its package (extension/offscreen/load-model.ts):
 * they differ only in how the bytes are read.
 */
import type { FeatureBatchRunner, TextEmbedder } from '../src/engine/model-port.js';
import { decodeCodeEmbeddings } from '../src/model/code-embeddings.js';
import { CodeIndex } from '../src/model/code-index.js';
import { createTextEmbedder } from '../src/model/create-text-embedder.js';
import type { LinkerConfig } from '../src/model/linker-config.js';
import { OrtModelRunner, type OrtModelRunnerOptions } from './ort-model-runner.js';

/** Where a linker's files come from. */
export interface LinkerSource {
  config: LinkerConfig;
  readCodeEmbeddings(): Promise<Uint8Array>;
  readModel(): Promise<Uint8Array>;
  /** What fixes a mismatch of config and files, for the error, e.g. `run "npm run train"`. */
  remedy: string;
}

/** What runs the linker's graph: {@link OrtModelRunner} on this thread, or the CLI's model thread. */
export interface LinkerRunner extends FeatureBatchRunner {
  readonly executionProviders: string[];
  /** Milliseconds the session took to create. */
  readonly loadMs: number;
  dispose(): void;
}

/**
 * How the runner starts: ONNX Runtime on this thread with these options (from
 * `source.readModel()`), or `start`, which finds the graph itself.
 */
export type RunnerStart =
  Omit<OrtModelRunnerOptions, 'modelBytes'> | { start(): Promise<LinkerRunner> };

export interface LoadedLinker {
  config: LinkerConfig;
  runner: LinkerRunner;
  embedder: TextEmbedder;
  codeIndex: CodeIndex;
  /** Milliseconds: session creation, and reading + decoding the code embeddings. */
  loadMs: { session: number; codeEmbeddings: number };
}

export async function loadLinker(
  source: LinkerSource,
  runnerStart: RunnerStart,
): Promise<LoadedLinker> {
  const { config } = source;
  // The session first: ONNX Runtime compiles its WASM off this thread while the embeddings decode.
  const runnerPromise: Promise<LinkerRunner> =
    'start' in runnerStart
      ? runnerStart.start()
      : source
          .readModel()
          .then((modelBytes) => OrtModelRunner.create({ ...runnerStart, modelBytes }));
  // A failure surfaces at the await below; until then it is not unhandled.
  runnerPromise.catch(() => undefined);
  const t = performance.now();
  const codeEmbeddings = decodeCodeEmbeddings(await source.readCodeEmbeddings());
  if (codeEmbeddings.modelId !== config.id) {
    throw new Error(
      `Expected the code embeddings of linker ${config.id}, got those of ${codeEmbeddings.modelId}; ${source.remedy}.`,
    );
  }
  const codeIndex = new CodeIndex(codeEmbeddings);
  const codeMs = performance.now() - t;
  const runner = await runnerPromise;
  const embedder = createTextEmbedder(runner, {
    id: config.id,
    dim: config.dim,
    featurizer: config.featurizer,
  });
  return {
    config,
    runner,
    embedder,
    codeIndex,
    loadMs: { session: runner.loadMs, codeEmbeddings: codeMs },
  };
}
