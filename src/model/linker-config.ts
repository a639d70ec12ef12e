/**
 * models/linker.json: everything a runtime needs beside the ONNX bytes: the featurizer
 * configuration (the tokenizer), the ids and hashes of the model and code-embedding files
 * (versioned together), and the fusion weights that combine the model with the dictionary.
 */
import type { FeaturizerConfig } from './featurize-text.js';
import type { ContextWeights } from '../engine/context-scorer.js';

export const LINKER_CONFIG_FORMAT = 'marginalia-linker';

export interface LinkerFile {
  file: string;
  sha256: string;
  bytes: number;
}

/** Logistic fusion of the ranker's log-odds with model similarity (see src/engine/model-coder.ts). */
export interface LinkerFusion {
  /** Names of the fusion features, in weight order. */
  features: string[];
  weights: number[];
  /** Probability at or above which a candidate is reported. */
  threshold: number;
  /**
   * The same for codes no training note has (zero-shot candidates), whose calibrated
   * probabilities are low by construction; a recall-oriented operating point.
   */
  unseenThreshold?: number;
  /** Similarity at or above which a retrieved code becomes a candidate. */
  retrievalMinSimilarity: number;
  /** Codes retrieved per unresolved phrase. */
  retrievalTopK: number;
  /** Ranker id the weights were fitted against. */
  rankerId: string;
  /** The context scorer's hashed weights (src/engine/context-scorer.ts), fitted with `weights`. */
  context?: ContextWeights;
}

export interface LinkerConfig {
  format: typeof LINKER_CONFIG_FORMAT;
  formatVersion: 1;
  /** "linker@1+<first 8 hex of the ONNX sha256>"; the code-embedding file carries the same id. */
  id: string;
  dim: number;
  featurizer: FeaturizerConfig;
  files: { model: LinkerFile; codeEmbeddings: LinkerFile };
  terminology: string;
  fusion?: LinkerFusion;
  meta: Record<string, unknown>;
}

export function readLinkerConfig(json: unknown): LinkerConfig {
  const c = json as LinkerConfig;
  if (!c || c.format !== LINKER_CONFIG_FORMAT || c.formatVersion !== 1) {
    throw new Error(
      `Expected a ${LINKER_CONFIG_FORMAT} v1 config (models/linker.json), got ${JSON.stringify((c as { format?: unknown })?.format)}.`,
    );
  }
  return c;
}
