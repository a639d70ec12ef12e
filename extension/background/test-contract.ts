/**
 * The e2e contract of the test build (stable): `globalThis.marginalia.openPanel(tabId)` does
 * exactly what the toolbar button does; the e2e suite, the screenshots, the demo and the
 * benchmarks call it through the background target. Installed only under `__TEST__`: the release
 * build has no `globalThis.marginalia` (test/extension/release-build.test.ts).
 */
import type { CancellableRequestStats } from '../shared/cancellable-requests.js';
import { codeSelectionInTab, openPanel } from './open-panel.js';
import { resyncEhrSites } from './watch-ehr-sites.js';

declare global {
  // eslint-disable-next-line no-var
  var marginalia: {
    openPanel(tabId: number): Promise<{ opened: true }>;
    /** What the "Code with Marginalia" menu item does (headless tests cannot click menus). */
    codeSelection(tabId: number, frameId: number, selectionText: string): Promise<{ opened: true }>;
    /** Re-registers the EHR-site content scripts from the settings (tests, after a grant). */
    resyncEhrSites(): Promise<unknown>;
    /**
     * How many `codeNote` requests the background took from the extension's own contexts, and
     * how many finished or were aborted (counts only): e2e tests assert that a page's attempt to
     * drive the extension started none.
     */
    codingStats(): CancellableRequestStats;
  };
}

export function exposeTestContract(codingStats: () => CancellableRequestStats): void {
  globalThis.marginalia = {
    openPanel,
    codeSelection: codeSelectionInTab,
    resyncEhrSites,
    codingStats,
  };
}
