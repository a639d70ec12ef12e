/**
 * What the toolbar button, the keyboard command and the context menu do in a tab.
 */
import { sendToContent } from '../shared/messaging.js';
import { ensureContentScript } from './ensure-content-script.js';

/** Opens the panel in the tab's top frame and codes the note there. */
export async function openPanel(tabId: number): Promise<{ opened: true }> {
  await ensureContentScript(tabId, 0);
  return sendToContent(tabId, 'openPanel', {});
}

/**
 * Codes the selected text. The frame that holds the selection reads it (so evidence can be
 * highlighted); Chrome's copy of the selection is the fallback.
 */
export async function codeSelectionInTab(
  tabId: number,
  frameId: number,
  selectionText: string,
): Promise<{ opened: true }> {
  await ensureContentScript(tabId, frameId);
  return sendToContent(tabId, 'codeSelection', { selectionText }, { frameId });
}
