/**
 * The offscreen document: runs the coding core next to the loaded terminology. It answers the
 * background only. The coder is built once, eagerly, so that the pack is installed into
 * IndexedDB as soon as the extension is installed.
 */
import { isBackgroundSender, listenForMessages } from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import { BACKGROUND_TO_OFFSCREEN_VALIDATORS } from '../shared/payload-validators.js';
import type { BackgroundToOffscreen } from '../shared/protocol.js';
import { loadCoder, type LoadedCoder } from './load-coder.js';
import { createLookupHandlers } from './lookup-handlers.js';
import { reportLoadProgress } from './load-progress.js';

let loading: Promise<LoadedCoder> | undefined;

function getLoadedCoder(): Promise<LoadedCoder> {
  loading ??= loadCoder().catch((error: unknown) => {
    void reportLoadProgress('failed');
    loading = undefined; // let the next request retry (e.g. after a repair)
    throw error;
  });
  return loading;
}

listenForMessages<BackgroundToOffscreen>('offscreen', {
  handlers: {
    async codeText({ text, setting, scope }) {
      const { coder } = await getLoadedCoder();
      return coder.code(text, { setting, scope });
    },
    async searchCodes({ query, limit }) {
      const { ontology } = await getLoadedCoder();
      return ontology
        .search(query, { limit })
        .map(({ code, title, billable, via, matched }) => ({ code, title, billable, via, matched }));
    },
    async getTerminologyStatus() {
      return (await getLoadedCoder()).status;
    },
    ...createLookupHandlers(async () => (await getLoadedCoder()).ontology),
  },
  validators: BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  isAllowedSender: isBackgroundSender,
});

getLoadedCoder()
  // The lookup's search index is built on first use (~2 s); build it soon after loading instead.
  .then(({ ontology }) => setTimeout(() => ontology.warmSearch(), 1_500))
  .catch((error: unknown) => logErrorOnce('load terminology', error));
