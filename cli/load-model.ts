import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Coder } from '../src/engine/create-coder.js';
import { createModelCoder, type ModelCoder } from '../src/engine/model-coder.js';
import { readLinkerConfig } from '../src/model/linker-config.js';
import { loadLinker, type LoadedLinker } from '../model-runtime/load-linker.js';
import { findModelFile } from './coder-extras.js';
import { startModelThread } from './model-thread.js';

export type LoadedModel = LoadedLinker;

export interface LoadModelOptions {
  /**
   * Run the ONNX session on its own thread (cli/model-thread.ts), from the bundled
   * dist/cli/model-thread-worker.js beside the CLI; default: on this thread.
   */
  onOwnThread?: boolean;
}

/**
 * Loads the linker (models/linker.json, linker.onnx, linker-codes.bin) and runs it with
 * onnxruntime-web's node build (WASM). Returns undefined, with one line on stderr, when the
 * model files are absent: the dictionary path still works.
 */
export async function loadModelFromDisk(
  packDir: string,
  options: LoadModelOptions = {},
): Promise<LoadedModel | undefined> {
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
  useBaselineWasmCompiler();
  // The file's own bytes, not a copy (a file this size never lands in Node's shared buffer pool).
  const readBytes = async (file: string): Promise<Uint8Array> => {
    const b = readFileSync(path.join(dir, file));
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  };
  return loadLinker(
    {
      config,
      readCodeEmbeddings: () => readBytes(config.files.codeEmbeddings.file),
      readModel: () => readBytes(config.files.model.file),
      remedy: `models/${config.files.codeEmbeddings.file} does not match models/linker.json: run "npm run train"`,
    },
    options.onOwnThread
      ? {
          start: () =>
            startModelThread(
              new URL('./model-thread-worker.js', import.meta.url),
              path.join(dir, config.files.model.file),
            ),
        }
      : { numThreads: 1 },
  );
}

/**
 * Compiles ONNX Runtime's WASM (13.6 MiB) with V8's baseline compiler only: the optimizing
 * tier-up recompiles the hot functions with TurboFan, which costs this process about 150 MiB of
 * peak RSS and 2 s of CPU over a 250-note run, and the tiny static-embedding graph gains nothing
 * from it (measured: docs/BENCHMARKS.md). The flag is process-wide and read when a module
 * compiles, so it is set before the first session; the embeddings are the same either way.
 */
function useBaselineWasmCompiler(): void {
  setFlagsFromString('--liftoff-only');
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
