/**
 * Firefox's background page (dist/extension-firefox/): Firefox has no offscreen documents, but
 * its MV3 background is an event page with a DOM, IndexedDB and workers, so the core runs right
 * here: the same loader, the same lookup handlers, the same panel storage as the Chrome build's
 * offscreen document and service worker, answered directly instead of forwarded. The browser
 * UI and the message listener are wired as in Chrome (wire-browser-ui.ts).
 */
import type { FeedbackCodingResult } from '../shared/protocol.js';
import type { MessageHandlers } from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { loadEffectiveSettings } from '../shared/settings-store.js';
import { CancellableRequests, scopedRequestId } from '../shared/cancellable-requests.js';
import { CoderHost } from '../offscreen/coder-host.js';
import {
  CachedFeedbackStore,
  createFeedbackHandlers,
  createTerminologyHandlers,
} from '../offscreen/learning-handlers.js';
import { createEncounterSummaryHandlers } from '../offscreen/encounter-handlers.js';
import { createLookupHandlers } from '../offscreen/lookup-handlers.js';
import { createEncounterHandlers } from './encounter-store.js';
import { CodeSearch } from '../offscreen/search-codes.js';
import { ProcedureHost } from '../offscreen/procedure-host.js';
import { createLearningBackgroundHandlers, type LearningMessages } from './learning-handlers.js';
import { NOTE_REVIEW_HANDLERS } from './note-review-store.js';
import { wireBackground } from './wire-browser-ui.js';

const feedback = new CachedFeedbackStore();
const host = new CoderHost(feedback);
const getLoadedCoder = () => host.get();
const codeSearch = new CodeSearch();
/** The panel's coding runs, cancellable by the tab and frame that asked (a newer note). */
const codingRuns = new CancellableRequests('coding the note');
const procedureHost = new ProcedureHost();
const learning: MessageHandlers<LearningMessages> = {
  ...createFeedbackHandlers(feedback, host),
  ...createTerminologyHandlers(host),
};

const lookup = createLookupHandlers(async () => (await getLoadedCoder()).ontology);
const encounterSummary = createEncounterSummaryHandlers(
  async () => (await getLoadedCoder()).ontology,
);

const HANDLERS: MessageHandlers<ContentToBackground> = {
  codeNote({ text, requestId }, sender): Promise<FeedbackCodingResult> {
    return codingRuns.run(
      requestId === undefined ? undefined : scopedRequestId(sender, requestId),
      async (signal) => {
        const { settings } = await loadEffectiveSettings();
        // Procedures (ICD-10-PCS) beside the diagnoses, as the Chrome offscreen document codes them.
        const [diagnoses, procedures] = await Promise.all([
          host.code(
            text,
            { setting: settings.setting, scope: settings.scope, signal },
            settings.keepFeedback,
          ),
          procedureHost.code(text, settings.scope),
        ]);
        return procedures ? { ...diagnoses, ...procedures } : diagnoses;
      },
    );
  },
  cancelCoding: ({ requestId }, sender) => ({
    cancelled: codingRuns.cancel(scopedRequestId(sender, requestId)),
  }),
  async searchCodes({ query, limit }) {
    const [diagnoses, procedures] = await Promise.all([
      codeSearch.search((await getLoadedCoder()).ontology, query, limit, host.readyLinker),
      procedureHost.search(query),
    ]);
    return [...diagnoses, ...procedures];
  },
  async getTerminologyStatus() {
    return (await getLoadedCoder()).status;
  },
  lookupCode: (input, sender) => lookup.lookupCode(input, sender),
  checkAcceptedCodes: (input, sender) => lookup.checkAcceptedCodes(input, sender),
  getEngineProgress: (input, sender) => lookup.getEngineProgress(input, sender),
  ...NOTE_REVIEW_HANDLERS,
  ...createEncounterHandlers(async (encounter) =>
    encounterSummary.summarizeEncounter({ encounter }, {}),
  ),
  ...createLearningBackgroundHandlers(async (type, data) =>
    (learning[type] as (d: unknown, s: chrome.runtime.MessageSender) => Promise<never>)(data, {}),
  ),
};

wireBackground({ handlers: HANDLERS, codingStats: () => ({ ...codingRuns.stats }) });

// Load the terminology (first run: install it into IndexedDB) as soon as the page starts.
getLoadedCoder().catch((error: unknown) => logErrorOnce('load terminology', error));
