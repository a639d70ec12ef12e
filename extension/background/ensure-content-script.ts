/**
 * Makes sure the content script runs in a tab frame. On the fixture origins it is declared in
 * the manifest; on EHR origins it is injected on demand, which `activeTab` (toolbar click,
 * keyboard command, context menu) or a granted optional host permission allows.
 */
import { sendToContent, type ProtocolInput, type ProtocolOutput } from '../shared/messaging.js';
import type { BackgroundToContent } from '../shared/protocol.js';

export const CONTENT_SCRIPT_PATH = 'content.js';

/** Chrome's rejection of a message that nothing listened for in that frame. */
function isNoReceiverError(error: unknown): boolean {
  return error instanceof Error && /Receiving end does not exist/i.test(error.message);
}

async function injectContentScript(tabId: number, frameId: number): Promise<void> {
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

/**
 * Sends to the content script of a tab frame, injecting it first when nothing listens there.
 * The message goes out at once (no liveness probe first: a round trip to the tab on every open,
 * issue 15); one that found no receiver never reached a handler, so it is sent again after the
 * injection.
 */
export async function sendToContentScript<K extends keyof BackgroundToContent>(
  tabId: number,
  frameId: number,
  type: K,
  data: ProtocolInput<BackgroundToContent, K>,
): Promise<ProtocolOutput<BackgroundToContent, K>> {
  try {
    return await sendToContent(tabId, type, data, { frameId });
  } catch (error) {
    if (!isNoReceiverError(error)) throw error;
  }
  await injectContentScript(tabId, frameId);
  return sendToContent(tabId, type, data, { frameId });
}
