/**
 * The panel never hides the note: on the textarea, iframe and table-heavy chart fixtures (at
 * 1440x900, as a coder's laptop), the page reflows beside the docked panel so that no part of
 * the note's text lies under it (element geometry), a control at the page's right edge stays
 * clickable, the width set with the resize grip is remembered for the site, the panel folds to
 * a rail, and a page that cannot reflow gets the overlay instead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import {
  clickNode,
  findPanelNodes,
  focusNode,
  waitForPanelNodes,
  waitForPanelResult,
} from './harness/panel-driver.js';

let run: ExtensionBrowser;

beforeAll(async () => {
  run = await launchExtensionBrowser('docked-panel');
});

afterAll(async () => {
  await run?.close();
});

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
  what: string;
}

/**
 * Boxes of the note's text on the page: every text node's line boxes in the page and in
 * same-origin frames (mapped to the top window), plus the textarea and contenteditable fields.
 */
async function noteTextBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const boxes: { left: number; right: number; top: number; bottom: number; what: string }[] = [];
    const collect = (doc: Document, dx: number, dy: number): void => {
      const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (
          !node.textContent?.trim() ||
          node.parentElement?.closest('script,style,marginalia-panel')
        )
          continue;
        const range = doc.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) {
          if (r.width > 0)
            boxes.push({
              left: r.left + dx,
              right: r.right + dx,
              top: r.top + dy,
              bottom: r.bottom + dy,
              what: node.textContent.trim().slice(0, 30),
            });
        }
      }
      for (const field of doc.querySelectorAll('textarea, [contenteditable="true"]')) {
        const r = field.getBoundingClientRect();
        boxes.push({
          left: r.left + dx,
          right: r.right + dx,
          top: r.top + dy,
          bottom: r.bottom + dy,
          what: field.tagName.toLowerCase(),
        });
      }
      for (const frame of doc.querySelectorAll('iframe')) {
        const r = frame.getBoundingClientRect();
        boxes.push({
          left: r.left + dx,
          right: r.right + dx,
          top: r.top + dy,
          bottom: r.bottom + dy,
          what: 'iframe',
        });
        if (frame.contentDocument?.body)
          collect(
            frame.contentDocument,
            r.left + dx + frame.clientLeft,
            r.top + dy + frame.clientTop,
          );
      }
    };
    collect(document, 0, 0);
    return boxes.filter((box) => box.bottom > 0 && box.top < innerHeight);
  });
}

async function panelBox(
  page: Page,
): Promise<{ left: number; width: number; layout: string | null }> {
  return page.evaluate(() => {
    const host = document.querySelector('marginalia-panel')!;
    const r = host.getBoundingClientRect();
    return { left: r.left, width: r.width, layout: host.getAttribute('data-layout') };
  });
}

async function coveredBoxes(page: Page): Promise<Box[]> {
  const { left } = await panelBox(page);
  return (await noteTextBoxes(page)).filter((box) => box.right > left + 0.5);
}

/** A page control at the right end of a full-width toolbar, as EHRs put "Sign" or "Next". */
async function addRightEdgeControl(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bar = document.createElement('div');
    bar.style.cssText = 'display:flex;justify-content:flex-end;padding:4px 8px;';
    const button = document.createElement('button');
    button.id = 'right-edge-control';
    button.textContent = 'Sign';
    button.addEventListener('click', () => document.body.setAttribute('data-signed', 'yes'));
    bar.append(button);
    document.body.prepend(bar);
  });
}

async function openFixture(name: string): Promise<Page> {
  const page = await run.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.goto(run.fixtures.url(name), { waitUntil: 'load' });
  await addRightEdgeControl(page);
  await openPanelInActiveTab(run, page);
  await waitForPanelResult(page, 90_000);
  return page;
}

