/**
 * The panel's coding requests in the background: each may be cancelled by the tab and frame
 * that sent it (a newer note superseded it). A cancel aborts the wait for the engine here and
 * is passed on to the offscreen document, whose engine stops at its next check.
 */
import {
  CancellableRequests,
  scopedRequestId,
  type CancellableRequestStats,
} from '../shared/cancellable-requests.js';
import { sendToOffscreen, type MessageSender } from '../shared/messaging.js';
import type { FeedbackCodingResult } from '../shared/protocol.js';
import { logErrorOnce } from '../shared/logger.js';
import { cachedEffectiveSettings } from './cached-settings.js';
import { hasOffscreenDocument, sendToOffscreenDocument } from './offscreen-document.js';

const requests = new CancellableRequests('coding the note');

export async function codeNoteCancellably(
  text: string,
  requestId: string | undefined,
  sender: MessageSender,
): Promise<FeedbackCodingResult> {
  const id = requestId === undefined ? undefined : scopedRequestId(sender, requestId);
  return requests.run(id, async (signal) => {
    const { settings } = await cachedEffectiveSettings();
    signal.throwIfAborted();
    if (id !== undefined)
      signal.addEventListener('abort', () => cancelInOffscreen(id), { once: true });
    return sendToOffscreenDocument('codeText', {
      text,
      setting: settings.setting,
      scope: settings.scope,
      useFeedback: settings.keepFeedback,
      ...(id === undefined ? {} : { requestId: id }),
    });
  });
}

/** How many coding requests the background took, finished and aborted (counts only). */
export function codingRequestStats(): CancellableRequestStats {
  return { ...requests.stats };
}

export function cancelCoding(requestId: string, sender: MessageSender): { cancelled: boolean } {
  return { cancelled: requests.cancel(scopedRequestId(sender, requestId)) };
}

function cancelInOffscreen(id: string): void {
  hasOffscreenDocument()
    .then((exists) => (exists ? sendToOffscreen('cancelCodeText', { requestId: id }) : undefined))
    .catch((error: unknown) => logErrorOnce('cancel coding', error));
}
