import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  describePayloadShape,
  isBackgroundSender,
  isOwnContentScriptSender,
  isOwnExtensionPageSender,
  isOwnExtensionUrlSender,
  listenForMessages,
  MessagingError,
  sendToBackground,
  sendToContent,
  type MessageHandlers,
} from '../../../extension/shared/messaging.js';
import {
  BACKGROUND_TO_CONTENT_VALIDATORS,
  CONTENT_TO_BACKGROUND_VALIDATORS,
} from '../../../extension/shared/payload-validators.js';
import type {
  BackgroundToContent,
  ContentToBackground,
} from '../../../extension/shared/protocol.js';
import { PANEL_HANDLER_STUBS } from '../panel-handler-stubs.js';
import {
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  installFakeChrome,
  type FakeChrome,
} from '../fake-chrome.js';

const NOTE = 'Patient with essential hypertension. SECRET-NOTE-TEXT';
const RESULT = { terminology: 'ICD-10-CM test', model: null, codes: [], flagged: [] };

const contentSender: chrome.runtime.MessageSender = {
  id: EXTENSION_ID,
  tab: { id: 7 } as chrome.tabs.Tab,
  url: 'http://127.0.0.1:8000/note.html',
  frameId: 0,
};
const backgroundSender: chrome.runtime.MessageSender = {
  id: EXTENSION_ID,
  url: `${EXTENSION_ORIGIN}background.js`,
};

let fake: FakeChrome;
let codeNote: ReturnType<typeof vi.fn>;
let stop: () => void;

beforeEach(() => {
  fake = installFakeChrome();
  codeNote = vi.fn(async () => RESULT);
  const handlers: MessageHandlers<ContentToBackground> = {
    codeNote: codeNote as unknown as MessageHandlers<ContentToBackground>['codeNote'],
    searchCodes: async () => [],
    getTerminologyStatus: async () => {
      throw Object.assign(new Error('Expected a pack, got none.'), {
        code: 'terminology-unavailable',
      });
    },
    ...PANEL_HANDLER_STUBS,
  };
  stop = listenForMessages<ContentToBackground>('background', {
    handlers,
    validators: CONTENT_TO_BACKGROUND_VALIDATORS,
    isAllowedSender: (sender) =>
      isOwnContentScriptSender(sender) || isOwnExtensionPageSender(sender),
  });
});

afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

