/**
 * Negative control for the no-egress assertion, and the CSP that backs it:
 *
 * - with the shipped manifest, a request that tries to leave the machine from the service
 *   worker or an extension page is refused by the extension's CSP (`connect-src 'self'`) and
 *   reaches neither recorder;
 * - with a copy whose CSP lacks `connect-src` (this file only), the same requests do go out, and
 *   both recorders catch them: the recorders themselves work;
 * - typing into a page's text field makes the browser itself send nothing (Blink's spellcheck
 *   would download a Hunspell dictionary from redirector.gvt1.com; the harness's profile
 *   preferences turn that off).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';

let shipped: ExtensionBrowser;
let withoutConnectSrc: ExtensionBrowser;

/** Fetches `url` from the service worker and from the options page; says how each ended. */
async function tryEgress(
  run: ExtensionBrowser,
  tag: string,
): Promise<{ fromWorker: unknown; fromPage: unknown }> {
  const fromWorker = await run.serviceWorker.evaluate(
    (url) =>
      fetch(url).then(
        (response) => response.status,
        () => 'refused',
      ),
    `http://egress-canary.example/${tag}-from-sw`,
  );
  const page = await run.browser.newPage();
  await page.goto(`chrome-extension://${run.extensionId}/options.html`);
  const fromPage = await page.evaluate(
    (url) =>
      fetch(url).then(
        (response) => response.status,
        () => 'refused',
      ),
    `https://egress-canary.example/${tag}-from-page`,
  );
  await page.close();
  return { fromWorker, fromPage };
}

beforeAll(async () => {
  shipped = await launchExtensionBrowser('egress-csp');
  // The canary requests are the point of this copy; the suite-wide check ignores only them.
  withoutConnectSrc = await launchExtensionBrowser('egress-recorder', {
    expectedEgress: /egress-canary\.example/,
    modifyExtension(dir) {
      const file = path.join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      manifest.content_security_policy.extension_pages =
        manifest.content_security_policy.extension_pages.replace(/;\s*connect-src[^;]*/, '');
      writeFileSync(file, JSON.stringify(manifest));
    },
  });
});

afterAll(async () => {
  await shipped?.close();
  await withoutConnectSrc?.close();
});

it("refuses a request off the machine from the service worker and an extension page (CSP connect-src 'self')", async () => {
  const result = await tryEgress(shipped, 'csp');
  expect(result).toEqual({ fromWorker: 'refused', fromPage: 'refused' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(shipped.proxy.requests).toEqual([]);
  expect(shipped.network.requests.filter((request) => !isAllowedRequestUrl(request.url))).toEqual(
    [],
  );
});

it('catches a request from the service worker and from an extension page when the CSP would let it go', async () => {
  await tryEgress(withoutConnectSrc, 'control');
  const proxied = withoutConnectSrc.proxy.requests.map(
    (request) => `${request.method} ${request.url}`,
  );
  expect(proxied).toContain('GET http://egress-canary.example/control-from-sw');
  expect(proxied.some((line) => line.startsWith('CONNECT egress-canary.example:443'))).toBe(true);
  const recorded = withoutConnectSrc.network.requests.filter(
    (request) => !isAllowedRequestUrl(request.url),
  );
  expect(recorded.map((request) => request.url)).toEqual(
    expect.arrayContaining([
      'http://egress-canary.example/control-from-sw',
      'https://egress-canary.example/control-from-page',
    ]),
  );
  expect(recorded.find((request) => request.url.endsWith('/control-from-sw'))?.target).toMatch(
    /^service_worker /,
  );
});

it('sends nothing when text is typed into a field (no spellcheck dictionary download)', async () => {
  const page = await shipped.browser.newPage();
  await page.goto(shipped.fixtures.url('encounter-hp.html'), { waitUntil: 'load' });
  await page.evaluate(() => {
    const field = document.createElement('textarea');
    field.id = 'typed-field';
    document.body.prepend(field);
  });
  await page.type('#typed-field', 'Pateint has diabetis and hypertenison ');
  // Without the harness's preferences the dictionary request left 1 to 4 s after the typing.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  await page.close();
  expect(shipped.proxy.requests).toEqual([]);
});
