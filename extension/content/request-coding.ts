/**
 * One coding request from the panel that its caller can abort: the abort rejects at once with
 * the signal's reason and tells the background (and through it the engine) to stop, so that a
 * superseded note does not keep the engine busy. Once answered, an abort sends nothing.
 */
import { logErrorOnce } from '../shared/logger.js';
import { sendToBackground } from '../shared/messaging.js';
import type { FeedbackCodingResult } from '../shared/protocol.js';
import { raceAbort } from '../shared/cancellable-requests.js';

export function requestCoding(text: string, signal: AbortSignal): Promise<FeedbackCodingResult> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const requestId = crypto.randomUUID();
  const reply = sendToBackground('codeNote', { text, requestId });
  const cancel = (): void => {
    sendToBackground('cancelCoding', { requestId }).catch((error: unknown) =>
      logErrorOnce('cancel coding', error),
    );
  };
  signal.addEventListener('abort', cancel, { once: true });
  // A request that has been answered has nothing left to cancel: no message for it.
  reply.then(
    () => signal.removeEventListener('abort', cancel),
    () => signal.removeEventListener('abort', cancel),
  );
  return raceAbort(reply, signal);
}
