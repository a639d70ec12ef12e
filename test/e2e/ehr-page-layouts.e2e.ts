/**
 * What the coder gets on EHR page layouts the reader was not written for (fixtures written from
 * the layouts of web chart viewers, none tied to a site adapter): the note's diagnoses are in
 * the panel; the chrome around it (patient banner alerts, navigation trees and link columns,
 * activity sidebars, toolbars inside <main>, a "recently viewed" menu of other patients) is not
 * coded; hidden content (inactive tabs, display:none templates) is not read; collapsed
 * <details> sections and open shadow roots are; of two notes side by side, the one the coder
 * works in is read, and of a page and the modal dialog open over it, the dialog; and a note that
 * changes in place (another tab, patient or page of a lazy list) never shows the codes of the
 * one before.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { waitForCodingIdle } from './harness/coding-counts.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import {
  clickNode,
  readPanel,
  waitForPanelResult,
  type PanelSnapshot,
} from './harness/panel-driver.js';
import {
  showPatient,
  waitForPatientCodes,
  watchPanel,
  type Patient,
  type WatchReport,
} from './harness/patient-switch-invariant.js';

let run: ExtensionBrowser;

beforeAll(async () => {
  run = await launchExtensionBrowser('ehr-page-layouts');
});

afterAll(async () => {
  await run?.close();
});

const allCodes = (panel: PanelSnapshot): string[] => panel.codes.map((code) => code.code);
const positive = (panel: PanelSnapshot): string[] =>
  panel.codes.filter((code) => code.flagged === null).map((code) => code.code);

async function openFixture(name: string): Promise<Page> {
  const page = await run.browser.newPage();
  await page.goto(run.fixtures.url(name), { waitUntil: 'load' });
  return page;
}

async function openPanel(page: Page): Promise<PanelSnapshot> {
  await openPanelInActiveTab(run, page);
  return waitForPanelResult(page, 90_000);
}

/** Every family in `families` has a code among `codes` (a prefix match). */
function expectFamilies(codes: readonly string[], families: readonly string[]): void {
  for (const family of families)
    expect(
      codes.some((code) => code.startsWith(family)),
      `${family} in [${codes.join(', ')}]`,
    ).toBe(true);
}

/** No code of `codes` is in any family of `families`. */
function expectNoFamilies(codes: readonly string[], families: readonly string[]): void {
  expect(codes.filter((code) => families.some((family) => code.startsWith(family)))).toEqual([]);
}

