/**
 * Firefox smoke test (skipped when Debian's firefox-esr is absent): the Firefox variant in
 * dist/extension-firefox/ installs as a temporary add-on through WebDriver BiDi
 * (puppeteer-core `browser: 'firefox'` + `installExtension`) and a fixture page loads with it.
 * What this cannot reach headlessly: BiDi refuses to open moz-extension:// pages and its
 * synthetic keys do not fire extension commands, so the panel flow itself is covered in Chromium.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './harness/chromium-launch.mjs';
import { startFixtureServer } from './harness/fixture-server.mjs';

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, 'dist', 'extension-firefox');
const FIREFOX_ADDON_ID = 'marginalia@marginalia.invalid';

it.skipIf(!existsSync(FIREFOX_PATH))('installs the Firefox variant in firefox-esr and loads a fixture page', async () => {
  expect(existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')), 'run `npm run build` first').toBe(true);
  const fixtures = await startFixtureServer();
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
      'services.settings.server': 'http://127.0.0.1:9/',
      'extensions.getAddons.cache.enabled': false,
    },
  });
  try {
    const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    expect(id).toBe(FIREFOX_ADDON_ID);
    const page = await browser.newPage();
    await page.goto(fixtures.url('plain-note.html'), { waitUntil: 'load' });
    expect(await page.title()).toContain('Synthetic EHR');
    console.log(`firefox smoke: installed and loaded in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await browser.close();
    await fixtures.close();
  }
});
