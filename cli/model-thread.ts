/**
 * The linker's ONNX Runtime session on its own thread (the CLI's one-thread path): creating the
 * session (compiling ONNX Runtime's WASM and loading the graph, the longest single step of
 * start-up) runs beside the pack parse and the coder build on the main thread instead of after
 * them, and each note's embeddings are computed there. The worker is cli/model-thread-worker.ts,
 * bundled as dist/cli/model-thread-worker.js; the embeddings are the same as on the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { FeatureBatch } from '../src/model/featurize-text.js';
import type { LinkerRunner } from '../model-runtime/load-linker.js';

/** Main thread → model thread. */
export type ToModelThread =
  | { start: { modelPath: string } }
  | { id: number; batch: number; length: number; ids: Int32Array; weights: Float32Array }
  | { dispose: true };
/** Model thread → main thread. */
export type FromModelThread =
  | { ready: { loadMs: number } }
  | { failed: string }
  | { id: number; vectors: Float32Array }
  | { id: number; error: string };

/** Starts the model thread from `workerUrl`; it reads the graph from `modelPath` itself. */
export function startModelThread(workerUrl: URL, modelPath: string): Promise<LinkerRunner> {
  const worker = new Worker(workerUrl);
  const pending = new Map<number, { resolve(v: Float32Array): void; reject(e: Error): void }>();
  let nextId = 0;
  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return new Promise<LinkerRunner>((resolve, reject) => {
    worker.on('error', (cause: unknown) => {
      const err = cause instanceof Error ? cause : new Error(String(cause));
      reject(err);
      failAll(err);
    });
    worker.on('exit', (code) => {
      const err = new Error(`The model thread stopped with exit status ${code}.`);
      reject(err);
      failAll(err);
    });
    worker.on('message', (m: FromModelThread) => {
      if ('ready' in m) {
        resolve(modelThreadRunner(worker, m.ready.loadMs, pending, () => nextId++));
        return;
      }
      if ('failed' in m) {
        reject(new Error(`The linker's ONNX session could not be created: ${m.failed}`));
        void worker.terminate();
        return;
      }
      const p = pending.get(m.id);
      pending.delete(m.id);
      if ('error' in m) p?.reject(new Error(m.error));
      else p?.resolve(m.vectors);
    });
    worker.postMessage({ start: { modelPath } } satisfies ToModelThread);
  });
}

function modelThreadRunner(
  worker: Worker,
  loadMs: number,
  pending: Map<number, { resolve(v: Float32Array): void; reject(e: Error): void }>,
  newId: () => number,
): LinkerRunner {
  let disposed = false;
  // An idle model thread does not keep the process alive; a pending embedding does.
  worker.unref();
  return {
    executionProviders: ['wasm'],
    loadMs,
    embed(batch: FeatureBatch): Promise<Float32Array> {
      if (disposed) return Promise.reject(new Error('The model thread was disposed.'));
      if (batch.batch === 0) return Promise.resolve(new Float32Array(0));
      const id = newId();
      const { ids, weights } = batch;
      return new Promise((resolve, reject) => {
        if (pending.size === 0) worker.ref();
        pending.set(id, {
          resolve: (v) => {
            if (pending.size === 0) worker.unref();
            resolve(v);
          },
          reject,
        });
        worker.postMessage({
          id,
          batch: batch.batch,
          length: batch.length,
          ids,
          weights,
        } satisfies ToModelThread);
      });
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      worker.postMessage({ dispose: true } satisfies ToModelThread);
    },
  };
}
