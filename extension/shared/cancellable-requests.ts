/**
 * Long requests that a newer one can cancel, by id: the background keeps the panel's coding
 * requests here (keyed per tab and frame), the offscreen document its engine runs. A cancel
 * that arrives before its request (messages may cross) is remembered, so that the request is
 * refused when it comes instead of running for nothing.
 */
import type { MessageSender } from './messaging.js';

/** The error a cancelled request fails with (`code` crosses the messaging boundary). */
export class RequestAbortedError extends Error {
  readonly code = 'aborted';
  constructor(what: string) {
    super(`Expected to finish ${what}, got cancelled: a newer note superseded it.`);
    this.name = 'RequestAbortedError';
  }
}

/** How many early cancels are remembered (oldest forgotten first). */
const EARLY_CANCELS_KEPT = 200;

export interface CancellableRequestStats {
  started: number;
  finished: number;
  aborted: number;
}

export class CancellableRequests {
  private readonly running = new Map<string, AbortController>();
  private readonly cancelledEarly = new Set<string>();
  readonly stats: CancellableRequestStats = { started: 0, finished: 0, aborted: 0 };

  constructor(private readonly what: string) {}

  /**
   * Runs `work` with a signal that {@link cancel} aborts. Without an id, the work cannot be
   * cancelled. Rejects with {@link RequestAbortedError} once aborted, even if `work` ignores
   * the signal.
   */
  async run<T>(id: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (id !== undefined && this.cancelledEarly.delete(id))
      controller.abort(new RequestAbortedError(this.what));
    if (id !== undefined) this.running.set(id, controller);
    this.stats.started++;
    try {
      const result = await raceAbort(work(controller.signal), controller.signal);
      this.stats.finished++;
      return result;
    } catch (error) {
      if (controller.signal.aborted) {
        this.stats.aborted++;
        throw new RequestAbortedError(this.what);
      }
      throw error;
    } finally {
      if (id !== undefined && this.running.get(id) === controller) this.running.delete(id);
    }
  }

  /** Aborts the request `id`; true when it was running, else it is refused when it arrives. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    if (controller) {
      controller.abort(new RequestAbortedError(this.what));
      return true;
    }
    this.cancelledEarly.add(id);
    if (this.cancelledEarly.size > EARLY_CANCELS_KEPT)
      this.cancelledEarly.delete(this.cancelledEarly.values().next().value!);
    return false;
  }
}

/** `promise`, or a rejection as soon as `signal` aborts (whichever comes first). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined); // settles later; nobody waits for it
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A sender's request id, scoped to its tab and frame so that no tab can cancel another's. */
export function scopedRequestId(sender: MessageSender, requestId: string): string {
  return `${sender.tab?.id ?? 'page'}:${sender.frameId ?? 0}:${requestId}`;
}
