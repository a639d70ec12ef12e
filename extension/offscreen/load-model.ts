/**
 * The neural linker in the offscreen document: models/linker.json, linker.onnx and
 * linker-codes.bin from the package, loaded by model-runtime/load-linker.ts on ORT's WASM build
 * (threads when the document is cross-origin isolated). Loaded once, after the coder, so the
 * first codes never wait for it. When it cannot load, coding goes on with the dictionary path
 * and the result carries a notice the panel shows.
 */
import type { Coder } from '../../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../../src/engine/model-coder.js';
import { readLinkerConfig } from '../../src/model/linker-config.js';
import { loadLinker, type LoadedLinker } from '../../model-runtime/load-linker.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import { fetchPackagedFile, readPackCatalog } from './packaged-file.js';

/** Why the model is not in use, for the panel; undefined while it loads or once it works. */
export type ModelState =
  | { kind: 'loading' }
  | { kind: 'ready'; linker: LoadedLinker }
  | { kind: 'unavailable'; notice: string };

/** Loads the linker from the package; throws with a message that names the missing piece. */
export async function loadPackagedLinker(): Promise<LoadedLinker> {
  const catalog = await readPackCatalog();
  const { linker, linkerModel, linkerCodes } = catalog;
  if (!linker || !linkerModel || !linkerCodes) {
    throw new Error('This build has no neural linker (models/linker.* were not packaged).');
  }
  const readBytes = async (file: string): Promise<Uint8Array> =>
    new Uint8Array(await (await fetchPackagedFile(file)).arrayBuffer());
  return loadLinker(
    {
      config: readLinkerConfig(await (await fetchPackagedFile(linker)).json()),
      readCodeEmbeddings: () => readBytes(linkerCodes),
      readModel: () => readBytes(linkerModel),
      remedy: 'the package is damaged: reinstall the extension',
    },
    { wasmPaths: chrome.runtime.getURL('ort/') },
  );
}

/** Holds the linker's state and wraps a coder with it when it is ready. */
export class LinkerHost {
  private state: ModelState = { kind: 'loading' };
  private loading: Promise<void> | undefined;
  /** Model coders by the coder they wrap (the linker, once ready, never changes). */
  private readonly wrapped = new WeakMap<Coder, ModelCoder>();

  /** Starts loading (idempotent). */
  start(): Promise<void> {
    this.loading ??= loadPackagedLinker().then(
      (linker) => {
        this.state = { kind: 'ready', linker };
      },
      (error: unknown) => {
        warnOnce(
          `Neural linker unavailable; coding with the dictionary path (${describeErrorForLog(error)}).`,
        );
        this.state = {
          kind: 'unavailable',
          notice: 'The neural linker could not load; codes come from the dictionary path alone.',
        };
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
    const linkerFusion = linker.config.fusion;
    const fusion =
      linkerFusion && coder.ranker && linkerFusion.rankerId === coder.ranker.id
        ? { fusion: linkerFusion }
        : {};
    const modelCoder = createModelCoder(coder, linker.embedder, linker.codeIndex, fusion);
    this.wrapped.set(coder, modelCoder);
    return modelCoder;
  }
}
