/**
 * The only module that touches `chrome.runtime.sendMessage`, `chrome.runtime.onMessage` and
 * `chrome.tabs.sendMessage`.
 *
 * Wire format: `{target, type, data}`. `target` is there because the background and the
 * offscreen document receive the same runtime broadcasts; a listener answers only messages
 * addressed to it. Reply format: `{ok: true, value} | {ok: false, error: {code, message}}`;
 * the `send*` functions rethrow a failed reply as a {@link MessagingError}.
 *
 * Every listener checks `sender.id === chrome.runtime.id` before anything else, then the
 * context's own sender policy, then the payload shape. Error messages describe payloads by
 * type and keys only: note text never appears in an error.
 */
import type { ErrorCode } from './error-codes.js';
import type {
  BackgroundToContent,
  BackgroundToOffscreen,
  ContentToBackground,
} from './protocol.js';

export type MessageTarget = 'background' | 'offscreen' | 'content';

export interface MessageEnvelope {
  target: MessageTarget;
  type: string;
  data: unknown;
}

/** The extension's codes (`error-codes.ts`), or a code a thrown error brought with it. */
export type MessagingErrorCode = ErrorCode | (string & {});

export interface SerializedError {
  code: MessagingErrorCode;
  message: string;
}

export type MessageReply<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** An error that crossed (or failed to cross) a context boundary. */
export class MessagingError extends Error {
  readonly code: MessagingErrorCode;
  constructor(code: MessagingErrorCode, message: string) {
    super(message);
    this.name = 'MessagingError';
    this.code = code;
  }
}

export type ProtocolInput<P, K extends keyof P> = P[K] extends (input: infer I) => unknown
  ? I
  : never;
export type ProtocolOutput<P, K extends keyof P> = P[K] extends (input: never) => infer O
  ? O
  : never;

export type MessageSender = chrome.runtime.MessageSender;

export type MessageHandlers<P> = {
  [K in keyof P]: (
    data: ProtocolInput<P, K>,
    sender: MessageSender,
  ) => ProtocolOutput<P, K> | Promise<ProtocolOutput<P, K>>;
};

/** A runtime check for one message's payload, with a shape description for error messages. */
export interface PayloadValidator {
  /** e.g. "{text: string}" */
  expected: string;
  check(data: unknown): boolean;
}

export type PayloadValidators<P> = { [K in keyof P]: PayloadValidator };

export interface ListenOptions<P> {
  handlers: MessageHandlers<P>;
  validators: PayloadValidators<P>;
  /** The context's sender policy, applied after the extension-id check. */
  isAllowedSender(sender: MessageSender): boolean;
  /** Removes the listener when aborted. */
  signal?: AbortSignal;
}

/** Path of the background service worker inside the package (see build/extension/bundle-entries.mjs). */
export const BACKGROUND_SCRIPT_PATH = 'background.js';
/** Firefox's background page (background.scripts) sends from a generated page URL. */
const FIREFOX_BACKGROUND_PAGE_PATH = '_generated_background_page.html';

// The sender predicates, all of them: each context's listener names one (a meta-test checks it).

/** The sender is this extension's background: Chrome's service worker or Firefox's page. */
export function isBackgroundSender(sender: MessageSender): boolean {
  return (
    sender.id === chrome.runtime.id &&
    sender.tab === undefined &&
    (sender.url === chrome.runtime.getURL(BACKGROUND_SCRIPT_PATH) ||
      sender.url === chrome.runtime.getURL(FIREFOX_BACKGROUND_PAGE_PATH))
  );
}

/** The sender is this extension's content script running in a tab. */
export function isOwnContentScriptSender(sender: MessageSender): boolean {
  return sender.id === chrome.runtime.id && sender.tab !== undefined;
}

/** The sender is one of this extension's own pages (popup, options), not in a tab's page. */
export function isOwnExtensionPageSender(sender: MessageSender): boolean {
  return sender.tab === undefined && isOwnExtensionUrlSender(sender);
}

/**
 * The sender is one of this extension's own pages, also when it is open in a tab: its URL is in
 * the extension origin. A content script's sender URL is the web page's.
 */
export function isOwnExtensionUrlSender(sender: MessageSender): boolean {
  return (
    sender.id === chrome.runtime.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(chrome.runtime.getURL(''))
  );
}

export function isMessageEnvelope(message: unknown): message is MessageEnvelope {
  if (typeof message !== 'object' || message === null) return false;
  const { target, type } = message as Record<string, unknown>;
  return (
    (target === 'background' || target === 'offscreen' || target === 'content') &&
    typeof type === 'string' &&
    'data' in message
  );
}

/** Describes a value by type and keys only, so that error messages never carry note text. */
export function describePayloadShape(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return `array(${data.length})`;
  if (typeof data === 'string') return `string(${data.length} chars)`;
  if (typeof data !== 'object') return typeof data;
  const keys = Object.keys(data).slice(0, 10);
  return `object with keys [${keys.join(', ')}]`;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof MessagingError) return { code: error.code, message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      code: typeof code === 'string' ? code : 'handler-failed',
      message: `${error.name}: ${error.message}`.slice(0, 500),
    };
  }
  return { code: 'handler-failed', message: `Non-error thrown: ${describePayloadShape(error)}` };
}

