/**
 * The neural linker in the offscreen document: models/linker.json and linker.onnx from the
 * package, and the code embeddings from IndexedDB or computed from linker.onnx on the first start
 * (device-code-embeddings.ts), loaded by model-runtime/load-linker.ts on ORT's WASM build
 * (threads when the document is cross-origin isolated). Loaded once, after the coder, so the
 * first codes never wait for it. When it cannot load, coding goes on with the dictionary path
 * and the result carries a notice the panel shows.
 */
import type { Coder } from '../../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../../src/engine/model-coder.js';
import { readLinkerConfig, type LinkerConfig } from '../../src/model/linker-config.js';
import { restoreInitialRows } from '../../src/model/linker-initial-rows.js';
import { readLinkerWeights } from '../../src/model/read-linker-onnx.js';
import { loadOntology, type Ontology } from '../../src/ontology/ontology.js';
import type { TerminologyPack } from '../../src/ontology/pack-format.js';
import { loadLinker, type LoadedLinker } from '../../model-runtime/load-linker.js';
import { OrtModelRunner } from '../../model-runtime/ort-model-runner.js';
import { describeErrorForLog, warnOnce } from '../shared/logger.js';
import type { PackCatalog } from '../shared/pack-catalog.js';
import {
  loadCodeEmbeddings,
  type CodeEmbeddingsLoad,
  type CodeEmbeddingsSource,
} from './device-code-embeddings.js';
import { fetchPackagedFile, readPackagedJson, readPackCatalog } from './packaged-file.js';
import { nextTask } from './next-task.js';
import { sha256Hex } from './sha256-hex.js';

/** Why the model is not in use, for the panel; undefined while it loads or once it works. */
export type ModelState =
  | { kind: 'loading' }
  | { kind: 'ready'; linker: LoadedLinker }
  | { kind: 'unavailable'; notice: string };

/** The linker and where its code embeddings came from this time. */
export interface PackagedLinker extends LoadedLinker {
  codeEmbeddingsLoad: Omit<CodeEmbeddingsLoad, 'bytes'>;
}

/**
 * The terminology the linker embedded its codes from: the coder's own when it is that one, else
 * the packaged pack of that label (the active one was imported from a newer release).
 */
async function linkerOntology(
  catalog: PackCatalog,
  terminology: string,
  active: Ontology | undefined,
): Promise<Ontology> {
  if (active?.label === terminology) return active;
  const entry = catalog.packs.find((p) => `${p.classification} ${p.version}` === terminology);
  if (!entry)
    throw new Error(
      `Expected the packaged terminology "${terminology}" the linker was trained on, got ${catalog.packs.map((p) => `${p.classification} ${p.version}`).join(', ')}.`,
    );
  return loadOntology((await readPackagedJson(entry.file)) as TerminologyPack);
}

/**
 * The model as trained: a packaged file with its untrained table rows zeroed gets them back from
 * their seed (src/model/linker-initial-rows.ts); either way the bytes must hash to linker.json's.
 */
async function restoredModel(
  bytes: Uint8Array<ArrayBuffer>,
  config: LinkerConfig,
  seed: number | undefined,
): Promise<Uint8Array<ArrayBuffer>> {
  // In slices, so that a coding request that arrives meanwhile waits for one slice at most.
  if (seed !== undefined) await restoreInitialRows(readLinkerWeights(bytes), seed, nextTask);
  const got = await sha256Hex(bytes);
  if (got !== config.files.model.sha256)
    throw new Error(
      `Expected the packaged linker model to hash to ${config.files.model.sha256} (linker.json), got ${got}.`,
    );
  return bytes;
}

/**
 * The packaged linker's config and model, and the terminology to embed its codes from; throws
 * with a message that names the missing piece. `ontology`, the coder's, saves reading the pack
 * again when the code embeddings are computed.
 */
export async function packagedLinkerSource(ontology?: Ontology): Promise<CodeEmbeddingsSource> {
  const catalog = await readPackCatalog();
  const { linker, linkerModel } = catalog;
  if (!linker || !linkerModel) {
    throw new Error('This build has no neural linker (models/linker.* were not packaged).');
  }
  const config = readLinkerConfig(await (await fetchPackagedFile(linker)).json());
  let model: Promise<Uint8Array> | undefined;
  return {
    config,
    // One read serves the ORT session and, on a first start, the code embeddings.
    readModel: () =>
      (model ??= fetchPackagedFile(linkerModel)
        .then(async (r) => new Uint8Array(await r.arrayBuffer()))
        .then((bytes) => restoredModel(bytes, config, catalog.linkerModelSeed))),
    readOntology: () => linkerOntology(catalog, config.terminology, ontology),
  };
}

/** Loads the linker from the package (see {@link packagedLinkerSource}). */
export async function loadPackagedLinker(ontology?: Ontology): Promise<PackagedLinker> {
  const codeEmbeddings = await packagedLinkerSource(ontology);
  // The session first: ONNX Runtime compiles its WASM while the embeddings load, and they are
  // computed only once it runs.
  const runner = codeEmbeddings
    .readModel()
    .then((modelBytes) =>
      OrtModelRunner.create({ modelBytes, wasmPaths: chrome.runtime.getURL('ort/') }),
    );
  runner.catch(() => undefined); // surfaces through loadLinker
  let codeEmbeddingsLoad: PackagedLinker['codeEmbeddingsLoad'] | undefined;
  const loaded = await loadLinker(
    {
      config: codeEmbeddings.config,
      readCodeEmbeddings: async () => {
        const { bytes, ...load } = await loadCodeEmbeddings(codeEmbeddings, runner);
        codeEmbeddingsLoad = load;
        return bytes;
      },
      readModel: codeEmbeddings.readModel,
      remedy: 'the package is damaged: reinstall the extension',
    },
    { start: () => runner },
  );
  return { ...loaded, codeEmbeddingsLoad: codeEmbeddingsLoad! };
}

/** Holds the linker's state and wraps a coder with it when it is ready. */
export class LinkerHost {
  private state: ModelState = { kind: 'loading' };
  private loading: Promise<void> | undefined;
  /** Model coders by the coder they wrap (the linker, once ready, never changes). */
  private readonly wrapped = new WeakMap<Coder, ModelCoder>();

  /** Starts loading (idempotent); `ontology` is the coder's (see {@link loadPackagedLinker}). */
  start(ontology?: Ontology): Promise<void> {
    this.loading ??= loadPackagedLinker(ontology).then(
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
