/**
 * The code embeddings of a classification: every code's title embedded by the TypeScript
 * reference forward pass on the linker's int8 weights, quantized to int8 per row. The one
 * computation behind models/linker-codes.bin (build/train-linker.ts writes it) and the
 * extension's embeddings, computed on the device from linker.onnx instead of shipped
 * (extension/offscreen/load-model.ts): both give the same bytes.
 */
import type { Ontology } from '../ontology/ontology.js';
import type { CodeEmbeddings } from './code-embeddings.js';
import { featurizeBatch, type FeaturizerConfig } from './featurize-text.js';
import { encodeReference, quantizeRows, type QuantizedEncoder } from './static-encoder.js';

const ENCOUNTER_SUFFIX = /, (?:initial|subsequent) encounter.*$|, sequela$/;

/** The text a code is embedded from: its title, without the 7th-character encounter suffix. */
export function codeText(onto: Ontology, code: string): string {
  return (onto.title(code) ?? code).replace(ENCOUNTER_SUFFIX, '');
}

/** The texts to embed: every code of a terminology (pack order) and its {@link codeText}. */
export interface CodeTitles {
  /** The terminology's label, e.g. "ICD-10-CM 2025-april". */
  terminology: string;
  codes: string[];
  texts: string[];
}

export function codeTitles(onto: Ontology): CodeTitles {
  const codes = onto.pack.codes.slice();
  return { terminology: onto.label, codes, texts: codes.map((c) => codeText(onto, c)) };
}

export interface EmbedCodeTitlesOptions {
  /** The linker id the embeddings belong to (linker.json "id"). */
  modelId: string;
  featurizer: FeaturizerConfig;
  /** Codes per slice (default 2048): results do not depend on it. */
  slice?: number;
  /** Awaited between slices, e.g. to let other tasks of the page run. */
  pause?: () => Promise<void>;
}

/** Embeds every code's text with `encoder`. */
export async function embedCodeTitles(
  encoder: QuantizedEncoder,
  titles: CodeTitles,
  options: EmbedCodeTitlesOptions,
): Promise<CodeEmbeddings> {
  const { codes, texts } = titles;
  const { dim } = encoder;
  const slice = options.slice ?? 2048;
  const scale = new Float32Array(codes.length);
  const vectors = new Int8Array(codes.length * dim);
  for (let s = 0; s < codes.length; s += slice) {
    if (s > 0) await options.pause?.();
    const part = texts.slice(s, s + slice);
    const y = encodeReference(encoder, featurizeBatch(part, options.featurizer));
    const q = quantizeRows(y, part.length, dim);
    scale.set(q.scale, s);
    vectors.set(q.q, s * dim);
  }
  return { modelId: options.modelId, terminology: titles.terminology, dim, codes, scale, vectors };
}