describe('listenForMessages', () => {
  it('answers a valid message from its own content script with {ok: true, value}', async () => {
    const reply = await fake.deliver(
      { target: 'background', type: 'codeNote', data: { text: NOTE } },
      contentSender,
    );
    expect(reply).toEqual({ ok: true, value: RESULT });
    expect(codeNote).toHaveBeenCalledWith({ text: NOTE }, contentSender);
  });

  it('refuses a sender from another extension before running any handler', async () => {
    const reply = await fake.deliver(
      { target: 'background', type: 'codeNote', data: { text: NOTE } },
      { ...contentSender, id: 'otherextensionidotherextensionid' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(codeNote).not.toHaveBeenCalled();
  });

  it('refuses a sender without an extension id (a web page)', async () => {
    const { id: _ignored, ...noId } = contentSender;
    const reply = await fake.deliver(
      { target: 'background', type: 'codeNote', data: { text: NOTE } },
      noId,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(codeNote).not.toHaveBeenCalled();
  });

  it('stays silent for messages addressed to another context', async () => {
    const reply = await fake.deliver(
      { target: 'offscreen', type: 'codeText', data: {} },
      backgroundSender,
    );
    expect(reply).toBeUndefined();
  });

  it('ignores messages that are not envelopes', async () => {
    expect(await fake.deliver({ action: 'codeNote', text: NOTE }, contentSender)).toBeUndefined();
    expect(await fake.deliver('codeNote', contentSender)).toBeUndefined();
  });

  it('names the valid types for an unknown type', async () => {
    const reply = await fake.deliver(
      { target: 'background', type: 'deleteEverything', data: {} },
      contentSender,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-type' } });
    expect((reply as { error: { message: string } }).error.message).toContain(
      'codeNote, searchCodes',
    );
  });

  it('refuses an invalid payload and describes it without echoing note text', async () => {
    const reply = await fake.deliver(
      { target: 'background', type: 'codeNote', data: { note: NOTE } },
      contentSender,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const { message } = (reply as { error: { message: string } }).error;
    expect(message).toContain('{text: string');
    expect(message).toContain('object with keys [note]');
    expect(message).not.toContain('SECRET-NOTE-TEXT');
    expect(codeNote).not.toHaveBeenCalled();
  });

  it('turns a handler error into {ok: false} with its code', async () => {
    const reply = await fake.deliver(
      { target: 'background', type: 'getTerminologyStatus', data: {} },
      contentSender,
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'terminology-unavailable', message: 'Error: Expected a pack, got none.' },
    });
  });

  it('stops answering once removed (or when its signal aborts)', async () => {
    stop();
    expect(
      await fake.deliver(
        { target: 'background', type: 'codeNote', data: { text: NOTE } },
        contentSender,
      ),
    ).toBeUndefined();
    const controller = new AbortController();
    listenForMessages<ContentToBackground>('background', {
      handlers: {
        codeNote: async () => RESULT as never,
        searchCodes: async () => [],
        getTerminologyStatus: async () => ({ version: 'x', loadedFrom: 'package', loadMs: 0 }),
        ...PANEL_HANDLER_STUBS,
      },
      validators: CONTENT_TO_BACKGROUND_VALIDATORS,
      isAllowedSender: () => true,
      signal: controller.signal,
    });
    controller.abort();
    expect(fake.listeners.size).toBe(0);
  });
});

describe('the content script listener accepts only the background', () => {
  let openPanel: ReturnType<typeof vi.fn<() => { opened: true }>>;
  beforeEach(() => {
    stop();
    openPanel = vi.fn(() => ({ opened: true as const }));
    stop = listenForMessages<BackgroundToContent>('content', {
      handlers: {
        ping: () => ({ ready: true }),
        openPanel,
        codeSelection: () => ({ opened: true }),
      },
      validators: BACKGROUND_TO_CONTENT_VALIDATORS,
      isAllowedSender: isBackgroundSender,
    });
  });

  it('runs for the background service worker', async () => {
    expect(await sendToContent(7, 'openPanel', {})).toEqual({ opened: true });
  });

  it('refuses the extension popup and other content scripts', async () => {
    for (const sender of [
      { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup.html` },
      contentSender,
    ]) {
      const reply = await fake.deliver({ target: 'content', type: 'openPanel', data: {} }, sender);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(openPanel).not.toHaveBeenCalled();
  });
});

describe('send functions', () => {
  it('unwrap a successful reply', async () => {
    await expect(sendToBackground('codeNote', { text: NOTE })).resolves.toEqual(RESULT);
  });

  it('rethrow a failed reply as MessagingError with its code', async () => {
    const error = await sendToBackground('getTerminologyStatus', {}).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MessagingError);
    expect(error).toMatchObject({ code: 'terminology-unavailable' });
  });

  it('report a missing receiver as no-receiver, not a silent undefined', async () => {
    stop();
    await expect(sendToBackground('codeNote', { text: NOTE })).rejects.toMatchObject({
      code: 'no-receiver',
    });
  });
});

describe('sender predicates', () => {
  it('tell the background, own pages and content scripts apart', () => {
    expect(isBackgroundSender(backgroundSender)).toBe(true);
    expect(isBackgroundSender({ id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup.html` })).toBe(
      false,
    );
    expect(isBackgroundSender({ ...backgroundSender, tab: { id: 1 } as chrome.tabs.Tab })).toBe(
      false,
    );
    expect(
      isOwnExtensionPageSender({ id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}options.html` }),
    ).toBe(true);
    expect(isOwnExtensionPageSender(contentSender)).toBe(false);
    expect(isOwnContentScriptSender(contentSender)).toBe(true);
    expect(isOwnContentScriptSender({ ...contentSender, id: 'someone-else' })).toBe(false);
  });

  it("accept Firefox's background page as the background, and own pages open in a tab as own URLs", () => {
    expect(
      isBackgroundSender({
        id: EXTENSION_ID,
        url: `${EXTENSION_ORIGIN}_generated_background_page.html`,
      }),
    ).toBe(true);
    expect(
      isBackgroundSender({
        id: 'someone-else',
        url: `${EXTENSION_ORIGIN}_generated_background_page.html`,
      }),
    ).toBe(false);
    const optionsInTab = {
      id: EXTENSION_ID,
      url: `${EXTENSION_ORIGIN}options.html`,
      tab: { id: 3 } as chrome.tabs.Tab,
    };
    expect(isOwnExtensionUrlSender(optionsInTab)).toBe(true);
    expect(isOwnExtensionPageSender(optionsInTab)).toBe(false);
    expect(isOwnExtensionUrlSender(contentSender)).toBe(false);
  });

  it('describe payloads by type and keys only', () => {
    expect(describePayloadShape(NOTE)).toBe(`string(${NOTE.length} chars)`);
    expect(describePayloadShape({ text: NOTE })).toBe('object with keys [text]');
    expect(describePayloadShape([1, 2])).toBe('array(2)');
    expect(describePayloadShape(null)).toBe('null');
  });
});
