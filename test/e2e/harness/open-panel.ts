import type { Page, WebWorker } from 'puppeteer-core';

/** What opening the panel needs of a launched browser: its background service worker. */
export interface BackgroundHandle {
  serviceWorker: WebWorker;
}

/** Brings `page` to the front and returns its tab id, as the background sees it. */
export async function activeTabId(run: BackgroundHandle, page: Page): Promise<number> {
  await page.bringToFront();
  return run.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('Expected an active tab, got none.');
    return tab.id;
  });
}

/**
 * Opens the panel in `page`'s tab exactly as the toolbar button does: the page is brought to
 * the front, then the test build's contract `globalThis.marginalia.openPanel(tabId)` runs in
 * the service worker for that tab.
 */
export async function openPanelInActiveTab(run: BackgroundHandle, page: Page): Promise<void> {
  const tabId = await activeTabId(run, page);
  await run.serviceWorker.evaluate((id) => globalThis.marginalia.openPanel(id), tabId);
}

/** Codes `selectionText` in `page`'s tab as the "Code with Marginalia" menu item does. */
export async function codeSelectionInActiveTab(
  run: BackgroundHandle,
  page: Page,
  selectionText: string,
): Promise<void> {
  const tabId = await activeTabId(run, page);
  await run.serviceWorker.evaluate(
    (id, text) => globalThis.marginalia.codeSelection(id, 0, text),
    tabId,
    selectionText,
  );
}
