/**
 * A hung offscreen engine ends in an `offscreen-timeout` error (the panel shows it with "Try
 * again") and the background's restart hook runs; an answer in time is passed through.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MessagingError,
  offscreenReplyDeadlineMs,
  sendToOffscreen,
  setOffscreenTimeoutHandler,
} from '../../../extension/shared/messaging.js';
import { installFakeChrome, type FakeChrome } from '../fake-chrome.js';

let fake: FakeChrome;

beforeEach(() => {
  vi.useFakeTimers();
  fake = installFakeChrome();
});

afterEach(() => {
  setOffscreenTimeoutHandler(undefined);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('sendToOffscreen deadline', () => {
  it('scales with the note for coding and is generous for everything else', () => {
    expect(offscreenReplyDeadlineMs('codeText', { text: '' })).toBe(30_000);
    expect(offscreenReplyDeadlineMs('codeText', { text: 'x'.repeat(1_000_000) })).toBe(130_000);
    expect(offscreenReplyDeadlineMs('searchCodes', { query: 'x', limit: 5 })).toBe(300_000);
  });

  it('rejects with offscreen-timeout and restarts the engine when no answer comes', async () => {
    // An offscreen listener that accepts the message and never answers (a hung engine).
    fake.listeners.add(() => true);
    const restart = vi.fn();
    setOffscreenTimeoutHandler(restart);
    const pending = sendToOffscreen('codeText', {
      text: 'Essential hypertension.',
      setting: 'outpatient',
      scope: 'reportable',
    }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(11_000);
    const error = await pending;
    expect(error).toBeInstanceOf(MessagingError);
    expect(error).toMatchObject({ code: 'offscreen-timeout' });
    expect((error as Error).message).not.toContain('hypertension');
    expect(restart).toHaveBeenCalledWith('codeText');
  });

  it('passes an answer in time through and leaves no timer behind', async () => {
    fake.listeners.add((message, _sender, sendResponse) => {
      setTimeout(
        () => sendResponse({ ok: true, value: { version: 'v', loadedFrom: 'package', loadMs: 1 } }),
        1_000,
      );
      return true;
    });
    const restart = vi.fn();
    setOffscreenTimeoutHandler(restart);
    const pending = sendToOffscreen('getTerminologyStatus', {});
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(pending).resolves.toMatchObject({ version: 'v' });
    expect(vi.getTimerCount()).toBe(0);
    expect(restart).not.toHaveBeenCalled();
  });
});
