import { describe, expect, it } from 'vitest';
import {
  CancellableRequests,
  RequestAbortedError,
  scopedRequestId,
} from '../../../extension/shared/cancellable-requests.js';

/** Work that waits for the test, and says whether it saw its signal abort. */
function heldWork(): {
  work: (signal: AbortSignal) => Promise<string>;
  release(): void;
  sawAbort(): boolean;
} {
  let release = (): void => undefined;
  let seen: AbortSignal | undefined;
  return {
    work: (signal) => {
      seen = signal;
      return new Promise((resolve) => (release = () => resolve('coded')));
    },
    release: () => release(),
    sawAbort: () => seen?.aborted ?? false,
  };
}

describe('CancellableRequests', () => {
  it('aborts a running request: its work sees the signal and the caller gets a clear "aborted" error at once', async () => {
    const requests = new CancellableRequests('coding the note');
    const held = heldWork();
    const pending = requests.run('r1', held.work);
    expect(requests.cancel('r1')).toBe(true);
    await expect(pending).rejects.toMatchObject({
      code: 'aborted',
      message: expect.stringContaining('Expected to finish coding the note, got cancelled'),
    });
    expect(held.sawAbort()).toBe(true);
    held.release();
    expect(requests.stats).toEqual({ started: 1, finished: 0, aborted: 1 });
  });

  it('refuses a request whose cancel arrived first (messages may cross) without running its work', async () => {
    const requests = new CancellableRequests('coding the note');
    expect(requests.cancel('r2')).toBe(false);
    let ran = false;
    await expect(
      requests.run('r2', async (signal) => {
        signal.throwIfAborted();
        ran = true;
        return 'coded';
      }),
    ).rejects.toBeInstanceOf(RequestAbortedError);
    expect(ran).toBe(false);
  });

  it('leaves other requests and requests without an id alone', async () => {
    const requests = new CancellableRequests('coding the note');
    const other = heldWork();
    const unnamed = heldWork();
    const a = requests.run('a', other.work);
    const b = requests.run(undefined, unnamed.work);
    requests.cancel('not-a');
    other.release();
    unnamed.release();
    await expect(a).resolves.toBe('coded');
    await expect(b).resolves.toBe('coded');
    expect(requests.stats).toEqual({ started: 2, finished: 2, aborted: 0 });
  });

  it('scopes ids by tab and frame, so that one tab cannot cancel another tab’s request', () => {
    expect(scopedRequestId({ tab: { id: 3 } as chrome.tabs.Tab, frameId: 0 }, 'x')).toBe('3:0:x');
    expect(scopedRequestId({ tab: { id: 4 } as chrome.tabs.Tab, frameId: 0 }, 'x')).not.toBe(
      '3:0:x',
    );
  });
});
