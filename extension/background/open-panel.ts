/**
 * What the toolbar button, the keyboard command and the context menu do in a tab.
 */
import { sendToContentScript } from './ensure-content-script.js';

/** Opens the panel in the tab's top frame and codes the note there. */
export function openPanel(tabId: number): Promise<{ opened: true }> {
  return sendToContentScript(tabId, 0, 'openPanel', {});
}

/**
 * Codes the selected text. The frame that holds the selection reads it (so evidence can be
 * highlighted); Chrome's copy of the selection is the fallback.
 */
export function codeSelectionInTab(
  tabId: number,
  frameId: number,
  selectionText: string,
): Promise<{ opened: true }> {
  return sendToContentScript(tabId, frameId, 'codeSelection', { selectionText });
}
