/**
 * The worker that computes the linker's code embeddings (code-embeddings-worker.js, started by
 * device-code-embeddings.ts): off the offscreen document's thread, in a heap of its own. Gets the
 * ONNX bytes and the code titles, answers with the code-embedding file's bytes (transferred).
 */
import { encodeCodeEmbeddings } from '../../src/model/code-embeddings.js';
import { embedCodeTitles } from '../../src/model/embed-code-titles.js';
import { readLinkerWeights } from '../../src/model/read-linker-onnx.js';
import type { EmbedRequest, EmbedReply } from './embed-request.js';

const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<EmbedRequest>) => void): void;
  postMessage(message: EmbedReply, transfer: Transferable[]): void;
};

scope.addEventListener('message', (event) => {
  const { onnx, titles, modelId, featurizer } = event.data;
  embedCodeTitles(readLinkerWeights(new Uint8Array(onnx)), titles, { modelId, featurizer }).then(
    (embeddings) => {
      const bytes = encodeCodeEmbeddings(embeddings);
      scope.postMessage({ bytes: bytes.buffer }, [bytes.buffer]);
    },
    (error: unknown) =>
      scope.postMessage({ error: error instanceof Error ? error.message : String(error) }, []),
  );
});
