import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOntology, type Ontology } from '../src/ontology/ontology.js';
import { createCoder, type Coder } from '../src/engine/create-coder.js';
import { coderExtrasFromDisk } from './coder-extras.js';
import { readPackFromDisk } from './read-pack.js';
import { loadModelFromDisk, modelCoderOf, type LoadedModel } from './load-model.js';
import type { ModelCoder } from '../src/engine/model-coder.js';

export interface LoadedCore {
  ontology: Ontology;
  coder: Coder;
  modelLabel: string;
  /** The neural linker, unless --no-model or its files are absent. */
  model?: LoadedModel;
  /** The coder with the linker (the default for code and eval). */
  modelCoder?: ModelCoder;
}

export interface LoadCoreOptions {
  packPath: string;
  withCoder: boolean;
  withModel: boolean;
  withRanker: boolean;
  /** Run the linker's session on its own thread (the CLI's main thread; see cli/model-thread.ts). */
  modelOnOwnThread?: boolean;
}

/** Loads the terminology pack (and, when asked, builds the coder) from files on disk. */
export async function loadCoreFromDisk(options: LoadCoreOptions): Promise<LoadedCore> {
  if (!existsSync(options.packPath)) {
    throw new Error(
      `Terminology pack not found at ${options.packPath}. Run "npm run build" (it packs the official release files from MARGINALIA_DATA), or pass --pack FILE.`,
    );
  }
  // The linker loads beside the pack and the coder: ONNX Runtime compiles its WASM on other
  // threads while this one parses the pack (a failure surfaces at the await below).
  const modelPromise = options.withModel
    ? loadModelFromDisk(path.dirname(options.packPath), {
        onOwnThread: options.modelOnOwnThread === true,
      })
    : undefined;
  modelPromise?.catch(() => undefined);
  await new Promise((resolve) => setImmediate(resolve));
  const pack = readPackFromDisk(options.packPath);
  const ontology = loadOntology(pack as Parameters<typeof loadOntology>[0]);
  let coder: Coder | undefined;
  if (options.withCoder) {
    const extras = coderExtrasFromDisk(path.dirname(options.packPath), {
      withRanker: options.withRanker,
    });
    coder = createCoder(ontology, extras);
  }
  const model = await modelPromise;
  const modelCoder = model && coder ? modelCoderOf(coder, model) : undefined;
  return {
    ontology,
    ...(model ? { model } : {}),
    ...(modelCoder ? { modelCoder } : {}),
    get coder(): Coder {
      if (!coder) coder = createCoder(ontology);
      return coder;
    },
    get modelLabel(): string {
      if (modelCoder) return `model ${modelCoder.modelId}`;
      return coder?.ranker ? `ranker ${coder.ranker.id}` : 'dictionary only';
    },
  };
}
