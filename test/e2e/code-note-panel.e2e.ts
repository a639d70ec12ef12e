/**
 * The coder's main flow in a real Chromium with the built extension: open the panel on a
 * synthetic EHR page exactly as the toolbar button does, see codes with evidence, flagged
 * negations kept apart, highlights on the page, and not one request off the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';
import {
  clickNode,
  type PanelSnapshot,
  readPanel,
  waitForPanelResult,
} from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import { waitForCodingIdle } from './harness/coding-counts.js';

let run: ExtensionBrowser;
let page: Page;
let panel: PanelSnapshot;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

/** Opens the panel in the active tab (the fixture page) exactly as the toolbar button does. */
async function openPanelViaServiceWorker(): Promise<void> {
  await openPanelInActiveTab(run, page);
}

beforeAll(async () => {
  run = await timed('launch', () => launchExtensionBrowser('code-note-panel'));
  page = await run.browser.newPage();
  await timed('fixture page load', () =>
    page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' }),
  );
});

afterAll(async () => {
  console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  await run?.close();
});

describe('panel on a plain note page', () => {
  it('opens through globalThis.marginalia.openPanel and lists codes from the real core', async () => {
    await timed('openPanel call', () => openPanelViaServiceWorker());
    panel = await timed('panel results (incl. first pack install)', () =>
      waitForPanelResult(page, 90_000),
    );
    expect(panel.text).not.toMatch(/Couldn’t code this page/);
    expect(panel.terminology).toMatch(/^ICD-10-CM /);
    const positives = panel.codes.filter((code) => code.flagged === null).map((code) => code.code);
    expect(positives.some((code) => code === 'I10' || code === 'E11.22')).toBe(true);
  });

  it('keeps the negated pneumonia flagged, never a positive suggestion', () => {
    const pneumonia = panel.codes.filter((code) => code.code === 'J18.9');
    expect(pneumonia.length).toBeGreaterThan(0);
    expect(pneumonia.every((code) => code.flagged !== null)).toBe(true);
  });

  it('highlights the evidence of a clicked code in the page', async () => {
    const target =
      panel.codes.find((code) => code.code === 'I10') ??
      panel.codes.find((code) => code.flagged === null);
    expect(target).toBeDefined();
    await clickNode(page, target!);
    const highlighted = await page.waitForFunction(
      () => {
        const registry = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> })
          .highlights;
        const highlight = registry?.get('marginalia-evidence');
        return highlight ? [...highlight].map((range) => range.toString()) : null;
      },
      { timeout: 10_000 },
    );
    const texts = (await highlighted.jsonValue()) as string[];
    expect(texts.length).toBeGreaterThan(0);
    if (target!.code === 'I10') expect(texts.join(' ').toLowerCase()).toContain('hypertension');
  });

  it('stores the pack in IndexedDB keyed by version and cold-starts from it', async () => {
    const options = await run.browser.newPage();
    await options.goto(`chrome-extension://${run.extensionId}/options.html`);
    const keys = await options.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('marginalia');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result
              .transaction('terminology-packs')
              .objectStore('terminology-packs')
              .getAllKeys();
            request.onsuccess = () => resolve(request.result as string[]);
            request.onerror = () => reject(request.error);
          };
        }),
    );
    await options.close();
    expect(keys).toEqual([panel.terminology!.replace(/^ICD-10-CM /, '')]);
    // A fresh offscreen document must read the stored pack (no packaged-file parse needed).
    await run.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
    await page.reload({ waitUntil: 'load' });
    await timed('second openPanel', () => openPanelViaServiceWorker());
    const again = await timed('cold start from IndexedDB to results', () =>
      waitForPanelResult(page, 60_000),
    );
    expect(again.codes.map((code) => code.code)).toEqual(panel.codes.map((code) => code.code));
  });

  it('made zero non-loopback requests, browser-wide and per target', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let late requests surface
    expect(run.proxy.requests).toEqual([]);
    expect(run.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual([]);
    expect(run.network.attachFailures).toEqual([]);
    // The recorder did see the session's own traffic (it is not simply deaf).
    expect(run.network.requests.some((request) => request.url.includes('plain-note.html'))).toBe(
      true,
    );
  });

  it('ignores a page that tries to drive the extension', async () => {
    // The extension idle first: the panel shows its result and no coding run is in flight, so
    // that every run counted below is one that starts from here on. (Its own background loads,
    // packs and models read after the first coding, do not matter: they are no coding run.)
    await waitForPanelResult(page, 60_000);
    const before = await waitForCodingIdle(run);
    // The page posts protocol envelopes to the content script and, through it, the background,
    // then a marker of its own: once its listener has the marker, every listener in the tab
    // (a content script's included) has been handed the two envelopes before it.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const marker = 'marginalia-e2e: the page posted its messages';
          window.addEventListener('message', (event) => {
            if (event.data === marker) resolve();
          });
          window.postMessage({ target: 'content', type: 'openPanel', data: {} }, '*');
          window.postMessage({ target: 'background', type: 'codeNote', data: { text: 'x' } }, '*');
          window.postMessage(marker, '*');
        }),
    );
    // The control: the toolbar's open, right after. The tab's messages reach the background in
    // the order they were sent, so a coding request the page had caused is counted before this
    // one, and this one proves that the counts are live.
    await openPanelViaServiceWorker();
    const after = await waitForCodingIdle(run, { atLeast: before.background.started + 1 });
    const controlOnly = 'coding runs since the page posted: the control’s only';
    expect(after.background.started - before.background.started, controlOnly).toBe(1);
    expect(after.engineTarget).toBe(before.engineTarget); // the same engine, counting on
    expect(after.engine!.started - before.engine!.started, controlOnly).toBe(1);
    expect((await waitForPanelResult(page, 60_000)).codes.map((code) => code.code)).toEqual(
      panel.codes.map((code) => code.code),
    );
    // The page has no handle on the extension's messaging, nor on the panel's shadow tree.
    expect(
      await page.evaluate(
        () =>
          typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
            ?.runtime?.sendMessage,
      ),
    ).toBe('undefined');
    expect(await page.evaluate(() => document.querySelector('marginalia-panel')?.shadowRoot)).toBe(
      null,
    );
  });

  it('tears the panel down when the extension is reloaded (context invalidated)', async () => {
    expect((await readPanel(page)).isMounted).toBe(true);
    await run.serviceWorker
      .evaluate(() => setTimeout(() => chrome.runtime.reload(), 50))
      .catch(() => undefined);
    const deadline = Date.now() + 15_000;
    let isMounted = true;
    while (isMounted && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      isMounted = (await readPanel(page)).isMounted;
    }
    expect(isMounted).toBe(false);
  });
});
