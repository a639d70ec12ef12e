/**
 * The one module that imports onnxruntime-web. It owns session creation and wasm paths; the
 * core only sees {@link FeatureBatchRunner}.
 *
 * - Node (CLI, vitest): the package's node export runs the same WASM build from node_modules.
 * - Extension (offscreen document): WASM from `wasmPaths` (the extension's ort/ folder), threads
 *   when the page is cross-origin isolated. The build aliases ORT's WASM-only build
 *   (build/extension/esbuild-options.mjs): the linker is a static-embedding encoder (a Gather, a
 *   weighted sum and a 64x64 MatMul per text, 1.4-2.5 ms of ORT time per CodiEsp note), and
 *   WebGPU does not pay for it: measured in Chromium by `npm run bench:webgpu`
 *   (test/e2e/measure-webgpu.mjs; figures in models/MODEL_CARD.md, "Encoder inference per
 *   note"): same embeddings, 20-200x slower per batch on a software adapter, and on any GPU
 *   ORT 1.30's WebGPU provider runs the int8 Gather on the CPU and uploads its
 *   [batch, length, 64] output on every run. So there is no WebGPU path.
 *
 * Session creation is serialized: ORT's WASM backend cannot initialise two sessions at once.
 *
 * @example
 * const runner = await OrtModelRunner.create({modelBytes, wasmPaths: chrome.runtime.getURL('ort/')});
 * const vectors = await runner.embed(featurizeBatch(['kidney stones']));
 * runner.dispose();
 */
import * as ort from 'onnxruntime-web';
import type { FeatureBatchRunner } from '../src/engine/model-port.js';
import type { FeatureBatch } from '../src/model/featurize-text.js';

export interface OrtModelRunnerOptions {
  modelBytes: Uint8Array;
  /** Folder (URL, trailing slash) holding ort-wasm-simd-threaded.{mjs,wasm}; default: ORT's own. */
  wasmPaths?: string;
  /** WASM threads; default 2 when cross-origin isolated (SharedArrayBuffer), else 1. Fixed at first init. */
  numThreads?: number;
}

let creationChain: Promise<unknown> = Promise.resolve();

export class OrtModelRunner implements FeatureBatchRunner {
  private session: ort.InferenceSession | undefined;

  private constructor(
    session: ort.InferenceSession,
    /** Milliseconds the session took to create. */
    readonly loadMs: number,
  ) {
    this.session = session;
  }

  /** The execution provider every session runs on. */
  readonly executionProviders = ['wasm'];

  /** Creates a session; creations are chained so that only one initialises at a time. */
  static create(options: OrtModelRunnerOptions): Promise<OrtModelRunner> {
    const next = creationChain.then(() => OrtModelRunner.createNow(options));
    creationChain = next.catch(() => undefined);
    return next;
  }

  private static async createNow(options: OrtModelRunnerOptions): Promise<OrtModelRunner> {
    if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths;
    const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
    ort.env.wasm.numThreads = options.numThreads ?? (isolated ? 2 : 1);
    const t0 = performance.now();
    const session = await ort.InferenceSession.create(options.modelBytes, {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
    });
    return new OrtModelRunner(session, performance.now() - t0);
  }

  /** Runs the model: `[batch, dim]` unit vectors, row-major. */
  async embed(batch: FeatureBatch): Promise<Float32Array> {
    if (!this.session) throw new Error('OrtModelRunner was disposed; create a new one.');
    if (batch.batch === 0) return new Float32Array(0);
    const ids = new ort.Tensor('int32', batch.ids, [batch.batch, batch.length]);
    const weights = new ort.Tensor('float32', batch.weights, [batch.batch, batch.length]);
    const out = await this.session.run({ ids, weights });
    const y = out['embedding'];
    if (!y)
      throw new Error(
        `The model has no "embedding" output; outputs: ${Object.keys(out).join(', ')}.`,
      );
    const data = (await y.getData()) as Float32Array;
    ids.dispose();
    weights.dispose();
    y.dispose();
    return data;
  }

  /** Releases the session (and its WASM memory). */
  dispose(): void {
    const s = this.session;
    this.session = undefined;
    void s?.release();
  }
}
