/**
 * The background's wiring shared by Chrome's service worker (index.ts) and Firefox's
 * background page (firefox-background.ts): the message listener with its sender policy, the
 * EHR-site scripts, and the toolbar button, keyboard command and context menu turned into panel
 * actions. Listeners are registered synchronously at top level, as MV3 requires: call this
 * from the background's first turn. The two backgrounds differ only in the handlers (Chrome
 * forwards to the offscreen document, Firefox runs the core itself) and in what runs on install.
 */
import { logErrorOnce } from '../shared/logger.js';
import {
  isOwnContentScriptSender,
  isOwnExtensionPageSender,
  listenForMessages,
  type MessageHandlers,
} from '../shared/messaging.js';
import type { CancellableRequestStats } from '../shared/cancellable-requests.js';
import { CONTENT_TO_BACKGROUND_VALIDATORS } from '../shared/payload-validators.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { codeSelectionInTab, openPanel } from './open-panel.js';
import { exposeTestContract } from './test-contract.js';
import { watchEhrSiteSettings } from './watch-ehr-sites.js';

const CODE_SELECTION_MENU_ID = 'code-selection';
const QUICK_LOOKUP_MENU_ID = 'quick-lookup';
const OPEN_PANEL_COMMAND = 'open-panel';

export interface BackgroundWiring {
  handlers: MessageHandlers<ContentToBackground>;
  /** Also run when the extension is installed or updated (after the menus are created). */
  onInstalled?(): void;
  /** The `codeNote` requests taken so far (counts only), for the test build's e2e contract. */
  codingStats(): CancellableRequestStats;
}

export function wireBackground({ handlers, onInstalled, codingStats }: BackgroundWiring): void {
  listenForMessages<ContentToBackground>('background', {
    handlers,
    validators: CONTENT_TO_BACKGROUND_VALIDATORS,
    isAllowedSender: (sender) =>
      isOwnContentScriptSender(sender) || isOwnExtensionPageSender(sender),
  });
  watchEhrSiteSettings();
  chrome.action.onClicked.addListener((tab) => openPanelFromUi(tab));
  chrome.commands.onCommand.addListener((command, tab) => {
    if (command === OPEN_PANEL_COMMAND) openPanelFromUi(tab);
  });
  chrome.contextMenus.onClicked.addListener(onMenuClicked);
  chrome.runtime.onInstalled.addListener(() => {
    createMenus();
    onInstalled?.();
  });
  if (__TEST__) exposeTestContract(codingStats);
}

function openPanelFromUi(tab: chrome.tabs.Tab | undefined): void {
  if (tab?.id === undefined) return;
  openPanel(tab.id).catch((error: unknown) => logErrorOnce('open panel', error));
}

function onMenuClicked(
  info: chrome.contextMenus.OnClickData,
  tab: chrome.tabs.Tab | undefined,
): void {
  if (info.menuItemId === CODE_SELECTION_MENU_ID && tab?.id !== undefined) {
    codeSelectionInTab(tab.id, info.frameId ?? 0, info.selectionText ?? '').catch(
      (error: unknown) => logErrorOnce('code selection', error),
    );
  } else if (info.menuItemId === QUICK_LOOKUP_MENU_ID) {
    chrome.windows
      .create({ url: chrome.runtime.getURL('popup.html'), type: 'popup', width: 420, height: 560 })
      .catch((error: unknown) => logErrorOnce('quick lookup', error));
  }
}

function createMenus(): void {
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
}
