/**
 * ICD-10-PCS in a real Chromium with the built extension: the Procedures group on an operative
 * note, the procedure builder opened from a suggestion, a changed approach axis updating code and
 * title with only valid values offered, the accepted code exported as a FHIR R4 Procedure, and
 * not one request off the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  validateCodingBundle,
  ICD10PCS_SYSTEM,
  type FhirCodingBundle,
} from '../../src/export/fhir-procedure.js';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import {
  callOnNode,
  chooseOption,
  clickNode,
  findPanelNodes,
  focusNode,
  waitForPanelNodes,
  waitForPanelResult,
} from './harness/panel-driver.js';

let run: ExtensionBrowser;
let page: Page;

const openPanel = (): Promise<void> => openPanelInActiveTab(run, page);

const builderCode = async (): Promise<string> =>
  (await waitForPanelNodes(page, (a) => 'data-builder-code' in a, { what: 'the builder code' }))[0]!
    .attributes['data-builder-code']!;

async function waitForBuilderCode(expected: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await builderCode()) !== expected) {
    if (Date.now() > deadline)
      throw new Error(`Expected the builder to show ${expected}, it shows ${await builderCode()}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  run = await launchExtensionBrowser('procedure-builder');
  page = await run.browser.newPage();
  await page.goto(run.fixtures.url('operative-note.html'), { waitUntil: 'load' });
});

afterAll(async () => {
  await run?.close();
});

describe('the procedure builder', () => {
  it('lists the appendectomy in the Procedures group', async () => {
    await openPanel();
    await waitForPanelResult(page, 90_000);
    const items = await waitForPanelNodes(page, (a) => a['data-procedure'] === '0DTJ4ZZ', {
      what: 'the 0DTJ4ZZ procedure suggestion',
    });
    expect(items).toHaveLength(1);
  });

  it('opens the builder from the suggestion; a new approach updates code and title, only valid values offered', async () => {
    const [build] = await findPanelNodes(
      page,
      (a) => a['data-action'] === 'build-procedure' && a['aria-label'] === 'Build from 0DTJ4ZZ',
    );
    await clickNode(page, build!);
    expect(await builderCode()).toBe('0DTJ4ZZ');
    const [approach] = await waitForPanelNodes(
      page,
      (a, name) => name === 'SELECT' && a['data-axis'] === '5',
      { what: 'the approach axis' },
    );
    const offered = await callOnNode<string[]>(
      page,
      approach!.backendNodeId,
      'function () { return [...this.options].map((o) => o.value); }',
    );
    expect(offered.sort()).toEqual(['0', '4', '7', '8']);
    await chooseOption(page, approach!, '0');
    await waitForBuilderCode('0DTJ0ZZ');
    const [title] = await findPanelNodes(page, (a) => 'data-builder-title' in a);
    expect(title!.text).toBe('Resection of Appendix, Open Approach');
  });

  it('accepts the built code and exports it as a FHIR R4 Procedure', async () => {
    const [accept] = await findPanelNodes(page, (a) => a['data-action'] === 'builder-accept');
    await clickNode(page, accept!);
    await waitForPanelNodes(page, (a) => a['data-accepted-code'] === '0DTJ0ZZ', {
      what: '0DTJ0ZZ in the accepted list',
    });
    const [select] = await findPanelNodes(page, (a) => a.id === 'export-format');
    await chooseOption(page, select!, 'fhir');
    const [pre] = await waitForPanelNodes(page, (a) => a['data-export-format'] === 'fhir', {
      what: 'the FHIR preview',
    });
    const bundle = JSON.parse(pre!.text) as FhirCodingBundle;
    expect(validateCodingBundle(bundle)).toEqual([]);
    const procedure = bundle.entry
      .map((e) => e.resource)
      .find((r) => r.resourceType === 'Procedure');
    expect(procedure?.code.coding[0]).toMatchObject({
      system: ICD10PCS_SYSTEM,
      code: '0DTJ0ZZ',
      display: 'Resection of Appendix, Open Approach',
    });
  });

  it('opens the builder from the lookup on a partial code and completes it axis by axis', async () => {
    const [input] = await waitForPanelNodes(page, (a) => a.id === 'lookup-input', {
      what: 'the lookup box',
    });
    await focusNode(page, input!);
    await page.keyboard.type('0DTJ', { delay: 15 });
    const [hit] = await waitForPanelNodes(
      page,
      (a, name) =>
        name === 'BUTTON' &&
        a['aria-label'] === '0DTJ Resection of Appendix: open the procedure builder',
      {
        what: 'the 0DTJ lookup hit',
        // The first search of a session may build the diagnosis search index first (slower on a busy machine).
        timeoutMs: 60_000,
      },
    );
    await clickNode(page, hit!);
    await waitForBuilderCode('0DTJ');
    const [approach] = await waitForPanelNodes(
      page,
      (a, name) => name === 'SELECT' && a['data-axis'] === '5',
      { what: 'the approach axis of the lookup builder' },
    );
    await chooseOption(page, approach!, '4');
    // The device axis has one value after this approach; the qualifier still needs a choice.
    await waitForBuilderCode('0DTJ4Z');
    const [qualifier] = await waitForPanelNodes(
      page,
      (a, name) => name === 'SELECT' && a['data-axis'] === '7',
      { what: 'the qualifier axis' },
    );
    await chooseOption(page, qualifier!, 'Z');
    await waitForBuilderCode('0DTJ4ZZ');
  });

  it('made zero non-loopback requests, browser-wide and per target', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.proxy.requests).toEqual([]);
    expect(run.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual([]);
    expect(run.network.attachFailures).toEqual([]);
  });
});
