/**
 * Every code the extension's own errors carry, listed once. For each: whether its message is
 * composed by the extension from payload shapes, file paths, versions, ids and fixed words,
 * never from note text or user input. The logger writes such a message out
 * (`describeErrorForLog`); every other error's message is withheld, since a runtime error can
 * quote its input. A new code is added here, with that decision, and nowhere else.
 */
export const ERROR_CODES = {
  /** A message from outside the extension, or from a context the listener does not serve. */
  'forbidden-sender': { messageIsSafe: true },
  'unknown-type': { messageIsSafe: true },
  'invalid-payload': { messageIsSafe: true },
  /** No listener answered. */
  'no-receiver': { messageIsSafe: true },
  /** A reply without the `{ok, ...}` shape. */
  'bad-reply': { messageIsSafe: true },
  /** No usable terminology pack (load-coder.ts). */
  'terminology-unavailable': { messageIsSafe: true },
  /** The offscreen document missed its deadline and was restarted. */
  'offscreen-timeout': { messageIsSafe: true },
  /** A packaged file could not be read (offscreen/packaged-file.ts): its path and HTTP status. */
  'damaged-package': { messageIsSafe: true },
  /** Feedback import refused while "keep feedback" is off (fixed words). */
  'feedback-off': { messageIsSafe: true },
  /** A release upload without the order file: the message names the uploaded files. */
  'release-files': { messageIsSafe: false },
  /** A handler threw an error without a code: its message may quote its input. */
  'handler-failed': { messageIsSafe: false },
} as const satisfies Record<string, { messageIsSafe: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Whether a logged error's message may be written out (see {@link ERROR_CODES}). */
export function isSafeMessageCode(code: unknown): code is ErrorCode {
  return (
    typeof code === 'string' &&
    Object.hasOwn(ERROR_CODES, code) &&
    ERROR_CODES[code as ErrorCode].messageIsSafe
  );
}
