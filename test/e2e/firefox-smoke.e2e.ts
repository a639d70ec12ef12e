/**
 * Firefox smoke test (skipped when Debian's firefox-esr is absent): the Firefox variant in
 * dist/extension-firefox-test/ (the test build) installs as a temporary add-on through WebDriver BiDi
 * (puppeteer-core `browser: 'firefox'` + `installExtension`) and a fixture page loads with it,
 * with every non-loopback request of the browser sent to the recording proxy: nothing but
 * Firefox's own remote-settings sync and the test's positive control may appear there.
 * What this cannot reach headlessly: BiDi refuses to open moz-extension:// pages and its
 * synthetic keys do not fire extension commands, so the panel flow itself is covered in Chromium.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';
import { startEgressProxy } from './harness/egress-proxy.js';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, 'dist', 'extension-firefox-test');
const FIREFOX_ADDON_ID = 'marginalia@marginalia.invalid';
/** Firefox's own remote-settings sync, the one browser service its prefs do not fully silence. */
const FIREFOX_OWN_TRAFFIC = /^firefox\.settings\.services\.mozilla\.com:443$/;

it.skipIf(!existsSync(FIREFOX_PATH))('installs the Firefox variant in firefox-esr, loads a fixture page, and sends nothing off the machine', async () => {
  expect(existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')), 'run `npm run build:test` first').toBe(true);
  const fixtures = await startFixtureServer();
  const proxy = await startEgressProxy();
  const started = performance.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocolTimeout: 60_000,
    // No Mozilla services in a test run (updates, telemetry, remote settings).
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'extensions.getAddons.cache.enabled': false,
      // Captive-portal probe, http://detectportal.firefox.com/canonical.html (firefox-esr 140).
      'network.captive-portal-service.enabled': false,
      // Every non-loopback request of the whole browser goes to the recording proxy, as in Chromium.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.socks_remote_dns': true,
    },
  });
  try {
    const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    expect(id).toBe(FIREFOX_ADDON_ID);
    const page = await browser.newPage();
    await page.goto(fixtures.url('plain-note.html'), { waitUntil: 'load' });
    expect(await page.title()).toContain('Synthetic EHR');
    console.log(`firefox smoke: installed and loaded in ${Math.round(performance.now() - started)} ms`);
    // Positive control: the web page's own request off the machine reaches the proxy.
    await page.evaluate(() => fetch('http://egress-canary.example/firefox-page').catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const seen = proxy.requests.map((request) => request.url);
    expect(seen).toContain('http://egress-canary.example/firefox-page');
    // Nothing else but Firefox's own remote-settings sync (which its prefs do not fully silence).
    expect(seen.filter((url) => url !== 'http://egress-canary.example/firefox-page' && !FIREFOX_OWN_TRAFFIC.test(url))).toEqual([]);
  } finally {
    await browser.close();
    await fixtures.close();
    await proxy.close();
  }
});
