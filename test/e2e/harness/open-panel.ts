import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './launch-extension-browser.js';

/**
 * Opens the panel in `page`'s tab exactly as the toolbar button does: the page is brought to
 * the front, then the service worker's test contract `globalThis.marginalia.openPanel(tabId)`
 * runs for the active tab.
 */
export async function openPanelInActiveTab(run: ExtensionBrowser, page: Page): Promise<void> {
  await page.bringToFront();
  await run.serviceWorker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('Expected an active tab, got none.');
    await globalThis.marginalia.openPanel(tab.id);
  });
}
