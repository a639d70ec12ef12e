/**
 * The offscreen document's lifetime: created lazily, at most once, on the first request that
 * needs the core. `chrome.runtime.getContexts` is the source of truth (the service worker may
 * have been restarted while the document lives on); a shared promise covers concurrent callers.
 */
export const OFFSCREEN_DOCUMENT_PATH = 'offscreen.html';

let creating: Promise<void> | undefined;

export async function hasOffscreenDocument(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(OFFSCREEN_DOCUMENT_PATH)],
  });
  return contexts.length > 0;
}

export async function ensureOffscreenDocument(): Promise<void> {
  // A document being created is listed by getContexts before its script listens: a caller
  // that arrives meanwhile waits for the creation, or its message would find no receiver.
  if (creating) return creating;
  if (await hasOffscreenDocument()) return;
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
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/** Closes the offscreen document if it runs (a hung engine); the next request starts a new one. */
export async function closeOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) await chrome.offscreen.closeDocument();
}
