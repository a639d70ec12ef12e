/** The messages between device-code-embeddings.ts and code-embeddings-worker.ts. */
import type { CodeTitles } from '../../src/model/embed-code-titles.js';
import type { FeaturizerConfig } from '../../src/model/featurize-text.js';

export interface EmbedRequest {
  onnx: ArrayBuffer;
  titles: CodeTitles;
  modelId: string;
  featurizer: FeaturizerConfig;
}

/** The code-embedding file's bytes, or why they could not be computed (no note text). */
export type EmbedReply = { bytes: ArrayBuffer } | { error: string };
