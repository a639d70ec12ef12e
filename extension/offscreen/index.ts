/**
 * The offscreen document: runs the coding core next to the loaded terminology. It answers the
 * background only. The coder is built once, eagerly, so that the pack is installed into
 * IndexedDB as soon as the extension is installed. The terminology version in use and the
 * coder's feedback live in `coder-host.ts`.
 */
import { isBackgroundSender, listenForMessages } from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import { BACKGROUND_TO_OFFSCREEN_VALIDATORS } from '../shared/payload-validators.js';
import type { BackgroundToOffscreen } from '../shared/protocol.js';
import { CoderHost } from './coder-host.js';
import { CachedFeedbackStore, createFeedbackHandlers, createTerminologyHandlers } from './learning-handlers.js';
import { createLookupHandlers } from './lookup-handlers.js';
import { benchmarkLinker } from './load-model.js';

const feedback = new CachedFeedbackStore();
const host = new CoderHost(feedback);

listenForMessages<BackgroundToOffscreen>('offscreen', {
  handlers: {
    async codeText({ text, setting, scope, useFeedback }) {
      return host.code(text, { setting, scope }, useFeedback === true);
    },
    async searchCodes({ query, limit }) {
      const { ontology } = await host.get();
      return ontology
        .search(query, { limit })
        .map(({ code, title, billable, via, matched }) => ({ code, title, billable, via, matched }));
    },
    async getTerminologyStatus() {
      return (await host.get()).status;
    },
    ...createLookupHandlers(async () => (await host.get()).ontology),
    ...createFeedbackHandlers(feedback, host),
    ...createTerminologyHandlers(host),
  },
  validators: BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  isAllowedSender: isBackgroundSender,
});

host
  .get()
  // The lookup's search index is built on first use (~2 s); build it soon after loading instead.
  .then(({ ontology }) => setTimeout(() => ontology.warmSearch(), 1_500))
  .catch((error: unknown) => logErrorOnce('load terminology', error));

// For the benchmark and the e2e suite (timings only; no note text goes in or out).
(globalThis as { marginaliaOffscreen?: unknown }).marginaliaOffscreen = { benchmarkLinker };
