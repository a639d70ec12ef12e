/**
 * Firefox's background page (dist/extension-firefox/): Firefox has no offscreen documents, but
 * its MV3 background is an event page with a DOM, IndexedDB and workers, so the core runs right
 * here: the same loader, the same lookup handlers, the same panel storage as the Chrome build's
 * offscreen document and service worker, answered directly instead of forwarded.
 */
import type { FeedbackCodingResult } from '../shared/protocol.js';
import {
  isOwnContentScriptSender,
  isOwnExtensionPageSender,
  listenForMessages,
  type MessageHandlers,
} from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import { CONTENT_TO_BACKGROUND_VALIDATORS } from '../shared/payload-validators.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { loadEffectiveSettings } from '../shared/settings-store.js';
import { CancellableRequests, scopedRequestId } from '../shared/cancellable-requests.js';
import { CoderHost } from '../offscreen/coder-host.js';
import { CachedFeedbackStore, createFeedbackHandlers, createTerminologyHandlers } from '../offscreen/learning-handlers.js';
import { createLookupHandlers } from '../offscreen/lookup-handlers.js';
import { CodeSearch } from '../offscreen/search-codes.js';
import { createLearningBackgroundHandlers, type LearningMessages } from './learning-handlers.js';
import { codeSelectionInTab, openPanel } from './open-panel.js';
import { NOTE_REVIEW_HANDLERS } from './note-review-store.js';
import { exposeTestContract } from './test-contract.js';
import { watchEhrSiteSettings } from './watch-ehr-sites.js';

const feedback = new CachedFeedbackStore();
const host = new CoderHost(feedback);
const getLoadedCoder = () => host.get();
const codeSearch = new CodeSearch();
/** The panel's coding runs, cancellable by the tab and frame that asked (a newer note). */
const codingRuns = new CancellableRequests('coding the note');
const learning: MessageHandlers<LearningMessages> = { ...createFeedbackHandlers(feedback, host), ...createTerminologyHandlers(host) };

const lookup = createLookupHandlers(async () => (await getLoadedCoder()).ontology);

const HANDLERS: MessageHandlers<ContentToBackground> = {
  codeNote({ text, requestId }, sender): Promise<FeedbackCodingResult> {
    return codingRuns.run(requestId === undefined ? undefined : scopedRequestId(sender, requestId), async (signal) => {
      const { settings } = await loadEffectiveSettings();
      return host.code(text, { setting: settings.setting, scope: settings.scope, signal }, settings.keepFeedback);
    });
  },
  cancelCoding: ({ requestId }, sender) => ({ cancelled: codingRuns.cancel(scopedRequestId(sender, requestId)) }),
  async searchCodes({ query, limit }) {
    return codeSearch.search((await getLoadedCoder()).ontology, query, limit);
  },
  async getTerminologyStatus() {
    return (await getLoadedCoder()).status;
  },
  lookupCode: (input, sender) => lookup.lookupCode(input, sender),
  checkAcceptedCodes: (input, sender) => lookup.checkAcceptedCodes(input, sender),
  getEngineProgress: (input, sender) => lookup.getEngineProgress(input, sender),
  ...NOTE_REVIEW_HANDLERS,
  ...createLearningBackgroundHandlers(async (type, data) =>
    (learning[type] as (d: unknown, s: chrome.runtime.MessageSender) => Promise<never>)(data, {}),
  ),
};

listenForMessages<ContentToBackground>('background', {
  handlers: HANDLERS,
  validators: CONTENT_TO_BACKGROUND_VALIDATORS,
  isAllowedSender: (sender) => isOwnContentScriptSender(sender) || isOwnExtensionPageSender(sender),
});

watchEhrSiteSettings();

const CODE_SELECTION_MENU_ID = 'code-selection';
const QUICK_LOOKUP_MENU_ID = 'quick-lookup';

function openPanelFromUi(tab: chrome.tabs.Tab | undefined): void {
  if (tab?.id === undefined) return;
  openPanel(tab.id).catch((error: unknown) => logErrorOnce('open panel', error));
}

chrome.action.onClicked.addListener((tab) => openPanelFromUi(tab));
chrome.commands.onCommand.addListener((command, tab) => {
  if (command === 'open-panel') openPanelFromUi(tab);
});
chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === CODE_SELECTION_MENU_ID && tab?.id !== undefined) {
    codeSelectionInTab(tab.id, info.frameId ?? 0, info.selectionText ?? '').catch((error: unknown) => logErrorOnce('code selection', error));
  } else if (info.menuItemId === QUICK_LOOKUP_MENU_ID) {
    chrome.windows
      .create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 420, height: 560 })
      .catch((error: unknown) => logErrorOnce('quick lookup', error));
  }
});
chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: CODE_SELECTION_MENU_ID, title: 'Code with Marginalia', contexts: ['selection'] });
    chrome.contextMenus.create({ id: QUICK_LOOKUP_MENU_ID, title: 'Quick code lookup', contexts: ['action'] });
  });
});

// Load the terminology (first run: install it into IndexedDB) as soon as the page starts.
getLoadedCoder().catch((error: unknown) => logErrorOnce('load terminology', error));

// The same test contract as the Chrome service worker (test build only).
if (__TEST__) exposeTestContract();
