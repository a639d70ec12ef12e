/**
 * Firefox's background page (dist/extension-firefox/): Firefox has no offscreen documents, but
 * its MV3 background is an event page with a DOM, IndexedDB and workers, so the core runs right
 * here: the same loader, the same lookup handlers, the same panel storage as the Chrome build's
 * offscreen document and service worker, answered directly instead of forwarded.
 */
import type { CodingResult } from '../../src/engine/coding-types.js';
import {
  isOwnContentScriptSender,
  isOwnExtensionPageSender,
  listenForMessages,
  type MessageHandlers,
} from '../shared/messaging.js';
import { logErrorOnce } from '../shared/logger.js';
import { CONTENT_TO_BACKGROUND_VALIDATORS } from '../shared/payload-validators.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { loadCodingSettings } from '../shared/settings-store.js';
import { loadCoder, type LoadedCoder } from '../offscreen/load-coder.js';
import { createLookupHandlers } from '../offscreen/lookup-handlers.js';
import { codeSelectionInTab, openPanel } from './open-panel.js';
import { NOTE_REVIEW_HANDLERS } from './note-review-store.js';
import { resyncEhrSites, watchEhrSiteSettings } from './watch-ehr-sites.js';

let loading: Promise<LoadedCoder> | undefined;

function getLoadedCoder(): Promise<LoadedCoder> {
  loading ??= loadCoder().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

const lookup = createLookupHandlers(async () => (await getLoadedCoder()).ontology);

const HANDLERS: MessageHandlers<ContentToBackground> = {
  async codeNote({ text }): Promise<CodingResult> {
    const [settings, { coder }] = await Promise.all([loadCodingSettings(), getLoadedCoder()]);
    return coder.code(text, settings);
  },
  async searchCodes({ query, limit }) {
    const { ontology } = await getLoadedCoder();
    return ontology.search(query, { limit }).map(({ code, title, billable, via, matched }) => ({ code, title, billable, via, matched }));
  },
  async getTerminologyStatus() {
    return (await getLoadedCoder()).status;
  },
  lookupCode: (input, sender) => lookup.lookupCode(input, sender),
  checkAcceptedCodes: (input, sender) => lookup.checkAcceptedCodes(input, sender),
  getEngineProgress: (input, sender) => lookup.getEngineProgress(input, sender),
  ...NOTE_REVIEW_HANDLERS,
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

// The same test contract as the Chrome service worker.
(globalThis as unknown as { marginalia: unknown }).marginalia = { openPanel, codeSelection: codeSelectionInTab, resyncEhrSites };
