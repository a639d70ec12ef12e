/**
 * What the core needs from a neural model, and nothing more: the core never sees an ONNX
 * session. The extension's offscreen document and the CLI provide implementations
 * (model-runtime/ort-model-runner.ts wrapped by {@link createTextEmbedder}).
 */
import type { FeatureBatch } from '../model/featurize-text.js';

/** Embeds texts into one space with the classification's codes. */
export interface TextEmbedder {
  /** `[texts.length, dim]` row-major unit vectors (a text without features embeds as zeros). */
  embed(texts: string[]): Promise<Float32Array>;
  readonly dim: number;
  /** Model id and version, e.g. "linker@1+fb7c5040". */
  readonly id: string;
}

/** Runs the model on featurized input (the ONNX runner implements it). */
export interface FeatureBatchRunner {
  embed(batch: FeatureBatch): Promise<Float32Array>;
}
