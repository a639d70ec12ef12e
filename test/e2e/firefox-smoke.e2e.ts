/**
 * Firefox smoke test (skipped when Debian's firefox-esr is absent): the Firefox variant in
 * dist/extension-firefox-test/ (the test build) installs as a temporary add-on through WebDriver BiDi
 * (puppeteer-core `browser: 'firefox'` + `installExtension`) and a fixture page loads with it,
 * with every non-loopback request of the browser sent to the recording proxy: nothing but
 * Firefox's own remote-settings sync and the test's positive control may appear there.
 * The panel flow in Firefox is firefox-panel-flow.e2e.ts.
 */
import { expect, it } from 'vitest';
import {
  FIREFOX_ADDON_ID,
  FIREFOX_OWN_TRAFFIC,
  hasFirefox,
  launchFirefoxWithExtension,
} from './harness/firefox-launch.js';
import { startFixtureServer } from './harness/fixture-server.mjs';
import { startEgressProxy } from './harness/egress-proxy.js';

it.skipIf(!hasFirefox)(
  'installs the Firefox variant in firefox-esr, loads a fixture page, and sends nothing off the machine',
  async () => {
    const fixtures = await startFixtureServer();
    const proxy = await startEgressProxy();
    const started = performance.now();
    const { browser, addonId } = await launchFirefoxWithExtension(proxy.port);
    try {
      expect(addonId).toBe(FIREFOX_ADDON_ID);
      const page = await browser.newPage();
      await page.goto(fixtures.url('plain-note.html'), { waitUntil: 'load' });
      expect(await page.title()).toContain('Synthetic EHR');
      console.log(
        `firefox smoke: installed and loaded in ${Math.round(performance.now() - started)} ms`,
      );
      // Positive control: the web page's own request off the machine reaches the proxy.
      await page.evaluate(() =>
        fetch('http://egress-canary.example/firefox-page').catch(() => undefined),
      );
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const seen = proxy.requests.map((request) => request.url);
      expect(seen).toContain('http://egress-canary.example/firefox-page');
      // Nothing else but Firefox's own remote-settings sync (which its prefs do not fully silence).
      expect(
        seen.filter(
          (url) =>
            url !== 'http://egress-canary.example/firefox-page' && !FIREFOX_OWN_TRAFFIC.test(url),
        ),
      ).toEqual([]);
    } finally {
      await browser.close();
      await fixtures.close();
      await proxy.close();
    }
  },
);
