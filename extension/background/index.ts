/**
 * The background service worker: routes typed messages, owns the offscreen document and
 * turns the toolbar button, the keyboard command and the context menu into panel actions.
 * Listeners are registered synchronously at top level, as MV3 requires.
 */
import {
  isOwnContentScriptSender,
  isOwnExtensionPageSender,
  listenForMessages,
  setOffscreenTimeoutHandler,
} from '../shared/messaging.js';
import { CONTENT_TO_BACKGROUND_VALIDATORS } from '../shared/payload-validators.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { logErrorOnce } from '../shared/logger.js';
import { BACKGROUND_HANDLERS } from './background-handlers.js';
import { closeOffscreenDocument, ensureOffscreenDocument } from './offscreen-document.js';
import { codeSelectionInTab, openPanel } from './open-panel.js';
import { exposeTestContract } from './test-contract.js';
import { watchEhrSiteSettings } from './watch-ehr-sites.js';

const CODE_SELECTION_MENU_ID = 'code-selection';
const QUICK_LOOKUP_MENU_ID = 'quick-lookup';
const OPEN_PANEL_COMMAND = 'open-panel';

listenForMessages<ContentToBackground>('background', {
  handlers: BACKGROUND_HANDLERS,
  validators: CONTENT_TO_BACKGROUND_VALIDATORS,
  isAllowedSender: (sender) => isOwnContentScriptSender(sender) || isOwnExtensionPageSender(sender),
});

// An engine that misses its deadline is restarted, so that "Try again" gets a fresh one.
setOffscreenTimeoutHandler(() => {
  closeOffscreenDocument().catch((error: unknown) => logErrorOnce('restart the engine', error));
});

function openPanelFromUi(tab: chrome.tabs.Tab | undefined): void {
  if (tab?.id === undefined) return;
  openPanel(tab.id).catch((error: unknown) => logErrorOnce('open panel', error));
}

watchEhrSiteSettings();

chrome.action.onClicked.addListener((tab) => openPanelFromUi(tab));

chrome.commands.onCommand.addListener((command, tab) => {
  if (command === OPEN_PANEL_COMMAND) openPanelFromUi(tab);
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === CODE_SELECTION_MENU_ID && tab?.id !== undefined) {
    codeSelectionInTab(tab.id, info.frameId ?? 0, info.selectionText ?? '').catch((error: unknown) =>
      logErrorOnce('code selection', error),
    );
  } else if (info.menuItemId === QUICK_LOOKUP_MENU_ID) {
    chrome.windows
      .create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 420, height: 560 })
      .catch((error: unknown) => logErrorOnce('quick lookup', error));
  }
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({
      id: CODE_SELECTION_MENU_ID,
      title: 'Code with Marginalia',
      contexts: ['selection'],
    });
    chrome.contextMenus.create({
      id: QUICK_LOOKUP_MENU_ID,
      title: 'Quick code lookup',
      contexts: ['action'],
    });
  });
  // Install the terminology pack into IndexedDB now rather than on the first click.
  ensureOffscreenDocument().catch((error: unknown) => logErrorOnce('install terminology', error));
});

if (__TEST__) exposeTestContract();
