/**
 * The coder's encounter in Chromium: three notes of one synthetic inpatient stay (an H&P with
 * "type 2 diabetes", a consult with "CKD stage 3b", a discharge summary with "acute on chronic
 * diastolic heart failure" and "hypertension") are coded, their codes accepted and added to one
 * encounter. The encounter view shows E11.22, N18.32, I13.0 and I50.33 in sequence with the
 * "use additional" / "code first" partners satisfied, each with its supporting notes and a POA
 * indicator; the FHIR export validates; after a browser restart on the same profile the
 * encounter is gone (session storage), while the profile's local storage is still there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { validateConditionBundle } from '../../src/export/fhir-condition.js';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { openPanelInActiveTab } from './harness/open-panel.js';
import {
  chooseOption,
  clickNode,
  findPanelNodes,
  focusNode,
  type PanelNode,
  waitForPanelNodes,
  waitForPanelResult,
} from './harness/panel-driver.js';

let run: ExtensionBrowser;
let restarted: ExtensionBrowser | undefined;

beforeAll(async () => {
  run = await launchExtensionBrowser('coder-encounter', { keepProfile: true });
});

afterAll(async () => {
  await run?.close();
  await restarted?.close();
});

const NOTES = [
  { page: 'encounter-hp.html', accept: ['E11.9'], title: 'History and physical' },
  { page: 'encounter-consult.html', accept: ['N18.32'], title: 'Consult' },
  { page: 'encounter-discharge.html', accept: ['I11.0', 'I50.33'], title: 'Discharge summary' },
];

async function openNote(browserRun: ExtensionBrowser, name: string): Promise<Page> {
  const page = await browserRun.browser.newPage();
  await page.setViewport({ width: 1440, height: 900 });
  await page.goto(browserRun.fixtures.url(name), { waitUntil: 'load' });
  await openPanelInActiveTab(browserRun, page);
  await waitForPanelResult(page, 90_000);
  return page;
}

async function one(
  page: Page,
  match: (a: Record<string, string>) => boolean,
  what: string,
): Promise<PanelNode> {
  const [node] = await waitForPanelNodes(page, match, { what });
  return node!;
}

async function encounterCodes(page: Page) {
  const rows = await findPanelNodes(page, (a) => 'data-encounter-code' in a);
  return Promise.all(
    rows.map(async (row) => ({
      code: row.attributes['data-encounter-code']!,
      sequence: Number(row.attributes['data-sequence']),
      principal: row.attributes['data-principal'] === 'yes',
      text: row.text,
    })),
  );
}

async function waitForEncounter(
  page: Page,
  predicate: (codes: Awaited<ReturnType<typeof encounterCodes>>) => boolean,
  what: string,
) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const codes = await encounterCodes(page);
    if (predicate(codes)) return codes;
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${what}, the encounter shows [${codes.map((c) => c.code).join(', ')}].`,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

describe('the coder’s encounter across three notes', () => {
  it('starts an encounter, adds the accepted codes of each note, and merges them', async () => {
    for (const [index, note] of NOTES.entries()) {
      const page = await openNote(run, note.page);
      if (index === 0) {
        const [name] = await waitForPanelNodes(
          page,
          (a) => a['aria-label'] === 'Encounter name (optional)',
          { what: 'the encounter name box' },
        );
        await focusNode(page, name!);
        await page.keyboard.type('Synthetic admission');
        await clickNode(
          page,
          await one(page, (a) => a['data-action'] === 'start-encounter', 'the start button'),
        );
      }
      await one(
        page,
        (a) => 'data-encounter' in a && a['data-encounter'] !== 'none',
        'an open encounter',
      );
      for (const code of note.accept) {
        await clickNode(
          page,
          await one(
            page,
            (a) => a['data-action'] === 'accept' && a['aria-label'] === `Accept ${code}`,
            `the accept button of ${code}`,
          ),
        );
        await one(page, (a) => a['data-accepted-code'] === code, `${code} accepted`);
      }
      const add = await one(
        page,
        (a) => a['data-action'] === 'add-to-encounter' && !('disabled' in a),
        'the add button',
      );
      await clickNode(page, add);
      await one(
        page,
        (a) => a['data-encounter-notes'] === String(index + 1),
        `${index + 1} notes in the encounter`,
      );
      if (index < NOTES.length - 1) await page.close();
    }
  });

  it('shows E11.22, N18.32, I13.0 and I50.33 in sequence, partners satisfied, each with its notes and POA', async () => {
    const page = (await run.browser.pages()).find((p) =>
      p.url().endsWith('encounter-discharge.html'),
    )!;
    const codes = await waitForEncounter(page, (c) => c.length === 4, 'four codes');
    expect(
      (await one(page, (a) => a.id === 'encounter-heading', 'the encounter heading')).text,
    ).toContain('Encounter: Synthetic admission');
    expect(codes.map((c) => c.code).sort()).toEqual(['E11.22', 'I13.0', 'I50.33', 'N18.32']);
    const seq = Object.fromEntries(codes.map((c) => [c.code, c.sequence] as const));
    expect(codes.find((c) => c.principal)?.code).toBe('I13.0');
    expect(seq['I13.0']).toBe(1);
    expect(seq['I13.0']!).toBeLessThan(seq['I50.33']!); // use additional code for the type of heart failure
    expect(seq['E11.22']!).toBeLessThan(seq['N18.32']!); // N18: code first the diabetic CKD
    expect(seq['I13.0']!).toBeLessThan(seq['N18.32']!); // N18: code first the hypertensive CKD

    const supported = Object.fromEntries(
      (await findPanelNodes(page, (a) => 'data-supported-by' in a)).map(
        (n) => [n.text, n.attributes['data-supported-by']] as const,
      ),
    );
    const support = (code: string): string => {
      const row = codes.find((c) => c.code === code)!;
      return Object.entries(supported).find(([text]) => row.text.includes(text))?.[1] ?? '';
    };
    expect(support('E11.22')).toBe('History and physical; Consult');
    expect(support('N18.32')).toBe('Consult');
    expect(support('I13.0')).toBe('Consult; Discharge summary');
    expect(support('I50.33')).toBe('Discharge summary');

    const satisfied = (await findPanelNodes(page, (a) => 'data-satisfied' in a))
      .map((n) => n.text)
      .join(' ');
    expect(satisfied).toContain('Use additional code I50.33: sequenced after I13.0.');
    expect(satisfied).toContain('Code first E11.22: sequenced before N18.32.');
    // No partner missing and no order broken among the encounter's checks.
    const checks = (
      await findPanelNodes(page, (a) => a['aria-label']?.endsWith(' in the encounter') === true)
    )
      .map((n) => n.text)
      .join(' ');
    expect(checks).not.toMatch(
      /Code first|Use additional[^:]*: [^.]*None accepted|should follow|it is sequenced after/,
    );

    const poa = await findPanelNodes(page, (a) => 'data-poa' in a);
    expect(poa.length).toBe(4);
    expect(poa.every((n) => ['Y', 'N', 'U', 'W'].includes(n.attributes['data-poa']!))).toBe(true);
    expect(
      poa.find((n) => n.attributes['aria-label'] === 'POA for I50.33')?.attributes['data-poa'],
    ).toBe('Y'); // "Admitted with …"
  });

  it('keeps the coder’s POA choice', async () => {
    const page = (await run.browser.pages()).find((p) =>
      p.url().endsWith('encounter-discharge.html'),
    )!;
    await chooseOption(
      page,
      await one(page, (a) => a['aria-label'] === 'POA for N18.32', 'the N18.32 POA choice'),
      'U',
    );
    await one(
      page,
      (a) =>
        a['aria-label'] === 'POA for N18.32' &&
        a['data-poa'] === 'U' &&
        a['data-poa-confirmed'] === 'yes',
      'N18.32 confirmed U',
    );
  });

  it('exports the whole encounter as a FHIR R4 bundle that validates', async () => {
    const page = (await run.browser.pages()).find((p) =>
      p.url().endsWith('encounter-discharge.html'),
    )!;
    await chooseOption(
      page,
      await one(page, (a) => a['aria-label'] === 'Encounter export format', 'the export format'),
      'fhir',
    );
    const pre = await one(page, (a) => a['data-encounter-export'] === 'fhir', 'the FHIR preview');
    const bundle = JSON.parse(pre.text) as {
      entry: { resource: { code: { coding: { code: string }[] } } }[];
    };
    expect(validateConditionBundle(bundle)).toEqual([]);
    expect(bundle.entry.map((e) => e.resource.code.coding[0]!.code)).toEqual(
      (await encounterCodes(page)).sort((a, b) => a.sequence - b.sequence).map((c) => c.code),
    );
  });

  it('keeps the encounter in session storage only, with no note text', async () => {
    const session = await run.serviceWorker.evaluate(() => chrome.storage.session.get(null));
    const local = await run.serviceWorker.evaluate(() => chrome.storage.local.get(null));
    expect(Object.keys(session)).toContain('encounter:active');
    expect(Object.keys(local).filter((key) => key.startsWith('encounter:'))).toEqual([]);
    const stored = JSON.stringify(session['encounter:active']);
    expect(stored).not.toMatch(/Diuresed|renal diet|glucose checks/); // quotes only, never the note's sentences
  });

  it('is gone after the browser closes (same profile, restarted)', async () => {
    // A value kept on disk, to show that the restarted browser has the same profile.
    await run.serviceWorker.evaluate(() => chrome.storage.local.set({ 'restart-probe': 'kept' }));
    await run.close();
    restarted = await launchExtensionBrowser('coder-encounter-restart', { reuseProfileOf: run });
    const sw = restarted.serviceWorker;
    // The profile is the same: what the extension keeps on disk is there.
    expect(await sw.evaluate(() => chrome.storage.local.get('restart-probe'))).toEqual({
      'restart-probe': 'kept',
    });
    expect(await sw.evaluate(() => chrome.storage.session.get(null))).toEqual({});
    const page = await openNote(restarted, 'encounter-hp.html');
    await one(page, (a) => a['data-encounter'] === 'none', 'no open encounter');
  });
});
