/**
 * The model thread's own module (see cli/model-thread.ts), bundled on its own as
 * dist/cli/model-thread-worker.js so that the thread loads ONNX Runtime and nothing else: it
 * reads the graph from the path it is sent and creates the session, then embeds the feature batches it is sent.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { OrtModelRunner } from '../model-runtime/ort-model-runner.js';
import type { FromModelThread, ToModelThread } from './model-thread.js';

const port = parentPort;
if (!port) throw new Error('cli/model-thread-worker.ts runs as a worker thread, not on its own.');
let runner: OrtModelRunner | undefined;
port.on('message', (m: ToModelThread) => {
  if ('start' in m) {
    const file = readFileSync(m.start.modelPath);
    const modelBytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    OrtModelRunner.create({ modelBytes, numThreads: 1 }).then(
      (r) => {
        runner = r;
        port.postMessage({ ready: { loadMs: r.loadMs } } satisfies FromModelThread);
      },
      (err: unknown) =>
        port.postMessage({
          failed: err instanceof Error ? err.message : String(err),
        } satisfies FromModelThread),
    );
  } else if ('dispose' in m) {
    runner?.dispose();
    port.close();
  } else {
    const batch = { batch: m.batch, length: m.length, ids: m.ids, weights: m.weights };
    runner!.embed(batch).then(
      (vectors) => port.postMessage({ id: m.id, vectors } satisfies FromModelThread),
      (err: unknown) =>
        port.postMessage({
          id: m.id,
          error: err instanceof Error ? err.message : String(err),
        } satisfies FromModelThread),
    );
  }
});