/** Polls the panel until its positive codes include `want` and none of `unwanted`. */
async function waitForFamilies(
  page: Page,
  want: readonly string[],
  unwanted: readonly string[],
  timeoutMs = 30_000,
): Promise<PanelSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let last: PanelSnapshot | undefined;
  while (Date.now() < deadline) {
    last = await readPanel(page);
    const codes = allCodes(last);
    if (
      last.terminology !== null &&
      want.every((family) => positive(last!).some((code) => code.startsWith(family))) &&
      !codes.some((code) => unwanted.some((family) => code.startsWith(family)))
    )
      return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Expected the panel to show [${want.join(', ')}] without [${unwanted.join(', ')}] within ${timeoutMs} ms, got [${last ? allCodes(last).join(', ') : ''}] ("${last?.text.slice(0, 160) ?? ''}").`,
  );
}

/** Watches the panel while `act` switches the page to `last`, then until it shows `last`'s codes. */
async function switchWatched(page: Page, last: Patient, act: () => Promise<void>): Promise<void> {
  const watch = watchPanel(page);
  const outcome = await act()
    .then(() => waitForPatientCodes(page, last, 30_000))
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  const report: WatchReport = await watch.stop();
  if (outcome) throw outcome;
  expect(report.violations, "samples showing the other patient's codes").toEqual([]);
  expect(report.showingOwn).toBeGreaterThan(0);
}

it('a div-only chart viewer: the note is coded, the banner, navigation tree and activity sidebar are not', async () => {
  const page = await openFixture('chart-viewer-chrome.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['E03', 'G43', 'K21']);
  // MRSA isolation and DNR (banner), diabetic foot exam and COPD action plan (navigation), atrial fibrillation (sidebar).
  expectNoFamilies(allCodes(panel), ['B95', 'Z66', 'E11', 'J44', 'I48']);
  await page.close();
});

it("a <main> that holds the banner and toolbar too: they are not coded, the note's section headings are read", async () => {
  const page = await openFixture('main-with-banner.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['J44', 'E66']);
  // The family history heading is read: the cancers are the family's, never the patient's.
  expectNoFamilies(positive(panel), ['C50', 'C18']);
  expectNoFamilies(allCodes(panel), ['B95', 'Z66', 'E11']);
  await page.close();
});

it('a note rendered as a table of section rows', async () => {
  const page = await openFixture('note-section-table.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['D50', 'G47.33']);
  await page.close();
});

it('a legacy printable view: the <pre> note is coded, the column of links beside it is not', async () => {
  const page = await openFixture('legacy-printable-pre.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['L03.116', 'M10']);
  expectNoFamilies(allCodes(panel), ['E11', 'J44', 'I10']);
  await page.close();
});

it('collapsible <details> sections: collapsed sections are read, a display:none template is not, unfolding recodes nothing, and evidence in a folded section unfolds it', async () => {
  const page = await openFixture('collapsible-sections.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['N18.3', 'E03', 'I48']);
  expectNoFamilies(allCodes(panel), ['J18']);
  const before = await run.serviceWorker.evaluate(() => globalThis.marginalia.codingStats());
  await page.click('details:not([open]) summary'); // the coder unfolds a section
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await run.serviceWorker.evaluate(() => globalThis.marginalia.codingStats());
  expect(after.started).toBe(before.started);
  const shown = await readPanel(page);
  expectFamilies(positive(shown), ['N18.3', 'E03', 'I48']);
  // Selecting a code whose evidence lies in a folded section unfolds it (as find-in-page does).
  const planIsOpen = (): Promise<boolean> =>
    page.evaluate(() => document.querySelectorAll('details')[3]!.open);
  expect(await planIsOpen()).toBe(false);
  await clickNode(
    page,
    shown.codes.find((code) => code.code.startsWith('I48'))!,
  );
  await page.waitForFunction(() => document.querySelectorAll('details')[3]!.open, {
    timeout: 10_000,
  });
  await page.close();
});

it('a note inside open shadow roots (slotted and shadow-rendered text); a patient switch inside the shadow root never shows the other patient', async () => {
  const page = await openFixture('shadow-note-component.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['M10']);
  await switchWatched(page, 'pneumonia', () => showPatient(page, 'pneumonia'));
  await switchWatched(page, 'gout', () => showPatient(page, 'gout'));
  await page.close();
});

it('a tabbed chart: only the active tab is read (not the hidden nor the off-screen tab), and a tab switch recodes', async () => {
  const page = await openFixture('tabbed-encounters.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['M10']);
  expectNoFamilies(allCodes(panel), ['J18', 'J44']);
  await page.click('#tab-3');
  await waitForFamilies(page, ['J44'], ['M10', 'J18']);
  await page.click('#tab-2');
  await waitForFamilies(page, ['J18'], ['M10', 'J44']);
  await page.close();
});

it('two notes side by side: the one the coder works in is read, and moving to the other recodes', async () => {
  const page = await openFixture('compare-notes.html');
  await page.click('#right-assessment');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['E78']);
  expectNoFamilies(allCodes(panel), ['J45']);
  await page.click('#left-assessment');
  await waitForFamilies(page, ['J45'], ['E78']);
  await page.close();
});

it('a note opened in a modal dialog: only the dialog is coded while it is open, the page again once it closes', async () => {
  const page = await openFixture('modal-note-preview.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['M10']);
  expectNoFamilies(allCodes(panel), ['J18', 'J45']);
  await page.click('#open-preview');
  await waitForFamilies(page, ['J18'], ['M10']);
  await page.click('#close-preview');
  await waitForFamilies(page, ['M10'], ['J18', 'J45']);
  await page.close();
});

it('a lazy list: paragraphs appended on scroll are coded as they arrive', async () => {
  const page = await openFixture('lazy-note-scroll.html');
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['I10']);
  expectNoFamilies(allCodes(panel), ['E11', 'E03']);
  const scrollToEnd = (): Promise<void> =>
    page.evaluate(() => {
      const scroller = document.getElementById('scroller')!;
      scroller.scrollTop = scroller.scrollHeight;
    });
  await scrollToEnd();
  await waitForFamilies(page, ['I10', 'E11'], ['E03']);
  await scrollToEnd();
  await waitForFamilies(page, ['I10', 'E11', 'E03'], []);
  await page.close();
});

it("a 'recently viewed' menu of other patients in the note's header is not coded, and choosing one never shows the previous patient's codes", async () => {
  const page = await openFixture('recently-viewed-header.html');
  await page.click('#recent button'); // the menu is open when the panel reads the page
  const panel = await openPanel(page);
  expectFamilies(positive(panel), ['M10']);
  expectNoFamilies(allCodes(panel), ['J18', 'J45']);
  await switchWatched(page, 'pneumonia', () => page.click('#recent-pneumonia'));
  await page.click('#recent button'); // the menu now lists the gout patient
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await waitForCodingIdle(run);
  expectNoFamilies(allCodes(await readPanel(page)), ['M10']);
  await page.close();
});
