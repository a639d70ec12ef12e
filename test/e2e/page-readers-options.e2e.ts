/**
 * Page readers on EHR pages of other shapes, the options page and the toolbar lookup, in a
 * real Chromium with the built extension: a single-page app that swaps patients (re-coded after
 * pushState and popstate), a table-heavy chart summary, a 12,000-word note that must not freeze
 * the page, settings saved and EHR sites registered as dynamic content scripts, the popup's
 * search, and not one request off the machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';
import { readPanel, waitForPanelResult } from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';

let run: ExtensionBrowser;
const timings: Record<string, number> = {};

beforeAll(async () => {
  run = await launchExtensionBrowser('page-readers-options');
});

afterAll(async () => {
  console.log(`e2e timings (ms): ${JSON.stringify(timings)}`);
  await run?.close();
});

async function openFixtureWithPanel(name: string): Promise<Page> {
  const page = await run.browser.newPage();
  await page.goto(run.fixtures.url(name), { waitUntil: 'load' });
  await openPanelInActiveTab(run, page);
  return page;
}

const positives = (codes: { code: string; flagged: string | null }[]): string[] =>
  codes.filter((c) => c.flagged === null).map((c) => c.code);

/** Waits until the panel's positive codes satisfy `predicate` (after a re-code). */
async function waitForCodes(
  page: Page,
  predicate: (codes: string[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  while (Date.now() < deadline) {
    const panel = await readPanel(page);
    if (panel.terminology !== null) {
      last = positives(panel.codes);
      if (predicate(last)) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Expected ${what}, the panel shows [${last.join(', ')}].`);
}

it('re-codes a single-page app when it swaps the patient (pushState) and goes back (popstate)', async () => {
  const page = await openFixtureWithPanel('spa-patient-switch.html');
  const first = positives((await waitForPanelResult(page, 90_000)).codes);
  expect(
    first.some((code) => code === 'I10' || code.startsWith('E11') || code.startsWith('I12')),
  ).toBe(true);
  expect(first.some((code) => code.startsWith('J44'))).toBe(false);
  const started = performance.now();
  await page.click('[data-patient="beta"]');
  await waitForCodes(
    page,
    (codes) => codes.some((code) => code.startsWith('J44')) && !codes.includes('I10'),
    'COPD codes for patient Beta',
  );
  timings['SPA pushState to new codes'] = Math.round(performance.now() - started);
  expect(await page.evaluate(() => location.search)).toBe('?patient=beta');
  await page.goBack();
  await waitForCodes(
    page,
    (codes) => !codes.some((code) => code.startsWith('J44')),
    'patient Alpha again after popstate',
  );
  await page.close();
});

it('reads a table-heavy chart summary through its adapter (problem list and assessment only)', async () => {
  const page = await openFixtureWithPanel('chart-summary-table.html');
  const panel = await waitForPanelResult(page, 90_000);
  const codes = positives(panel.codes);
  expect(codes.some((code) => code.startsWith('I50') || code.startsWith('I48'))).toBe(true);
  expect(panel.text).not.toMatch(/Couldn’t code this page/);
  await page.close();
});

it('codes a 12,000-word note without freezing the page', async () => {
  const page = await run.browser.newPage();
  await page.goto(run.fixtures.url('long-note.html'), { waitUntil: 'load' });
  const words = await page.evaluate(() => document.body.innerText.split(/\s+/).length);
  expect(words).toBeGreaterThan(10_000);
  await page.evaluate(() => {
    const w = window as unknown as { gaps: number[]; last: number };
    w.gaps = [];
    w.last = performance.now();
    const tick = (): void => {
      const now = performance.now();
      w.gaps.push(now - w.last);
      w.last = now;
      setTimeout(tick, 16);
    };
    setTimeout(tick, 16);
  });
  await page.bringToFront();
  const started = performance.now();
  await openPanelInActiveTab(run, page);
  const panel = await waitForPanelResult(page, 90_000);
  timings['12k-word note to results'] = Math.round(performance.now() - started);
  expect(
    positives(panel.codes).some(
      (code) => code.startsWith('J18') || code === 'I10' || code.startsWith('E11'),
    ),
  ).toBe(true);
  const longestGap = await page.evaluate(() =>
    Math.max(...(window as unknown as { gaps: number[] }).gaps),
  );
  timings['12k-word note longest main-thread gap'] = Math.round(longestGap);
  expect(longestGap).toBeLessThan(1_000);
  await page.close();
});

it('saves the care setting and registers the content script on an allowed EHR site', async () => {
  // A headless browser cannot answer Chrome's permission prompt, so this run installs a copy
  // whose manifest already holds the host permission: chrome.permissions.request then resolves
  // without a prompt, and the rest (save, background registration) is the real path. The
  // manifest's own content script for the test hosts leaves localhost out here, so that what
  // runs there is the registered script.
  const granted = await launchExtensionBrowser('options-ehr-sites', {
    modifyExtension(dir) {
      const file = path.join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      manifest.host_permissions = ['http://localhost/*'];
      for (const script of manifest.content_scripts as { matches: string[] }[]) {
        script.matches = script.matches.filter((match) => match !== 'http://localhost/*');
      }
      writeFileSync(file, JSON.stringify(manifest));
    },
  });
  try {
    const worker = granted.serviceWorker;
    const options = await granted.browser.newPage();
    await options.goto(`chrome-extension://${granted.extensionId}/options.html`, {
      waitUntil: 'load',
    });
    await options.waitForSelector('input[name="setting"][value="inpatient"]');
    await options.click('input[name="setting"][value="inpatient"]');
    await options.waitForFunction(
      () => document.querySelector('[role="status"]')?.textContent === 'Saved.',
    );
    const stored = await worker.evaluate(() => chrome.storage.sync.get('coding-settings'));
    expect(stored['coding-settings']).toMatchObject({ setting: 'inpatient' });
    await options.click('input[name="keepFeedback"]');
    await options.type('#site-input', 'http://localhost');
    await options.click('#add-site');
    await options.waitForSelector('[data-site="http://localhost"]', { timeout: 10_000 });
    const deadline = Date.now() + 10_000;
    let registered: { id: string; matches?: string[] }[] = [];
    while (Date.now() < deadline && registered.length === 0) {
      registered = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(registered.map((script) => script.matches)).toEqual([['http://localhost/*']]);
    const site = await worker.evaluate(() => chrome.storage.sync.get('site-settings'));
    expect(site['site-settings']).toEqual({ keepFeedback: false, ehrSites: ['http://localhost'] });
    // The registered script runs on the site: the panel opens there from the service worker.
    const page = await granted.browser.newPage();
    await page.goto(granted.fixtures.url('plain-note.html').replace('127.0.0.1', 'localhost'), {
      waitUntil: 'load',
    });
    await page.bringToFront();
    // Before any panel action (which would inject the script itself), the registered script answers.
    const answered = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      for (let attempt = 0; attempt < 50; attempt += 1) {
        try {
          return await chrome.tabs.sendMessage(
            tab!.id!,
            { target: 'content', type: 'ping', data: {} },
            { frameId: 0 },
          );
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      return null;
    });
    expect(answered).not.toBeNull();
    await openPanelInActiveTab({ serviceWorker: worker }, page);
    expect((await waitForPanelResult(page, 90_000)).terminology).toMatch(/^ICD-10-CM/);
    await page.close();
    await options.bringToFront();
    await options.click('[data-site="http://localhost"] button');
    await options.waitForFunction(() => !document.querySelector('[data-site]'));
    await options.close();
    expect(granted.proxy.requests).toEqual([]);
    expect(granted.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual(
      [],
    );
  } finally {
    await granted.close();
  }
});

it('looks codes up in the toolbar popup with the same search as the panel, ICD-9-CM codes included', async () => {
  const popup = await run.browser.newPage();
  await popup.goto(`chrome-extension://${run.extensionId}/popup.html`, { waitUntil: 'load' });
  await popup.waitForSelector('#lookup-input');
  await popup.type('#lookup-input', 'stemi inferior');
  await popup.waitForSelector('[data-hit-code^="I21.1"]', { timeout: 20_000 });
  await popup.click('[data-hit-code^="I21.1"] .hit-main');
  await popup.waitForSelector('[data-browser-code]', { timeout: 10_000 });
  // An ICD-9-CM code from an old record: its ICD-10-CM candidates from the GEMs, saying so.
  await popup.goto(`chrome-extension://${run.extensionId}/popup.html`, { waitUntil: 'load' });
  await popup.waitForSelector('#lookup-input');
  await popup.type('#lookup-input', '250.00');
  const hit = await popup.waitForSelector('[data-hit-code="E11.9"]', { timeout: 20_000 });
  expect(await hit!.evaluate((el) => el.textContent)).toMatch(/GEM: ICD-9-CM 250\.00 .*Diabetes/i);
  await popup.close();
});

it('made zero non-loopback requests, browser-wide and per target', async () => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(run.proxy.requests).toEqual([]);
  expect(run.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual([]);
  expect(run.network.attachFailures).toEqual([]);
});
