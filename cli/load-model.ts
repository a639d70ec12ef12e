import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Coder } from '../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../src/engine/model-coder.js';
import { readLinkerConfig } from '../src/model/linker-config.js';
import { loadLinker, type LoadedLinker } from '../model-runtime/load-linker.js';
import { findModelFile } from './coder-extras.js';

export type LoadedModel = LoadedLinker;

/**
 * Loads the linker (models/linker.json, linker.onnx, linker-codes.bin) and runs it with
 * onnxruntime-web's node build (WASM). Returns undefined, with one line on stderr, when the
 * model files are absent: the dictionary path still works.
 */
export async function loadModelFromDisk(packDir: string): Promise<LoadedModel | undefined> {
  const configPath = findModelFile('linker.json', packDir);
  if (!configPath) {
    process.stderr.write(
      'marginalia: models/linker.json not found; using the dictionary path (run "npm run train").\n',
    );
    return undefined;
  }
  const config = readLinkerConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  const dir = path.dirname(configPath);
  for (const f of [config.files.model.file, config.files.codeEmbeddings.file]) {
    if (!existsSync(path.join(dir, f))) {
      throw new Error(
        `Model file ${path.join(dir, f)} is missing; run "npm run build" (or "npm run train"), or pass --no-model.`,
      );
    }
  }
  const readBytes = async (file: string): Promise<Uint8Array> =>
    new Uint8Array(readFileSync(path.join(dir, file)));
  return loadLinker(
    {
      config,
      readCodeEmbeddings: () => readBytes(config.files.codeEmbeddings.file),
      readModel: () => readBytes(config.files.model.file),
      remedy: `models/${config.files.codeEmbeddings.file} does not match models/linker.json: run "npm run train"`,
    },
    { numThreads: 1 },
  );
}

export function modelCoderOf(coder: Coder, model: LoadedModel): ModelCoder {
  const fusion = model.config.fusion;
  if (fusion && coder.ranker && fusion.rankerId !== coder.ranker.id) {
    process.stderr.write(
      `marginalia: the linker's fusion was fitted with ${fusion.rankerId}, the ranker is ${coder.ranker.id}; run "npm run train".\n`,
    );
  }
  return createModelCoder(
    coder,
    model.embedder,
    model.codeIndex,
    fusion && coder.ranker ? { fusion } : {},
  );
}
