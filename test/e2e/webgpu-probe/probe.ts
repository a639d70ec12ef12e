/**
 * The page side of test/e2e/measure-webgpu.mjs: runs models/linker.onnx on one ONNX Runtime
 * execution provider and times it. Bundled twice by that script, with `onnxruntime-web` aliased
 * to ORT's WASM build (what the extension ships) and to its WebGPU build; the page calls
 * `globalThis.webgpuProbe.measure(...)`. Texts are featurized with the project's featurizer and
 * linker.json's configuration, as the CLI and the extension do (model-runtime/load-linker.ts).
 */
import * as ort from 'onnxruntime-web';
import { featurizeBatch } from '../../../src/model/featurize-text.js';
import { readLinkerConfig } from '../../../src/model/linker-config.js';

export interface EpMeasurement {
  ep: string;
  numThreads: number;
  crossOriginIsolated: boolean;
  /** Fetch of linker.onnx excluded; wasm instantiation and EP start-up included. */
  createMs: number;
  batches: { size: number; length: number; firstMs: number; runsMs: number[] }[];
  /** The largest batch's embeddings, `[size, dim]` row-major. */
  embeddings: number[];
}

/** The adapter Chromium gives WebGPU, or null when it gives none. */
async function adapterInfo(): Promise<Record<string, unknown> | null> {
  type Adapter = { info?: Record<string, unknown>; isFallbackAdapter?: boolean };
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (!adapter) return null;
  const info = adapter.info ?? {};
  return {
    vendor: info['vendor'],
    architecture: info['architecture'],
    device: info['device'],
    description: info['description'],
    isFallbackAdapter: info['isFallbackAdapter'] ?? adapter.isFallbackAdapter,
  };
}

/** ORT's files from this page's folder; threads as model-runtime/ort-model-runner.ts sets them. */
function setUpOrt(): number {
  ort.env.wasm.wasmPaths = new URL('./', location.href).href;
  return (ort.env.wasm.numThreads = crossOriginIsolated ? 2 : 1);
}

/** One timed `session.run` of a batch, output read back to the CPU (ORT's default). */
async function timedRun(session: ort.InferenceSession, feeds: ort.InferenceSession.FeedsType) {
  const t = performance.now();
  const out = await session.run(feeds);
  const data = (await out['embedding']!.getData()) as Float32Array;
  return { ms: performance.now() - t, data };
}

/**
 * Creates an untimed session with verbose logging, so that ORT prints its node placements
 * ("Node(s) placed on [WebGpuExecutionProvider]...") to the console for the script to read.
 */
async function logNodePlacements(ep: string): Promise<void> {
  setUpOrt();
  const model = new Uint8Array(await (await fetch('linker.onnx')).arrayBuffer());
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
    logSeverityLevel: 0,
  });
  await session.release();
}

async function measure(ep: string, texts: string[], sizes: number[], runs: number) {
  const numThreads = setUpOrt();
  const config = readLinkerConfig(await (await fetch('linker.json')).json());
  const model = new Uint8Array(await (await fetch('linker.onnx')).arrayBuffer());
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
  });
  const result: EpMeasurement = {
    ep,
    numThreads,
    crossOriginIsolated,
    createMs: performance.now() - t0,
    batches: [],
    embeddings: [],
  };
  for (const size of sizes) {
    const batch = featurizeBatch(texts.slice(0, size), config.featurizer);
    const feeds = {
      ids: new ort.Tensor('int32', batch.ids, [batch.batch, batch.length]),
      weights: new ort.Tensor('float32', batch.weights, [batch.batch, batch.length]),
    };
    const first = await timedRun(session, feeds);
    const runsMs: number[] = [];
    for (let i = 0; i < runs; i++) runsMs.push((await timedRun(session, feeds)).ms);
    result.batches.push({ size, length: batch.length, firstMs: first.ms, runsMs });
    result.embeddings = Array.from(first.data);
  }
  await session.release();
  return result;
}

Object.assign(globalThis, { webgpuProbe: { adapterInfo, logNodePlacements, measure } });
