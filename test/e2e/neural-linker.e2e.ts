/**
 * The neural linker in the offscreen document: ORT's WASM build loads the packaged int8 ONNX
 * model next to the coder, the panel's codes then come from the model path (its id in the
 * footer), and the model's load and embedding times are measured in Chromium itself. The code
 * embeddings are not packaged: this first start computes them (10-30 s on a loaded 2-core
 * machine) and caches them in IndexedDB, where the next load finds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';
import { waitForPanelResult } from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';

let run: ExtensionBrowser;
let page: Page;

async function openPanel(): Promise<void> {
  await openPanelInActiveTab(run, page);
}

beforeAll(async () => {
  run = await launchExtensionBrowser('neural-linker');
  page = await run.browser.newPage();
  await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });
});

afterAll(async () => {
  await run?.close();
});

describe('the neural linker in the offscreen document', () => {
  it('codes with the model once it has loaded, keeping negations flagged', async () => {
    await openPanel();
    await waitForPanelResult(page, 90_000);
    let text = '';
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      await openPanel();
      const panel = await waitForPanelResult(page, 30_000);
      text = panel.text;
      if (/linker@1/.test(text)) {
        const positives = panel.codes.filter((c) => c.flagged === null).map((c) => c.code);
        expect(positives.some((c) => c === 'I10' || c === 'E11.22' || c.startsWith('E11'))).toBe(
          true,
        );
        expect(panel.codes.filter((c) => c.code === 'J18.9').every((c) => c.flagged !== null)).toBe(
          true,
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
    throw new Error(
      `Expected the panel footer to name the linker model within 120 s; it said: ${text.slice(-200)}`,
    );
  }, 240_000);

  it('loads the model and embeds 200 mentions in Chromium (timings reported)', async () => {
    const target = run.browser.targets().find((t) => t.url().endsWith('/offscreen.html'));
    if (!target) throw new Error('Expected the offscreen document to be open, found none.');
    const offscreen = await target.asPage();
    const result = await offscreen.evaluate(async () => {
      const hook = (
        globalThis as { marginaliaOffscreen?: { benchmarkLinker(n: number): Promise<unknown> } }
      ).marginaliaOffscreen;
      if (!hook) throw new Error('Expected the offscreen benchmark hook.');
      return hook.benchmarkLinker(200);
    });
    const r = result as {
      sessionMs: number;
      codeEmbeddingsMs: number;
      codeEmbeddingsFrom: string;
      firstEmbedMs: number;
      warmEmbedMs: number;
      mentions: number;
      executionProviders: string[];
    };
    console.log(`linker in Chromium: ${JSON.stringify(r)}`);
    expect(r.mentions).toBe(200);
    // Computed and cached by the first load above, in the worker; read back from IndexedDB now.
    expect(r.codeEmbeddingsFrom).toBe('indexeddb');
    const warnings = run.console.entries
      .filter((entry) => entry.level === 'warning' && entry.text.includes('[Marginalia]'))
      .map((entry) => entry.text);
    expect(warnings.join('\n')).not.toMatch(/code embeddings|linker/i);
    expect(r.executionProviders).toContain('wasm');
    expect(r.warmEmbedMs).toBeGreaterThan(0);
  });

  it('made zero non-loopback requests, browser-wide and per target', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run.proxy.requests).toEqual([]);
    expect(run.network.requests.filter((r) => !isAllowedRequestUrl(r.url))).toEqual([]);
  });
});
