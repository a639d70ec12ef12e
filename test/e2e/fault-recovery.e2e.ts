/**
 * Faults and recovery in a real Chromium: a corrupt or truncated pack written into the
 * extension's IndexedDB is repaired on the next start; the offscreen document closed while it
 * codes gives an error with "Try again" in the panel (never a stuck spinner) and the retry
 * works; a build without its optional model files (ranker, lexicons, prebuilt dictionary) still
 * codes and shows a notice for each; and after all of it, including a lookup for the sentinel,
 * nothing at rest carries note text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { dumpExtensionStorage } from './harness/dump-extension-storage.js';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import {
  clickNode,
  findPanelNodes,
  type PanelSnapshot,
  readPanel,
  waitForPanelResult,
} from './harness/panel-driver.js';
import { PHI_NEEDLES, PHI_SENTINEL } from './harness/phi-sentinel.js';
import { codeSelectionInActiveTab, openPanelInActiveTab } from './harness/open-panel.js';

let run: ExtensionBrowser;
let page: Page;
let baseline: PanelSnapshot;

const codesOf = (panel: PanelSnapshot): string[] =>
  [...new Set(panel.codes.map((code) => code.code))].sort();

async function openPanel(target: ExtensionBrowser = run, onPage: Page = page): Promise<void> {
  await openPanelInActiveTab(target, onPage);
}

async function closeOffscreen(): Promise<void> {
  await run.serviceWorker.evaluate(async () => {
    const contexts = await chrome.runtime.getContexts({
      contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    });
    if (contexts.length > 0) await chrome.offscreen.closeDocument();
  });
}

/** Replaces the stored pack's JSON with `make(realJson)`, from the service worker (same origin). */
async function damageStoredPack(
  kind: 'garbage' | 'truncated',
): Promise<{ version: string; bytes: number }> {
  return run.serviceWorker.evaluate(async (how) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('marginalia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = (mode: IDBTransactionMode) =>
      db.transaction('terminology-packs', mode).objectStore('terminology-packs');
    const records = await new Promise<{ version: string; json: Blob }[]>((resolve, reject) => {
      const request = store('readonly').getAll();
      request.onsuccess = () => resolve(request.result as { version: string; json: Blob }[]);
      request.onerror = () => reject(request.error);
    });
    const record = records[0];
    if (!record) throw new Error('Expected a stored pack to damage, found none.');
    const json =
      how === 'garbage'
        ? new Blob([new Uint8Array(4096).map((_, i) => (i * 7919) % 256)])
        : record.json.slice(0, Math.floor(record.json.size / 3));
    await new Promise<void>((resolve, reject) => {
      const request = store('readwrite').put({ ...record, json, byteLength: json.size });
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { version: record.version, bytes: json.size };
  }, kind);
}

async function storedPackBytes(): Promise<number[]> {
  return run.serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('marginalia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const records = await new Promise<{ json: Blob }[]>((resolve, reject) => {
      const request = db.transaction('terminology-packs').objectStore('terminology-packs').getAll();
      request.onsuccess = () => resolve(request.result as { json: Blob }[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return records.map((record) => record.json.size);
  });
}

/** Polls the panel until `done` holds. */
async function waitForPanel(
  done: (panel: PanelSnapshot) => boolean,
  timeoutMs: number,
  what: string,
  onPage: Page = page,
): Promise<PanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const panel = await readPanel(onPage);
    if (done(panel)) return panel;
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${what} within ${timeoutMs} ms; the panel shows: "${panel.text.slice(0, 300)}"`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  run = await launchExtensionBrowser('fault-recovery');
  page = await run.browser.newPage();
  await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });
  await openPanel();
  baseline = await waitForPanelResult(page, 90_000);
  expect(baseline.terminology).toMatch(/^ICD-10-CM /);
});

afterAll(async () => {
  await run?.close();
});

describe('a damaged terminology pack in IndexedDB', () => {
  for (const kind of ['garbage', 'truncated'] as const) {
    it(`is repaired from the package on the next start (${kind})`, async () => {
      const healthy = await storedPackBytes();
      expect(healthy).toHaveLength(1);
      const damaged = await damageStoredPack(kind);
      expect(damaged.bytes).toBeLessThan(healthy[0]!);
      await closeOffscreen(); // the next request starts a fresh engine, which reads the store
      await page.reload({ waitUntil: 'load' });
      await openPanel();
      const repaired = await waitForPanelResult(page, 90_000);
      expect(repaired.text).not.toMatch(/Couldn’t/);
      expect(codesOf(repaired)).toEqual(codesOf(baseline));
      expect(repaired.text).toMatch(/was damaged; it was reinstalled from the extension package/);
      // The store holds the whole pack again.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await storedPackBytes()).toEqual(healthy);
    });
  }
});

describe('the offscreen document closed while it codes', () => {
  it('shows an error with Try again (no stuck spinner), and Try again codes the note', async () => {
    // A note large enough (about 300 KB) to take a few seconds to code.
    await page.goto(run.fixtures.url('blank-page.html'), { waitUntil: 'load' });
    await page.evaluate((sentinel: string) => {
      const main = document.querySelector('main')!;
      const text = `Essential hypertension and type 2 diabetes mellitus with chronic kidney disease. Acute bronchitis. ${sentinel}. `;
      for (let i = 0; i < 2_500; i++)
        main.append(Object.assign(document.createElement('p'), { textContent: text }));
    }, PHI_SENTINEL);
    await openPanel();
    await waitForPanel(
      (panel) => /Coding [\d,]+ characters/.test(panel.text),
      30_000,
      'the panel to be coding',
    );
    const closedAt = performance.now();
    await closeOffscreen();
    const failed = await waitForPanel(
      (panel) => panel.terminology !== null || /Couldn’t code this page/.test(panel.text),
      30_000,
      'an error (or, if the run beat the close, results)',
    );
    const secondsToError = (performance.now() - closedAt) / 1000;
    expect(failed.text, `after ${secondsToError.toFixed(1)} s`).toMatch(/Couldn’t code this page/);
    const [retry] = await findPanelNodes(
      page,
      (attributes, nodeName) =>
        nodeName === 'BUTTON' && attributes.class?.includes('button') === true,
    );
    const buttons = await findPanelNodes(page, (_attributes, nodeName) => nodeName === 'BUTTON');
    const tryAgain = buttons.find((button) => /Try again/.test(button.text)) ?? retry;
    expect(tryAgain?.text).toMatch(/Try again/);
    await clickNode(page, tryAgain!);
    const recovered = await waitForPanelResult(page, 90_000);
    expect(recovered.text).not.toMatch(/Couldn’t/);
    expect(recovered.codes.map((code) => code.code)).toContain('I10');
  });
});

describe('a build without its optional model files', () => {
  it('still codes, and the panel shows a notice for each missing file', async () => {
    const degraded = await launchExtensionBrowser('fault-no-models', {
      modifyExtension(dir) {
        for (const file of ['models/code-ranker.json', 'packs/lexicons.json.gz'])
          rmSync(path.join(dir, file), { force: true });
        for (const file of ['packs/dictionary-2025-april.json.gz'])
          rmSync(path.join(dir, file), { force: true });
      },
    });
    try {
      const degradedPage = await degraded.browser.newPage();
      await degradedPage.goto(degraded.fixtures.url('plain-note.html'), { waitUntil: 'load' });
      await openPanel(degraded, degradedPage);
      const panel = await waitForPanelResult(degradedPage, 120_000);
      expect(panel.text).not.toMatch(/Couldn’t/);
      expect(panel.terminology).toMatch(/^ICD-10-CM /);
      expect(panel.codes.length).toBeGreaterThan(0);
      // The panel says what this start had to do without, and how to fix it.
      expect(panel.text).toMatch(/Ranked by dictionary scores only: the learned ranker is missing/);
      expect(panel.text).toMatch(/Built-in context rules only/);
      expect(panel.text).toMatch(/Slower start: the prebuilt term dictionary is missing/);
      expect(panel.text).toMatch(/Reinstall the extension/);
      // Each missing file was reported once, as a warning, by the engine.
      const warnings = degraded.console.entries
        .filter((entry) => entry.level === 'warning' && entry.text.includes('[Marginalia]'))
        .map((entry) => entry.text);
      expect(warnings.join('\n')).toMatch(/No learned ranker/);
      expect(warnings.join('\n')).toMatch(/lexicon pack/i);
      expect(warnings.join('\n')).toMatch(/No prebuilt term dictionary/);
    } finally {
      await degraded.close();
    }
  }, 180_000);
});

describe('the codes the coder accepted for this note', () => {
  const acceptedCodes = async (): Promise<string[]> =>
    (await findPanelNodes(page, (attributes) => 'data-accepted-code' in attributes)).map(
      (node) => node.attributes['data-accepted-code']!,
    );

  it('survive a panel reload after the engine was closed', async () => {
    await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });
    await openPanel();
    const panel = await waitForPanelResult(page, 60_000);
    const code = panel.codes.find((entry) => entry.flagged === null)!.code;
    const [accept] = await findPanelNodes(
      page,
      (a) => a['data-action'] === 'accept' && a['aria-label']?.endsWith(` ${code}`) === true,
    );
    expect(accept, `an accept button for ${code}`).toBeDefined();
    await clickNode(page, accept!);
    const deadline = Date.now() + 10_000;
    while (!(await acceptedCodes()).includes(code) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await acceptedCodes();
    expect(before).toContain(code);
    await closeOffscreen();
    await page.reload({ waitUntil: 'load' });
    await openPanel();
    await waitForPanelResult(page, 60_000);
    const restoreBy = Date.now() + 10_000;
    while ((await acceptedCodes()).length < before.length && Date.now() < restoreBy)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await acceptedCodes()).toEqual(before);
  });
});

describe('nothing at rest carries note text', () => {
  it('after coding, highlighting, selection coding, a lookup for the sentinel and the faults above', async () => {
    await page.goto(run.fixtures.url('plain-note.html'), { waitUntil: 'load' });
    await openPanel();
    await waitForPanelResult(page, 60_000);
    // Code the selected sentinel sentence, as the context menu does.
    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll('p')].find((p) =>
        p.textContent?.includes('sentinel'),
      )!;
      const range = document.createRange();
      range.selectNodeContents(paragraph);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await codeSelectionInActiveTab(run, page, PHI_SENTINEL);
    await waitForPanelResult(page, 60_000);
    // The quick lookup, searching for the sentinel itself.
    const popup = await run.browser.newPage();
    await popup.goto(`chrome-extension://${run.extensionId}/popup.html`, { waitUntil: 'load' });
    await popup.waitForSelector('#lookup-input');
    await popup.type('#lookup-input', PHI_SENTINEL);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await popup.close();

    const dump = await dumpExtensionStorage(run.browser, run.extensionId, PHI_NEEDLES);
    // What is stored, where (printed for SECURITY.md): keys are versions, settings names, hashes.
    console.log(
      `stored items: ${JSON.stringify(dump.items.map(({ area, key, size }) => ({ area, key, size })))}`,
    );
    for (const database of dump.databases) expect(database).toMatch(/^marginalia(-[a-z-]+)?@\d+$/);
    expect(dump.items.filter((item) => item.matches.length > 0)).toEqual([]);
    for (const item of dump.items.filter(
      (entry) => entry.area === 'storage.session' && entry.key.startsWith('note-review:'),
    )) {
      expect(item.key).toMatch(/^note-review:[0-9a-f]{64}$/);
    }
    const logs = run.console.entries.filter((entry) =>
      PHI_NEEDLES.some((needle) => entry.text.toLowerCase().includes(needle.toLowerCase())),
    );
    expect(logs).toEqual([]);
    // The recorder did hear every kind of target (it is not deaf).
    const labels = run.console.targetLabels();
    expect(
      labels.some(
        (label) => label.startsWith('service_worker ') && label.endsWith('/background.js'),
      ),
      labels.join(', '),
    ).toBe(true);
    expect(
      labels.some((label) => label.endsWith('/offscreen.html')),
      labels.join(', '),
    ).toBe(true);
    expect(
      labels.some((label) => label.startsWith('page http://127.0.0.1')),
      labels.join(', '),
    ).toBe(true);
    // ...and hears what each of them logs (positive control: a probe line per target).
    await run.serviceWorker.evaluate(() => console.log('console-probe service worker'));
    await page.evaluate(() => console.log('console-probe page'));
    const offscreen = run.browser
      .targets()
      .find((target) => target.url().endsWith('/offscreen.html'));
    const session = await offscreen!.createCDPSession();
    await session.send('Runtime.evaluate', {
      expression: "console.warn('console-probe offscreen')",
    });
    await session.detach();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const probes = run.console.entries.filter((entry) => entry.text.startsWith('console-probe'));
    expect(probes.map((entry) => `${entry.text} @ ${entry.target.split(' ')[0]}`).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^console-probe offscreen @ /),
        'console-probe page @ page',
        'console-probe service worker @ service_worker',
      ]),
    );
  });
});
