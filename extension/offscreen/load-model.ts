/**
 * The neural linker in the offscreen document: models/linker.json, linker.onnx and
 * linker-codes.bin from the package, run by {@link OrtModelRunner} on ORT's WASM build
 * (threads when the document is cross-origin isolated). Loaded once, after the coder, so the
 * first codes never wait for it. When it cannot load, coding goes on with the dictionary path
 * and the result carries a notice the panel shows.
 */
import type { Coder } from '../../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../../src/engine/model-coder.js';
import { readLinkerConfig } from '../../src/model/linker-config.js';
import { decodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { CodeIndex } from '../../src/model/code-index.js';
import { createTextEmbedder } from '../../src/model/create-text-embedder.js';
import type { TextEmbedder } from '../../src/engine/model-port.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import { OrtModelRunner } from './ort-model-runner.js';
import { fetchPackagedFile, readPackCatalog } from './packaged-file.js';

export interface LoadedLinker {
  id: string;
  embedder: TextEmbedder;
  codeIndex: CodeIndex;
  fusion: ReturnType<typeof readLinkerConfig>['fusion'];
  /** Milliseconds: session creation, code embeddings. */
  loadMs: { session: number; codeEmbeddings: number };
  executionProviders: string[];
}

/** Why the model is not in use, for the panel; undefined while it loads or once it works. */
export type ModelState = { kind: 'loading' } | { kind: 'ready'; linker: LoadedLinker } | { kind: 'unavailable'; notice: string };

/** Loads the linker from the package; throws with a message that names the missing piece. */
export async function loadLinker(): Promise<LoadedLinker> {
  const catalog = await readPackCatalog();
  if (!catalog.linker || !catalog.linkerModel || !catalog.linkerCodes) {
    throw new Error('This build has no neural linker (models/linker.* were not packaged).');
  }
  const config = readLinkerConfig(await (await fetchPackagedFile(catalog.linker)).json());
  let t = performance.now();
  const codes = decodeCodeEmbeddings(new Uint8Array(await (await fetchPackagedFile(catalog.linkerCodes)).arrayBuffer()));
  if (codes.modelId !== config.id) {
    throw new Error(`The packaged code embeddings belong to ${codes.modelId}, the linker is ${config.id}.`);
  }
  const codeIndex = new CodeIndex(codes);
  const codeEmbeddings = performance.now() - t;
  t = performance.now();
  const runner = await OrtModelRunner.create({
    modelBytes: new Uint8Array(await (await fetchPackagedFile(catalog.linkerModel)).arrayBuffer()),
    wasmPaths: chrome.runtime.getURL('ort/'),
  });
  const embedder = createTextEmbedder(runner, { id: config.id, dim: config.dim, featurizer: config.featurizer });
  return {
    id: config.id,
    embedder,
    codeIndex,
    fusion: config.fusion,
    loadMs: { session: runner.loadMs, codeEmbeddings },
    executionProviders: runner.executionProviders,
  };
}

/** Holds the linker's state and wraps a coder with it when it is ready. */
export class LinkerHost {
  private state: ModelState = { kind: 'loading' };
  private loading: Promise<void> | undefined;
  /** Model coders by the coder they wrap (the linker, once ready, never changes). */
  private readonly wrapped = new WeakMap<Coder, ModelCoder>();

  /** Starts loading (idempotent). */
  start(): Promise<void> {
    this.loading ??= loadLinker().then(
      (linker) => {
        this.state = { kind: 'ready', linker };
      },
      (error: unknown) => {
        warnOnce(`Neural linker unavailable; coding with the dictionary path (${describeErrorForLog(error)}).`);
        this.state = { kind: 'unavailable', notice: 'The neural linker could not load; codes come from the dictionary path alone.' };
      },
    );
    return this.loading;
  }

  get current(): ModelState {
    return this.state;
  }

  /**
   * The model coder over `coder` when the linker is ready, else undefined. Made once per coder
   * and kept: it holds per-code caches (the neighbour prior, the retrievable codes) that cost
   * tens of milliseconds to refill on every note.
   */
  wrap(coder: Coder): ModelCoder | undefined {
    if (this.state.kind !== 'ready') return undefined;
    const cached = this.wrapped.get(coder);
    if (cached) return cached;
    const { linker } = this.state;
    const fusion = linker.fusion && coder.ranker && linker.fusion.rankerId === coder.ranker.id ? { fusion: linker.fusion } : {};
    const modelCoder = createModelCoder(coder, linker.embedder, linker.codeIndex, fusion);
    this.wrapped.set(coder, modelCoder);
    return modelCoder;
  }
}
