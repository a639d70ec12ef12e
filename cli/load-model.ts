import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Coder } from '../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../src/engine/model-coder.js';
import type { TextEmbedder } from '../src/engine/model-port.js';
import { readLinkerConfig, type LinkerConfig } from '../src/model/linker-config.js';
import { decodeCodeEmbeddings } from '../src/model/code-embeddings.js';
import { CodeIndex } from '../src/model/code-index.js';
import { createTextEmbedder } from '../src/model/create-text-embedder.js';
import { OrtModelRunner } from '../extension/offscreen/ort-model-runner.js';
import { findModelFile } from './coder-extras.js';

export interface LoadedModel {
  config: LinkerConfig;
  runner: OrtModelRunner;
  embedder: TextEmbedder;
  codeIndex: CodeIndex;
  /** Milliseconds: session creation, and reading + decoding the code embeddings. */
  loadMs: { session: number; codeEmbeddings: number };
}

/**
 * Loads the linker (models/linker.json, linker.onnx, linker-codes.bin) and runs it with
 * onnxruntime-web's node build (WASM). Returns undefined, with one line on stderr, when the
 * model files are absent: the dictionary path still works.
 */
export async function loadModelFromDisk(packDir: string): Promise<LoadedModel | undefined> {
  const configPath = findModelFile('linker.json', packDir);
  if (!configPath) {
    process.stderr.write('marginalia: models/linker.json not found; using the dictionary path (run "npm run train").\n');
    return undefined;
  }
  const config = readLinkerConfig(JSON.parse(readFileSync(configPath, 'utf8')));
  const dir = path.dirname(configPath);
  for (const f of [config.files.model.file, config.files.codeEmbeddings.file]) {
    if (!existsSync(path.join(dir, f))) throw new Error(`Model file ${path.join(dir, f)} is missing; run "npm run build" (or "npm run train"), or pass --no-model.`);
  }
  let t = performance.now();
  const codeEmbeddings = decodeCodeEmbeddings(new Uint8Array(readFileSync(path.join(dir, config.files.codeEmbeddings.file))));
  if (codeEmbeddings.modelId !== config.id) throw new Error(`models/${config.files.codeEmbeddings.file} belongs to ${codeEmbeddings.modelId}, models/linker.json to ${config.id}; run "npm run train".`);
  const codeIndex = new CodeIndex(codeEmbeddings);
  const codeMs = performance.now() - t;
  t = performance.now();
  const runner = await OrtModelRunner.create({ modelBytes: new Uint8Array(readFileSync(path.join(dir, config.files.model.file))), numThreads: 1 });
  const embedder = createTextEmbedder(runner, { id: config.id, dim: config.dim, featurizer: config.featurizer });
  return { config, runner, embedder, codeIndex, loadMs: { session: runner.loadMs, codeEmbeddings: codeMs } };
}

export function modelCoderOf(coder: Coder, model: LoadedModel): ModelCoder {
  const fusion = model.config.fusion;
  if (fusion && coder.ranker && fusion.rankerId !== coder.ranker.id) {
    process.stderr.write(`marginalia: the linker's fusion was fitted with ${fusion.rankerId}, the ranker is ${coder.ranker.id}; run "npm run train".\n`);
  }
  return createModelCoder(coder, model.embedder, model.codeIndex, fusion && coder.ranker ? { fusion } : {});
}
