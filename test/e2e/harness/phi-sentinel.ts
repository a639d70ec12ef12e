/**
 * A sentence placed in every fixture note (and every note the e2e tests generate). The suite
 * asserts it appears in no log of any target and nowhere in the extension's storage: note text
 * is used in memory, never logged, never stored.
 */
export const PHI_SENTINEL = 'Zebra sentinel 4711 quartz';

/** What the checks search for (case-insensitive): the sentence and its rarest piece. */
export const PHI_NEEDLES = [PHI_SENTINEL, 'sentinel 4711'];

export function containsSentinel(text: string): boolean {
  const lower = text.toLowerCase();
  return PHI_NEEDLES.some((needle) => lower.includes(needle.toLowerCase()));
}
