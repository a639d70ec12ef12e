/**
 * Makes sure the content script runs in a tab frame. On the fixture origins it is declared in
 * the manifest; on EHR origins it is injected on demand, which `activeTab` (toolbar click,
 * keyboard command, context menu) or a granted optional host permission allows.
 */
import { sendToContent } from '../shared/messaging.js';

export const CONTENT_SCRIPT_PATH = 'content.js';

async function isContentScriptReady(tabId: number, frameId: number): Promise<boolean> {
  try {
    await sendToContent(tabId, 'ping', {}, { frameId });
    return true;
  } catch {
    return false; // "Could not establish connection": nothing listens in that frame yet
  }
}

export async function ensureContentScript(tabId: number, frameId = 0): Promise<void> {
  if (await isContentScriptReady(tabId, frameId)) return;
  try {
    await chrome.scripting.executeScript({
      target: { tabId, frameIds: [frameId] },
      files: [CONTENT_SCRIPT_PATH],
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Expected to run the content script in tab ${tabId} frame ${frameId}, but Chrome refused: ${reason}. ` +
        'Use the toolbar button or keyboard shortcut on the page (activeTab), or grant the site in the options.',
    );
  }
}
