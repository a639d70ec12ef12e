/**
 * Debian's firefox-esr with the Firefox test build (dist/extension-firefox-test/) installed as a
 * temporary add-on through WebDriver BiDi (puppeteer-core `browser: 'firefox'`), Mozilla's own
 * services silenced, and every non-loopback request of the browser sent to the recording proxy.
 * Used by the Firefox e2e files; they are skipped where firefox-esr is absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { REPO_ROOT } from './chromium-launch.mjs';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, 'dist', 'extension-firefox-test');
export const FIREFOX_ADDON_ID = 'marginalia@marginalia.invalid';
/** Firefox's own remote-settings sync, the one browser service its prefs do not fully silence. */
export const FIREFOX_OWN_TRAFFIC = /^firefox\.settings\.services\.mozilla\.com:443$/;

export const hasFirefox = existsSync(FIREFOX_PATH);

/** Launches firefox-esr headless with its requests sent to the proxy on `proxyPort`; installs the add-on. */
export async function launchFirefoxWithExtension(
  proxyPort: number,
): Promise<{ browser: Browser; addonId: string }> {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `Expected the Firefox test build in ${FIREFOX_EXTENSION_DIR}, found none. Run \`npm run build:test\` first.`,
    );
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    protocolTimeout: 120_000,
    extraPrefsFirefox: {
      // No Mozilla services in a test run (updates, telemetry, remote settings).
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'extensions.getAddons.cache.enabled': false,
      // Captive-portal and connectivity checks (detectportal.firefox.com).
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      // Every non-loopback request of the whole browser goes to the recording proxy, as in Chromium.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.socks_remote_dns': true,
    },
  });
  try {
    return { browser, addonId: await browser.installExtension(FIREFOX_EXTENSION_DIR) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
