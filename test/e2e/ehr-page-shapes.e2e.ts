/**
 * Generic note reading on pages of other shapes: a note in a textarea plus a contenteditable
 * addendum, and a note inside a same-origin iframe (highlighted inside the frame).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';
import { clickNode, waitForPanelResult } from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';

let run: ExtensionBrowser;

beforeAll(async () => {
  run = await launchExtensionBrowser('ehr-page-shapes');
});

afterAll(async () => {
  await run?.close();
});

async function openFixtureWithPanel(name: string): Promise<Page> {
  const page = await run.browser.newPage();
  await page.goto(run.fixtures.url(name), { waitUntil: 'load' });
  await openPanelInActiveTab(run, page);
  return page;
}

it('codes a note typed in a textarea and a contenteditable addendum', async () => {
  const page = await openFixtureWithPanel('textarea-note.html');
  const panel = await waitForPanelResult(page, 90_000);
  const codes = panel.codes.map((code) => code.code);
  // COPD from the contenteditable addendum; from the textarea at least one of hypertension,
  // diabetes or the denied chest pain (which ones the ranker keeps is the core's business).
  expect(codes.some((code) => code.startsWith('J44'))).toBe(true);
  expect(codes.some((code) => code === 'I10' || /^E1[13]\./.test(code) || code === 'R07.9')).toBe(
    true,
  );
  await page.close();
});

it('codes a note inside a same-origin iframe and highlights the evidence in that frame', async () => {
  const page = await openFixtureWithPanel('iframe-note.html');
  const panel = await waitForPanelResult(page, 90_000);
  // Every code here comes from the framed note: its evidence can only be highlighted in the frame.
  const first = panel.codes.find((code) => code.flagged === null) ?? panel.codes[0];
  expect(first).toBeDefined();
  await clickNode(page, first!);
  const frame = page
    .frames()
    .find((candidate: Frame) => candidate.url().endsWith('iframe-note-body.html'));
  expect(frame).toBeDefined();
  const handle = await frame!.waitForFunction(
    () => {
      const highlight = (
        CSS as unknown as { highlights?: Map<string, Iterable<Range>> }
      ).highlights?.get('marginalia-evidence');
      return highlight ? [...highlight].map((range) => range.toString()).join(' ') : null;
    },
    { timeout: 10_000 },
  );
  const highlighted = String(await handle.jsonValue());
  expect(highlighted.length).toBeGreaterThan(0);
  expect(await frame!.evaluate(() => document.body.textContent ?? '')).toContain(
    highlighted.split(' ')[0]!,
  );
  expect(run.proxy.requests).toEqual([]);
  expect(run.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual([]);
  await page.close();
});
