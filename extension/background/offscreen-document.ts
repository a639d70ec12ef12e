/**
 * The offscreen document's lifetime: created lazily, at most once, on the first request that
 * needs the core. `chrome.runtime.getContexts` is the source of truth (the service worker may
 * have been restarted while the document lives on); a shared promise covers concurrent callers.
 * Once the document is known to run, requests go to it without asking again (a browser round
 * trip per message, issue 15); a request that finds no receiver (the document was closed
 * meanwhile) checks, creates it again and is sent once more.
 */
import { sendToOffscreen, type ProtocolInput, type ProtocolOutput } from '../shared/messaging.js';
import type { BackgroundToOffscreen } from '../shared/protocol.js';

export const OFFSCREEN_DOCUMENT_PATH = 'offscreen.html';

let creating: Promise<void> | undefined;
/** Set once the document was seen or created in this worker's lifetime; cleared on close. */
let isKnownRunning = false;

export async function hasOffscreenDocument(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_DOCUMENT_PATH)],
  });
  isKnownRunning = contexts.length > 0;
  return isKnownRunning;
}

export async function ensureOffscreenDocument(): Promise<void> {
  // A document being created is listed by getContexts before its script listens: a caller
  // that arrives meanwhile waits for the creation, or its message would find no receiver.
  if (creating) return creating;
  if (isKnownRunning || (await hasOffscreenDocument())) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_DOCUMENT_PATH,
      // WORKERS: ONNX Runtime's wasm threads run in workers, which a service worker cannot start.
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs the offline coding engine and its model next to the terminology.',
    })
    .catch(async (error: unknown) => {
      // Another caller (or an earlier worker instance) won the race: that is fine.
      if (!(await hasOffscreenDocument())) throw error;
    })
    .then(() => {
      isKnownRunning = true;
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/** Closes the offscreen document if it runs (a hung engine); the next request starts a new one. */
export async function closeOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) await chrome.offscreen.closeDocument();
  isKnownRunning = false;
}

/** Chrome's rejection of a message that no context listened for. */
function isNoReceiverError(error: unknown): boolean {
  return error instanceof Error && /Receiving end does not exist/i.test(error.message);
}

/**
 * Sends to the offscreen document, creating it first when it is not known to run. A message
 * that found no receiver never reached a handler, so sending it again is safe.
 */
export async function sendToOffscreenDocument<K extends keyof BackgroundToOffscreen>(
  type: K,
  data: ProtocolInput<BackgroundToOffscreen, K>,
): Promise<ProtocolOutput<BackgroundToOffscreen, K>> {
  await ensureOffscreenDocument();
  try {
    return await sendToOffscreen(type, data);
  } catch (error) {
    if (!isNoReceiverError(error)) throw error;
    isKnownRunning = false;
    await ensureOffscreenDocument();
    return sendToOffscreen(type, data);
  }
}
