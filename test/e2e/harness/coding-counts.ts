/**
 * The extension's coding runs as the test build counts them (counts only, never text): the
 * background's `codeNote` requests (`globalThis.marginalia.codingStats`, the e2e contract) and
 * the engine's runs in the offscreen document (`globalThis.marginaliaOffscreen.codingStats`).
 *
 * A test that must prove that something did not make the extension code a note compares these
 * counts, rather than watching the network for a while: the extension's own loads (packs,
 * models, the engine's warm-up) come on their own schedule, a coding run only when asked for.
 */
import type { Target } from 'puppeteer-core';
import type { ExtensionBrowser } from './launch-extension-browser.js';

export interface RunCounts {
  started: number;
  finished: number;
  aborted: number;
}

export interface CodingCounts {
  /** The `codeNote` requests the background took (from the panel, or anything else). */
  background: RunCounts;
  /** The engine's coding runs; null while there is no offscreen document. */
  engine: RunCounts | null;
  /** The offscreen document counted: a new document counts from zero again. */
  engineTarget: Target | null;
}

type CountedRun = Pick<ExtensionBrowser, 'browser' | 'serviceWorker'>;

const isIdle = (counts: RunCounts | null): boolean =>
  counts === null || counts.started === counts.finished + counts.aborted;

/** The counts now. */
export async function readCodingCounts(run: CountedRun): Promise<CodingCounts> {
  const background = await run.serviceWorker.evaluate(() => globalThis.marginalia.codingStats());
  const engineTarget =
    run.browser.targets().find((target) => target.url().endsWith('/offscreen.html')) ?? null;
  const offscreen = await engineTarget?.asPage();
  const engine = offscreen
    ? await offscreen.evaluate(() =>
        (
          globalThis as unknown as { marginaliaOffscreen: { codingStats(): RunCounts } }
        ).marginaliaOffscreen.codingStats(),
      )
    : null;
  return { background, engine, engineTarget };
}

/**
 * Waits until no coding run is in flight, in the background or in the engine, and the
 * background has taken at least `atLeast` requests in all; returns the counts then.
 */
export async function waitForCodingIdle(
  run: CountedRun,
  { atLeast = 0, timeoutMs = 30_000 }: { atLeast?: number; timeoutMs?: number } = {},
): Promise<CodingCounts> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await readCodingCounts(run);
    if (counts.background.started >= atLeast && isIdle(counts.background) && isIdle(counts.engine))
      return counts;
    if (Date.now() > deadline)
      throw new Error(
        `Expected the extension to finish coding (at least ${atLeast} requests) within ${timeoutMs} ms, got background ${JSON.stringify(counts.background)}, engine ${JSON.stringify(counts.engine)}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
