/**
 * The extension's one logger: a fixed prefix, each distinct message once. Callers pass
 * counts, lengths, codes, versions and timings only, never note text.
 *
 * Errors are described by {@link describeErrorForLog}: name and code always, the message only
 * when the error's code says the extension wrote it from shapes, paths and versions
 * (`error-codes.ts`, the one list of codes). A runtime
 * error's message can quote its input (V8's JSON.parse quotes the text it failed on; a
 * TypeError can name a value), so for any other error only its length is logged.
 */
import { isSafeMessageCode } from './error-codes.js';

const PREFIX = '[Marginalia]';
const MAX_LOGGED_CHARS = 300;
const logged = new Set<string>();

/** A log-safe description of a thrown value: no message text unless the extension wrote it. */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) {
    return error === null ? 'null thrown' : `${typeof error} thrown`;
  }
  const code = (error as { code?: unknown }).code;
  const name = error.name || 'Error';
  if (isSafeMessageCode(code)) {
    return `${name} [${code}]: ${error.message}`.slice(0, MAX_LOGGED_CHARS);
  }
  const codePart =
    typeof code === 'string' || typeof code === 'number' ? ` [${String(code).slice(0, 40)}]` : '';
  return `${name}${codePart} (message withheld, ${error.message.length} chars)`;
}

export function warnOnce(message: string): void {
  const text = message.slice(0, MAX_LOGGED_CHARS);
  if (logged.has(text)) return;
  logged.add(text);
  console.warn(PREFIX, text);
}

export function logErrorOnce(context: string, error: unknown): void {
  const key = `${context}: ${describeErrorForLog(error)}`;
  if (logged.has(key)) return;
  logged.add(key);
  console.error(PREFIX, key);
}
