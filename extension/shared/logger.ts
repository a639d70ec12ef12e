/**
 * The extension's one logger: a fixed prefix, each distinct message once. Callers pass
 * counts, lengths, codes and timings only, never note text.
 */
const PREFIX = '[Marginalia]';
const logged = new Set<string>();

export function warnOnce(message: string): void {
  if (logged.has(message)) return;
  logged.add(message);
  console.warn(PREFIX, message);
}

export function logErrorOnce(context: string, error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(typeof error);
  const key = `${context}: ${text}`;
  if (logged.has(key)) return;
  logged.add(key);
  console.error(PREFIX, key);
}