function unwrapReply<T>(reply: unknown, target: MessageTarget, type: string): T {
  if (reply === undefined) {
    throw new MessagingError(
      'no-receiver',
      `Expected a reply from the ${target} to "${type}", got none (no listener answered).`,
    );
  }
  if (
    typeof reply !== 'object' ||
    reply === null ||
    typeof (reply as { ok?: unknown }).ok !== 'boolean'
  ) {
    throw new MessagingError(
      'bad-reply',
      `Expected {ok: boolean, ...} from the ${target} for "${type}", got ${describePayloadShape(reply)}.`,
    );
  }
  const typed = reply as MessageReply<T>;
  if (typed.ok) return typed.value;
  throw new MessagingError(typed.error.code, typed.error.message);
}

async function sendRuntimeMessage<T>(
  target: MessageTarget,
  type: string,
  data: unknown,
): Promise<T> {
  const envelope: MessageEnvelope = { target, type, data };
  const reply: unknown = await chrome.runtime.sendMessage(envelope);
  return unwrapReply<T>(reply, target, type);
}

/** Content script or extension page → background. */
export function sendToBackground<K extends keyof ContentToBackground>(
  type: K,
  data: ProtocolInput<ContentToBackground, K>,
): Promise<ProtocolOutput<ContentToBackground, K>> {
  return sendRuntimeMessage('background', type, data);
}

/**
 * How long the background waits for the offscreen document's answer. A hung engine must end
 * in an error the panel can offer "Try again" for, never in a spinner that turns forever:
 * coding gets 30 s plus 10 s per 100,000 characters (a 1 MB note codes in about 10 s on two
 * cores), everything else (lookups, release imports) 5 minutes.
 */
export function offscreenReplyDeadlineMs(type: string, data: unknown): number {
  if (type !== 'codeText') return 300_000;
  const text =
    typeof data === 'object' && data !== null ? (data as { text?: unknown }).text : undefined;
  const chars = typeof text === 'string' ? text.length : 0;
  return 30_000 + Math.ceil(chars / 100_000) * 10_000;
}

let onOffscreenTimeout: ((type: string) => void) | undefined;

/** What to do when the offscreen document misses a deadline (the background restarts it). */
export function setOffscreenTimeoutHandler(handler: ((type: string) => void) | undefined): void {
  onOffscreenTimeout = handler;
}

/** Background → offscreen document, within {@link offscreenReplyDeadlineMs}. */
export function sendToOffscreen<K extends keyof BackgroundToOffscreen>(
  type: K,
  data: ProtocolInput<BackgroundToOffscreen, K>,
): Promise<ProtocolOutput<BackgroundToOffscreen, K>> {
  const deadlineMs = offscreenReplyDeadlineMs(type, data);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const missed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onOffscreenTimeout?.(type);
      reject(
        new MessagingError(
          'offscreen-timeout',
          `Expected the coding engine to answer "${type}" within ${Math.round(deadlineMs / 1000)} s, got no answer. It was restarted; try again.`,
        ),
      );
    }, deadlineMs);
  });
  return Promise.race([
    sendRuntimeMessage<ProtocolOutput<BackgroundToOffscreen, K>>('offscreen', type, data),
    missed,
  ]).finally(() => clearTimeout(timer));
}

/** Background → the content script of one tab (top frame unless `frameId` is given). */
export async function sendToContent<K extends keyof BackgroundToContent>(
  tabId: number,
  type: K,
  data: ProtocolInput<BackgroundToContent, K>,
  options: { frameId?: number } = {},
): Promise<ProtocolOutput<BackgroundToContent, K>> {
  const envelope: MessageEnvelope = { target: 'content', type, data };
  const reply: unknown = await chrome.tabs.sendMessage(tabId, envelope, {
    frameId: options.frameId ?? 0,
  });
  return unwrapReply(reply, 'content', type);
}

/**
 * Answers the messages addressed to `target`, one handler per type. Returns a function that
 * removes the listener (also done when `signal` aborts).
 */
export function listenForMessages<P extends object>(
  target: MessageTarget,
  options: ListenOptions<P>,
): () => void {
  const { handlers, validators, isAllowedSender, signal } = options;
  const listener = (
    message: unknown,
    sender: MessageSender,
    sendResponse: (reply: MessageReply<unknown>) => void,
  ): boolean => {
    // Not addressed to this context: stay silent so that the right listener can answer.
    if (!isMessageEnvelope(message) || message.target !== target) return false;
    const fail = (code: MessagingErrorCode, text: string): false => {
      sendResponse({ ok: false, error: { code, message: text } });
      return false;
    };
    if (sender.id !== chrome.runtime.id) {
      return fail(
        'forbidden-sender',
        `Expected a sender from this extension, got ${sender.id ? 'another extension' : 'no extension id'}.`,
      );
    }
    if (!isAllowedSender(sender)) {
      return fail(
        'forbidden-sender',
        `The ${target} does not accept "${message.type}" from ${sender.tab ? 'a tab' : (sender.url ?? 'an unknown context')}.`,
      );
    }
    if (!Object.hasOwn(handlers, message.type)) {
      return fail(
        'unknown-type',
        `Unknown message type "${message.type}" for the ${target}. Expected one of: ${Object.keys(handlers).join(', ')}.`,
      );
    }
    const type = message.type as keyof P & string;
    const validator = validators[type];
    if (!validator.check(message.data)) {
      return fail(
        'invalid-payload',
        `Expected "${type}" data to be ${validator.expected}, got ${describePayloadShape(message.data)}.`,
      );
    }
    const handler = handlers[type] as (data: unknown, sender: MessageSender) => unknown;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => sendResponse({ ok: false, error: serializeError(error) }),
      );
    return true; // the reply is sent asynchronously
  };
  chrome.runtime.onMessage.addListener(listener);
  const remove = (): void => chrome.runtime.onMessage.removeListener(listener);
  signal?.addEventListener('abort', remove, { once: true });
  return remove;
}
