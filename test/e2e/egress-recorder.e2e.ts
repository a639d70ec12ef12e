/**
 * Negative control for the no-egress assertion: requests that do try to leave the machine,
 * from the service worker and from an extension page, are caught by both recorders.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtensionBrowser, type ExtensionBrowser } from './harness/launch-extension-browser.js';
import { isAllowedRequestUrl } from './harness/network-recorder.js';

let run: ExtensionBrowser;

beforeAll(async () => {
  // The canary requests are the point of this file; the suite-wide check ignores only them.
  run = await launchExtensionBrowser('egress-recorder', { expectedEgress: /egress-canary\.example/ });
});

afterAll(async () => {
  await run?.close();
});

it('catches a request from the service worker and from an extension page', async () => {
  await run.serviceWorker.evaluate(() =>
    fetch('http://egress-canary.example/from-sw').then(
      (response) => response.status,
      () => 'refused',
    ),
  );
  const page = await run.browser.newPage();
  await page.goto(`chrome-extension://${run.extensionId}/options.html`);
  await page.evaluate(() =>
    fetch('https://egress-canary.example/from-page').then(
      (response) => response.status,
      () => 'refused',
    ),
  );
  const proxied = run.proxy.requests.map((request) => `${request.method} ${request.url}`);
  expect(proxied).toContain('GET http://egress-canary.example/from-sw');
  expect(proxied.some((line) => line.startsWith('CONNECT egress-canary.example:443'))).toBe(true);
  const recorded = run.network.requests.filter((request) => !isAllowedRequestUrl(request.url));
  expect(recorded.map((request) => request.url)).toEqual(
    expect.arrayContaining(['http://egress-canary.example/from-sw', 'https://egress-canary.example/from-page']),
  );
  expect(recorded.find((request) => request.url.endsWith('/from-sw'))?.target).toMatch(/^service_worker /);
});
