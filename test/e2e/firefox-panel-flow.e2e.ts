/**
 * The panel flow in Firefox (skipped where Debian's firefox-esr is absent): the Firefox test
 * build in firefox-esr, headless, every non-loopback request sent to the recording proxy. The
 * panel opens on a fixture page, lists codes from the core running in Firefox's background
 * page, highlights a code's evidence, accepts it and exports the accepted list as FHIR.
 *
 * WebDriver BiDi reaches neither the background page nor the panel's closed shadow root, so the
 * page drives the panel through the test build's content-script bridge
 * (extension/content/test-bridge.ts), which the release build does not have.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEgressProxy, type EgressProxy } from './harness/egress-proxy.js';
import {
  FIREFOX_OWN_TRAFFIC,
  hasFirefox,
  launchFirefoxWithExtension,
} from './harness/firefox-launch.js';
import { startFixtureServer } from './harness/fixture-server.mjs';

interface BridgeSnapshot {
  mounted: boolean;
  terminology: string | null;
  codes: { code: string; flagged: string | null }[];
  evidenceHighlights: number;
  accepted: string[];
  exportPreview: string | null;
}

type FixtureServer = Awaited<ReturnType<typeof startFixtureServer>>;

let browser: Browser;
let page: Page;
let fixtures: FixtureServer;
let proxy: EgressProxy;

/** Sends one command to the test bridge in the page and returns its reply. */
async function bridge<T>(command: {
  command: string;
  selector?: string;
  value?: string;
}): Promise<T> {
  const reply = await page.evaluate(
    (json) =>
      new Promise<string>((resolve) => {
        window.addEventListener(
          'marginalia-test:reply',
          (event) => resolve(String((event as CustomEvent).detail)),
          { once: true },
        );
        window.dispatchEvent(new CustomEvent('marginalia-test:command', { detail: json }));
      }),
    JSON.stringify(command),
  );
  const parsed = JSON.parse(reply) as { ok: true; value: T } | { ok: false; error: string };
  if (!parsed.ok) throw new Error(`The test bridge refused ${command.command}: ${parsed.error}`);
  return parsed.value;
}

async function waitForSnapshot(
  what: string,
  done: (snapshot: BridgeSnapshot) => boolean,
  timeoutMs = 30_000,
): Promise<BridgeSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await bridge<BridgeSnapshot>({ command: 'snapshot' });
    if (done(snapshot)) return snapshot;
    if (Date.now() > deadline)
      throw new Error(
        `Expected ${what} within ${timeoutMs} ms, got ${JSON.stringify(snapshot).slice(0, 300)}.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(!hasFirefox)('the panel in Firefox', () => {
  let result: BridgeSnapshot;
  let target: string;

  beforeAll(async () => {
    fixtures = await startFixtureServer();
    proxy = await startEgressProxy();
    ({ browser } = await launchFirefoxWithExtension(proxy.port));
    page = await browser.newPage();
    await page.goto(fixtures.url('plain-note.html'), { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await proxy?.close();
  });

  it('opens on the page and lists codes from the core in the background page', async () => {
    // The content script may still be starting right after the load: retry the open command.
    await waitFor(async () => (await bridge<{ opened: boolean }>({ command: 'open' })).opened);
    // The first run installs the terminology pack into Firefox's IndexedDB.
    result = await waitForSnapshot('codes in the panel', (s) => s.terminology !== null, 180_000);
    expect(result.terminology).toMatch(/^ICD-10-CM /);
    const positives = result.codes.filter((code) => code.flagged === null).map((code) => code.code);
    expect(positives.some((code) => code === 'I10' || code === 'E11.22')).toBe(true);
    const pneumonia = result.codes.filter((code) => code.code === 'J18.9');
    expect(pneumonia.length).toBeGreaterThan(0);
    expect(pneumonia.every((code) => code.flagged !== null)).toBe(true);
    target = positives.includes('I10') ? 'I10' : positives[0]!;
  });

  it('highlights the evidence of a clicked code in the page', async () => {
    await bridge({ command: 'click', selector: `[data-code="${target}"]` });
    const shown = await waitForSnapshot('evidence highlights', (s) => s.evidenceHighlights > 0);
    expect(shown.evidenceHighlights).toBeGreaterThan(0);
  });

  it('accepts the code and exports the accepted list as FHIR R4 Conditions', async () => {
    await bridge({
      command: 'click',
      selector: `li[data-suggestion="${target}"] [data-action="accept"]`,
    });
    await waitForSnapshot(`${target} accepted`, (s) => s.accepted.includes(target));
    await bridge({ command: 'choose', selector: '#export-format', value: 'fhir' });
    const exported = await waitForSnapshot('the FHIR preview', (s) =>
      (s.exportPreview ?? '').includes('"resourceType"'),
    );
    const bundle = JSON.parse(exported.exportPreview!) as {
      resourceType: string;
      entry: { resource: { code: { coding: { code: string }[] } } }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.code.coding[0]?.code)).toContain(target);
  });

  it('sent nothing off the machine but Firefox’s own remote-settings sync', () => {
    expect(
      proxy.requests.map((request) => request.url).filter((url) => !FIREFOX_OWN_TRAFFIC.test(url)),
    ).toEqual([]);
  });
});

async function waitFor(probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await probe().catch(() => false);
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`Expected the content script to answer within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
