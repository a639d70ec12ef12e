import type { FeatureBatchRunner, TextEmbedder } from '../engine/model-port.js';
import {
  featurizeText,
  padFeatures,
  type FeaturizerConfig,
  type TextFeatures,
} from './featurize-text.js';

export interface TextEmbedderOptions {
  id: string;
  dim: number;
  featurizer: FeaturizerConfig;
  /** Texts per model call (default 256). */
  batchSize?: number;
}

/**
 * A {@link TextEmbedder} over a feature runner: featurizes in TypeScript, runs the model in
 * batches of similar length (less padding), returns rows in input order.
 *
 * @example
 * const embedder = createTextEmbedder(runner, {id: config.id, dim: config.dim, featurizer: config.featurizer});
 * const vectors = await embedder.embed(['kidney stones', 'heart attack']);
 */
export function createTextEmbedder(
  runner: FeatureBatchRunner,
  options: TextEmbedderOptions,
): TextEmbedder {
  const stop = new Set(options.featurizer.stopWords);
  const size = options.batchSize ?? 256;
  const { dim } = options;
  return {
    id: options.id,
    dim,
    async embed(texts) {
      const out = new Float32Array(texts.length * dim);
      const feats: TextFeatures[] = texts.map((t) => featurizeText(t, options.featurizer, stop));
      const order = feats.map((_, i) => i).filter((i) => feats[i]!.ids.length > 0);
      order.sort((a, b) => feats[a]!.ids.length - feats[b]!.ids.length);
      for (let s = 0; s < order.length; s += size) {
        const idx = order.slice(s, s + size);
        const y = await runner.embed(padFeatures(idx.map((i) => feats[i]!)));
        idx.forEach((i, k) => out.set(y.subarray(k * dim, (k + 1) * dim), i * dim));
      }
      return out;
    },
  };
}
