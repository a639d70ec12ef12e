/**
 * One coding request from the panel that its caller can abort: the abort rejects at once with
 * the signal's reason and tells the background (and through it the engine) to stop, so that a
 * superseded note does not keep the engine busy.
 */
import { logErrorOnce } from '../shared/logger.js';
import { sendToBackground } from '../shared/messaging.js';
import type { FeedbackCodingResult } from '../shared/protocol.js';
import { raceAbort } from '../shared/cancellable-requests.js';

export function requestCoding(text: string, signal: AbortSignal): Promise<FeedbackCodingResult> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const requestId = crypto.randomUUID();
  const reply = sendToBackground('codeNote', { text, requestId });
  signal.addEventListener(
    'abort',
    () => {
      sendToBackground('cancelCoding', { requestId }).catch((error: unknown) =>
        logErrorOnce('cancel coding', error),
      );
    },
    { once: true },
  );
  return raceAbort(reply, signal);
}
