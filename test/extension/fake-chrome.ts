/**
 * A small in-memory `chrome` for adapter tests: runtime messaging between registered
 * listeners, storage.sync, and the ids/URLs the sender checks use.
 */
import { vi } from 'vitest';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

type Listener = (
  message: unknown,
  sender: chrome.runtime.MessageSender,
  sendResponse: (reply: unknown) => void,
) => boolean | void;

export interface FakeChrome {
  listeners: Set<Listener>;
  /** Delivers `message` to every listener as if sent by `sender`; resolves to the reply. */
  deliver(message: unknown, sender: chrome.runtime.MessageSender): Promise<unknown>;
  storage: Map<string, unknown>;
  /** The sender used by chrome.runtime.sendMessage. */
  sendAs: chrome.runtime.MessageSender;
}

export function installFakeChrome(): FakeChrome {
  const listeners = new Set<Listener>();
  const storage = new Map<string, unknown>();
  const fake: FakeChrome = {
    listeners,
    storage,
    sendAs: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup.html` },
    deliver(message, sender) {
      return new Promise((resolve) => {
        let isAsync = false;
        let answered = false;
        const respond = (reply: unknown): void => {
          answered = true;
          resolve(reply);
        };
        for (const listener of listeners) {
          if (listener(message, sender, respond) === true) isAsync = true;
          if (answered) return;
        }
        if (!isAsync && !answered) resolve(undefined);
      });
    },
  };
  const chromeStub = {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `${EXTENSION_ORIGIN}${path.replace(/^\//, '')}`,
      onMessage: {
        addListener: (listener: Listener) => listeners.add(listener),
        removeListener: (listener: Listener) => listeners.delete(listener),
      },
      sendMessage: (message: unknown) => fake.deliver(message, fake.sendAs),
    },
    tabs: {
      sendMessage: (_tabId: number, message: unknown) =>
        fake.deliver(message, { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}background.js` }),
    },
    storage: {
      sync: {
        get: async (key: string) => (storage.has(key) ? { [key]: storage.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) storage.set(key, value);
        },
      },
    },
  };
  vi.stubGlobal('chrome', chromeStub);
  return fake;
}