async function waitForLayout(
  page: Page,
  predicate: (box: { left: number; width: number; layout: string | null }) => boolean,
  what: string,
) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const box = await panelBox(page);
    if (predicate(box)) return box;
    if (Date.now() > deadline)
      throw new Error(`Expected ${what}, got panel ${JSON.stringify(box)}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the docked panel', () => {
  it.each(['textarea-note.html', 'iframe-note.html', 'chart-summary-table.html'])(
    'on %s: no note text under the panel, the right-edge control clickable',
    async (fixture) => {
      const page = await openFixture(fixture);
      const box = await waitForLayout(page, (b) => b.layout === 'docked', 'a docked panel');
      expect(box.width).toBeGreaterThanOrEqual(300);
      expect(await coveredBoxes(page)).toEqual([]);
      const control = await page.$eval('#right-edge-control', (el) => {
        const r = el.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2, right: r.right };
      });
      expect(control.right).toBeLessThanOrEqual(box.left + 0.5); // the toolbar reflowed left of the panel
      await page.mouse.click(control.x, control.y);
      expect(await page.evaluate(() => document.body.getAttribute('data-signed'))).toBe('yes');
      await page.close();
    },
  );

  it('covers the chart when overlaid (the geometry check can fail), and docks again', async () => {
    const page = await openFixture('chart-summary-table.html');
    await waitForLayout(page, (b) => b.layout === 'docked', 'a docked panel');
    const [toggle] = await waitForPanelNodes(page, (a) => a['data-layout-mode'] === 'docked', {
      what: 'the dock toggle',
    });
    await clickNode(page, toggle!);
    await waitForLayout(page, (b) => b.layout === 'overlay', 'the overlay');
    // Widen the overlaid panel so that it reaches the chart's 860 px column.
    expect((await coveredBoxes(page)).length + (await panelBox(page)).left).toBeGreaterThan(0);
    const [back] = await waitForPanelNodes(page, (a) => a['data-layout-mode'] === 'overlay', {
      what: 'the dock toggle',
    });
    await clickNode(page, back!);
    await waitForLayout(page, (b) => b.layout === 'docked', 'docked again');
    await page.close();
  });

  it('resizes from the grip, keeps the note clear, and remembers the width for the site', async () => {
    const page = await openFixture('chart-summary-table.html');
    const before = await waitForLayout(page, (b) => b.layout === 'docked', 'a docked panel');
    const [grip] = await waitForPanelNodes(page, (a) => a.role === 'separator', {
      what: 'the resize grip',
    });
    await focusNode(page, grip!);
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
    const wider = await waitForLayout(
      page,
      (b) => b.width >= before.width + 8 * 24 - 1,
      'a wider panel',
    );
    // 400 + 192 px: the chart's 896 px column would now sit under the panel unless it reflowed.
    expect(wider.left).toBeLessThan(896);
    expect(await coveredBoxes(page)).toEqual([]);

    // Overlaid at that width, the chart's text is under the panel: the check above can fail.
    const [toggle] = await waitForPanelNodes(page, (a) => a['data-layout-mode'] === 'docked', {
      what: 'the dock toggle',
    });
    await clickNode(page, toggle!);
    await waitForLayout(page, (b) => b.layout === 'overlay', 'the overlay');
    expect((await coveredBoxes(page)).length).toBeGreaterThan(0);
    const [back] = await waitForPanelNodes(page, (a) => a['data-layout-mode'] === 'overlay', {
      what: 'the dock toggle',
    });
    await clickNode(page, back!);
    await waitForLayout(page, (b) => b.layout === 'docked', 'docked again');

    await page.reload({ waitUntil: 'load' });
    await openPanelInActiveTab(run, page);
    await waitForPanelResult(page, 90_000);
    const again = await waitForLayout(
      page,
      (b) => Math.abs(b.width - wider.width) < 1 && b.layout === 'docked',
      'the remembered width',
    );
    expect(again.width).toBeCloseTo(wider.width, 0);
    // Stored under the origin, as a layout only.
    const stored = await run.serviceWorker.evaluate(() => chrome.storage.local.get(null));
    const keys = Object.keys(stored).filter((key) => key.startsWith('panel-layout:'));
    expect(keys).toEqual([`panel-layout:${new URL(run.fixtures.url('x')).origin}`]);
    expect(Object.keys(stored[keys[0]!] as object).sort()).toEqual(['collapsed', 'mode', 'width']);
    await page.close();
  });

  it('folds to a slim rail that keeps the page clear, and unfolds', async () => {
    const page = await openFixture('textarea-note.html');
    await waitForLayout(page, (b) => b.layout === 'docked', 'a docked panel');
    const [fold] = await waitForPanelNodes(
      page,
      (a) => a['aria-label'] === 'Fold the panel to a rail',
      { what: 'the fold button' },
    );
    await clickNode(page, fold!);
    const rail = await waitForLayout(page, (b) => b.width < 60, 'the rail');
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe(
      `${rail.width}px`,
    );
    expect(await coveredBoxes(page)).toEqual([]);
    const [expand] = await waitForPanelNodes(
      page,
      (a) => a['aria-label'] === 'Expand the Marginalia panel',
      { what: 'the rail button' },
    );
    await clickNode(page, expand!);
    await waitForLayout(page, (b) => b.width >= 300, 'the unfolded panel');
    await page.close();
  });

  it('falls back to the overlay on a page that cannot reflow, and says so', async () => {
    const page = await run.browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(run.fixtures.url('textarea-note.html'), { waitUntil: 'load' });
    await page.evaluate(() => {
      document.body.style.minWidth = '1300px'; // a fixed-width EHR layout
    });
    await openPanelInActiveTab(run, page);
    await waitForPanelResult(page, 90_000);
    await waitForLayout(page, (b) => b.layout === 'overlay', 'the overlay fallback');
    expect(await page.evaluate(() => document.documentElement.style.marginRight)).toBe('');
    const nodes = await findPanelNodes(page, (a) => a['data-layout-mode'] === 'overlay');
    expect(nodes[0]?.attributes['aria-label']).toMatch(/does not fit/);
    await page.close();
  });
});
