/**
 * A hostile EHR page (test/fixtures/ehr-pages/hostile-note.html) tries to drive the extension:
 * spoofed protocol envelopes over window.postMessage, CustomEvents and MessageEvents, fake key
 * and mouse events on the panel host, reaching into or re-shadowing the host, the extension's
 * messaging with its id, reading its files, and HTML/script written as text in the note.
 * None of it opens, changes or feeds the panel, and no injected markup ever runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import {
  clickNode,
  type PanelSnapshot,
  readPanel,
  waitForPanelResult,
} from './harness/panel-driver.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import { readCodingCounts, waitForCodingIdle } from './harness/coding-counts.js';

interface HostileReport {
  rounds: number;
  errors: string[];
  hasChromeRuntime: boolean | null;
  sendMessage: string | null;
  extensionFetch: string[];
  shadowRoot: string | null;
  attachShadow: string | null;
}

let run: ExtensionBrowser;
let page: Page;
let firstResult: PanelSnapshot;

const codesOf = (panel: PanelSnapshot): string[] =>
  [...new Set(panel.codes.map((code) => code.code))].sort();

async function barrage(): Promise<HostileReport> {
  return page.evaluate(
    (id) => (window as unknown as { barrage(id: string): Promise<HostileReport> }).barrage(id),
    run.extensionId,
  );
}

async function pwned(): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
}

async function openPanel(): Promise<void> {
  await openPanelInActiveTab(run, page);
}

/** Element names inside the panel's closed shadow tree (read through CDP). */
async function panelElementNames(): Promise<string[]> {
  const session = await page.createCDPSession();
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as {
    root: CdpNode;
  };
  await session.detach();
  interface CdpNode {
    nodeName: string;
    nodeType: number;
    children?: CdpNode[];
    shadowRoots?: CdpNode[];
    shadowRootType?: 'user-agent' | 'open' | 'closed';
  }
  const names: string[] = [];
  const walk = (node: CdpNode, inside: boolean): void => {
    const isHost = node.nodeName === 'MARGINALIA-PANEL';
    if (inside && node.nodeType === 1) names.push(node.nodeName);
    // The browser's own shadow trees (a <details> holds two <slot>s of its own) are not the
    // panel's markup: only authored elements count.
    for (const child of node.shadowRoots ?? [])
      if (child.shadowRootType !== 'user-agent') walk(child, inside || isHost);
    for (const child of node.children ?? []) walk(child, inside);
  };
  walk(root, false);
  return names;
}

beforeAll(async () => {
  run = await launchExtensionBrowser('hostile-page');
  page = await run.browser.newPage();
  await page.goto(run.fixtures.url('hostile-note.html'), { waitUntil: 'load' });
});

afterAll(async () => {
  await run?.close();
});

describe('a hostile page', () => {
  it('cannot open the panel or reach the extension before it is opened', async () => {
    const report = await barrage();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await readPanel(page)).isMounted).toBe(false);
    // Nothing asked the background to code (counts, whatever the engine loads meanwhile).
    expect((await readCodingCounts(run)).background.started).toBe(0);
    // The page has no extension messaging at all (no externally_connectable).
    expect(report.hasChromeRuntime).toBe(false);
    expect(report.sendMessage).toBe('unavailable');
    // No web_accessible_resources: the extension's files cannot be read or fingerprinted.
    expect(report.extensionFetch).toEqual([
      'manifest.json: refused',
      'packs/packs.json: refused',
      'offscreen.html: refused',
    ]);
    expect(await pwned()).toBeNull();
  });

  it('codes the note it shows, with the markup in it kept as text', async () => {
    await openPanel();
    firstResult = await waitForPanelResult(page, 90_000);
    expect(firstResult.text).not.toMatch(/Couldn’t code this page/);
    const codes = codesOf(firstResult);
    expect(codes).toContain('I10');
    // The page's spoofed payloads talk about cholera: it must never show up.
    expect(codes.some((code) => code.startsWith('A00'))).toBe(false);
    const elements = await panelElementNames();
    expect(elements.length).toBeGreaterThan(5);
    expect(
      elements.filter((name) =>
        ['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SLOT'].includes(name),
      ),
    ).toEqual([]);
    expect(await pwned()).toBeNull();
  });

  it('changes nothing the panel shows with spoofed messages, fake events and host mutations', async () => {
    const before = await waitForCodingIdle(run);
    const report = await barrage();
    // Longer than the page-change debounce, so that any re-code it triggered would have run.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = await waitForPanelResult(page, 60_000);
    expect((await waitForCodingIdle(run)).background.started).toBe(before.background.started);
    expect(after.isMounted).toBe(true);
    expect(codesOf(after)).toEqual(codesOf(firstResult));
    expect(
      await page.evaluate(() => document.querySelector('marginalia-panel')?.hasAttribute('hidden')),
    ).toBe(false);
    // The host's shadow root is closed and cannot be replaced.
    expect(report.shadowRoot).toBe('closed');
    expect(report.attachShadow).toBe('refused');
    // The page's light-DOM child is never rendered into the panel: the shadow tree has no slot.
    expect(await panelElementNames()).not.toContain('SLOT');
    expect(await pwned()).toBeNull();
  });

  it('never runs the note’s markup while highlighting evidence and hovering it', async () => {
    for (const code of firstResult.codes.slice(0, 4)) {
      await clickNode(page, code);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const box = await page.$eval('#note-markup', (el) => {
      const rect = el.getBoundingClientRect();
      return { x: rect.left + 40, y: rect.top + 10 };
    });
    await page.mouse.move(box.x, box.y); // trusted hover over the highlighted note
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await pwned()).toBeNull();
    expect(
      await page.evaluate(() => document.querySelectorAll('img, svg, script:not([src])').length),
    ).toBe(1); // the page's own script only
  });

  it('stored nothing the page tried to save (the spoofed review)', async () => {
    const session = await run.serviceWorker.evaluate(() => chrome.storage.session.get(null));
    expect(Object.keys(session).filter((key) => key.includes('a'.repeat(64)))).toEqual([]);
    expect(JSON.stringify(session)).not.toContain('A00.0');
  });

  it('gets the panel back after the page removes its host', async () => {
    await page.evaluate(() => document.querySelector('marginalia-panel')?.remove());
    expect((await readPanel(page)).isMounted).toBe(false);
    await openPanel();
    const again = await waitForPanelResult(page, 60_000);
    expect(codesOf(again)).toEqual(codesOf(firstResult));
    expect(await pwned()).toBeNull();
  });
});
