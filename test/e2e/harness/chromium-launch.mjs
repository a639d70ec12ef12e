// Chromium launch options for the extension, shared by the e2e suite and the demo
// (TOOLCHAIN.md: launch mode A, gotchas G2, G5, G6, G9). Types in chromium-launch.d.mts.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// The test build (`npm run build:test`): the e2e contract and the loopback content script.
export const EXTENSION_DIR = path.join(REPO_ROOT, 'dist', 'extension-test');
// Profiles live under the system temp folder, not the repository: Chromium puts a Unix socket
// in the profile's temp folder and fails ("Socket path too long", limit 107 bytes) when a
// clone sits in a deep folder. MARGINALIA_E2E_PROFILES overrides.
export const PROFILES_DIR =
  process.env.MARGINALIA_E2E_PROFILES ?? path.join(os.tmpdir(), 'marginalia-e2e');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A fresh profile, cache and temp folder of its own (G9), under {@link PROFILES_DIR}. */
export function createProfileDirs(label) {
  mkdirSync(PROFILES_DIR, { recursive: true });
  const base = mkdtempSync(path.join(PROFILES_DIR, `${label}-`));
  const dirs = {
    base,
    userData: path.join(base, 'user-data'),
    config: path.join(base, 'xdg-config'),
    cache: path.join(base, 'xdg-cache'),
    tmp: path.join(base, 't'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return dirs;
}

/**
 * puppeteer.launch options: the extension loaded by flags, Chromium's own Google traffic
 * silenced (G6), and every non-loopback request sent to the recording proxy. Loopback stays
 * bypassed (Chromium's default) so that the fixture pages load directly.
 */
export function buildLaunchOptions({
  profile,
  proxyPort,
  headless = true,
  extensionDir = EXTENSION_DIR,
}) {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // AimEnabled: Debian Chromium 150's omnibox AI-mode eligibility fetch, www.google.com/async/folae.
    // PreconnectToSearch: Chromium 150's repeated preconnects (CONNECT) to the search engine, www.google.com.
    // OptimizationGuideModelDownloading, OnDeviceHeadSuggest, Translate: component downloads from
    // redirector.gvt1.com seen once on Chromium 150 after a restart on a kept profile.
    '--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,OptimizationHints,MediaRouter,AimEnabled,PreconnectToSearch,OptimizationGuideModelDownloading,OnDeviceHeadSuggest,Translate',
    '--component-updater=url-source=http://127.0.0.1:9/cup',
    '--gaia-url=http://127.0.0.1:9/',
    // GCM device check-in, android.clients.google.com/checkin (Debian Chromium 150): sent to a dead loopback port.
    '--gcm-checkin-url=http://127.0.0.1:9/checkin',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (proxyPort !== undefined) args.push(`--proxy-server=http://127.0.0.1:${proxyPort}`);
  return {
    executablePath: CHROMIUM_PATH,
    headless,
    protocolTimeout: 120_000,
    userDataDir: profile.userData,
    ignoreDefaultArgs: ['--disable-extensions'],
    defaultViewport: headless ? { width: 1280, height: 900 } : null,
    args,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: profile.config,
      XDG_CACHE_HOME: profile.cache,
      TMPDIR: profile.tmp,
    },
  };
}
