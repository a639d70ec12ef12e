/**
 * The offscreen document: runs the coding core next to the loaded terminology. It answers the
 * background only. The coder is built once, eagerly, so that the pack is installed into
 * IndexedDB as soon as the extension is installed. The terminology version in use and the
 * coder's feedback live in `coder-host.ts`.
 */
import { isBackgroundSender, listenForMessages } from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import { BACKGROUND_TO_OFFSCREEN_VALIDATORS } from '../shared/payload-validators.js';
import type { BackgroundToOffscreen, FeedbackCodingResult } from '../shared/protocol.js';
import type { CodingOptions } from '../../src/engine/coding-types.js';
import { CancellableRequests } from '../shared/cancellable-requests.js';
import { CoderHost } from './coder-host.js';
import {
  CachedFeedbackStore,
  createFeedbackHandlers,
  createTerminologyHandlers,
} from './learning-handlers.js';
import { createEncounterSummaryHandlers } from './encounter-handlers.js';
import { createLookupHandlers } from './lookup-handlers.js';
import { CodeSearch } from './search-codes.js';
import { ProcedureHost } from './procedure-host.js';
import { exposeBenchmarkHooks } from './benchmark-hooks.js';
import { warmHistoryCodes } from '../../src/engine/history-codes.js';

const feedback = new CachedFeedbackStore();
const host = new CoderHost(feedback);
const codeSearch = new CodeSearch();
/** Coding runs the background may cancel (a newer note superseded them). */
const codingRuns = new CancellableRequests('coding the note');
const procedureHost = new ProcedureHost();

/** What `codeText` answers: the diagnoses, and the procedures (ICD-10-PCS) beside them. */
async function codeNote(
  text: string,
  options: CodingOptions,
  useFeedback: boolean,
): Promise<FeedbackCodingResult> {
  const [diagnoses, procedures] = await Promise.all([
    host.code(text, options, useFeedback),
    procedureHost.code(text, options.scope),
  ]);
  return procedures ? { ...diagnoses, ...procedures } : diagnoses;
}

listenForMessages<BackgroundToOffscreen>('offscreen', {
  handlers: {
    codeText: ({ text, setting, scope, useFeedback, requestId }) =>
      codingRuns.run(requestId, (signal) =>
        codeNote(text, { setting, scope, signal }, useFeedback === true),
      ),
    cancelCodeText: ({ requestId }) => ({ cancelled: codingRuns.cancel(requestId) }),
    async searchCodes({ query, limit }) {
      // Diagnoses first; procedures (ICD-10-PCS, with their table for the builder) after them.
      const [diagnoses, procedures] = await Promise.all([
        codeSearch.search((await host.get()).ontology, query, limit, host.readyLinker),
        procedureHost.search(query),
      ]);
      return [...diagnoses, ...procedures];
    },
    async getTerminologyStatus() {
      return (await host.get()).status;
    },
    ...createLookupHandlers(async () => (await host.get()).ontology),
    ...createFeedbackHandlers(feedback, host),
    ...createTerminologyHandlers(host),
    ...createEncounterSummaryHandlers(async () => (await host.get()).ontology),
  },
  validators: BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  isAllowedSender: isBackgroundSender,
});

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

host
  .get()
  // What the lookup and the history rules build on first use (~1 s in all) is built soon after
  // loading instead, in slices of ~8 ms: a note coded meanwhile waits one slice, not the build.
  .then(({ ontology }) =>
    setTimeout(() => {
      ontology
        .warmUp(nextTask)
        .then(() => warmHistoryCodes(ontology))
        .catch((error: unknown) => logErrorOnce('warm up the terminology', error));
    }, 1_500),
  )
  .catch((error: unknown) => logErrorOnce('load terminology', error));

// The benchmark and e2e hooks (test build only; timings and counts in and out, never note text):
// `codingStats` says how many coding runs started, finished, and were aborted.
if (__TEST__)
  exposeBenchmarkHooks(host, codeNote, { codingStats: () => ({ ...codingRuns.stats }) });
