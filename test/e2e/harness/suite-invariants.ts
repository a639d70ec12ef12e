/**
 * Suite-wide privacy invariants, checked after EVERY e2e file (a vitest setup file, see
 * vitest.e2e.config.ts). For each browser the file launched through `launchExtensionBrowser`:
 *
 * - zero non-loopback requests, browser-wide (the recording proxy) and per target (CDP);
 * - no console message, log entry or uncaught exception of any target contains the PHI
 *   sentinel that every fixture note carries;
 * - the extension's storage (IndexedDB, chrome.storage, localStorage, caches, OPFS), dumped
 *   just before the browser closed, contains no sentinel either.
 *
 * The file's own afterAll (which closes its browser) runs first; a browser left open is
 * closed here so that the checks still run.
 */
import { afterAll, expect } from 'vitest';
import { LAUNCHED_BROWSERS } from './launch-extension-browser.js';
import { isAllowedRequestUrl } from './network-recorder.js';
import { containsSentinel } from './phi-sentinel.js';

afterAll(async () => {
  for (const run of LAUNCHED_BROWSERS) {
    await run.close();
    const expected = run.expectedEgress;
    const unexpected = (url: string): boolean => !(expected?.test(url) ?? false);
    const where = `browser "${run.label}"`;
    expect(
      run.proxy.requests.filter((request) => unexpected(request.url)),
      `${where}: requests seen by the egress proxy`,
    ).toEqual([]);
    expect(
      run.network.requests.filter(
        (request) => !isAllowedRequestUrl(request.url) && unexpected(request.url),
      ),
      `${where}: non-loopback requests seen by CDP`,
    ).toEqual([]);
    expect(
      run.network.attachFailures,
      `${where}: targets the network recorder could not attach`,
    ).toEqual([]);
    expect(
      run.console.attachFailures,
      `${where}: targets the console recorder could not attach`,
    ).toEqual([]);
    expect(
      run.console.entries.filter((entry) => containsSentinel(entry.text)),
      `${where}: log entries carrying note text`,
    ).toEqual([]);
    expect(run.finalStorageError, `${where}: final storage dump`).toBeNull();
    if (run.finalStorageSkipped)
      console.warn(`${where}: storage not dumped at close: ${run.finalStorageSkipped}`);
    expect(
      (run.finalStorage?.items ?? []).filter((item) => item.matches.length > 0),
      `${where}: stored items carrying note text`,
    ).toEqual([]);
  }
});
