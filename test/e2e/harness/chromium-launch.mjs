// Chromium launch options for the extension, shared by the e2e suite and the demo
// (TOOLCHAIN.md: launch mode A, gotchas G2, G5, G6, G9). Types in chromium-launch.d.mts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
 * Profile preferences that keep Chromium's own downloads off the network, written into the
 * profile's `Default/Preferences` before every launch (merged into what a reopened profile
 * already holds).
 *
 * Spellcheck: as soon as Blink spellchecks text typed into any editable field (a panel input,
 * a page's textarea), the browser loads the Hunspell dictionary of `spellcheck.dictionaries`
 * (which the spellcheck service, started by that first request, fills with "en-US" from the
 * browser's languages) and, with none in the profile's `Dictionaries/`
 * folder, downloads it from
 * https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic (the browser's only
 * redirector.gvt1.com URL; no launch flag disables it: not --disable-component-update, which
 * it is not part of, nor --disable-background-networking). Blink's spellcheck runs at idle
 * time, so whether the request leaves before a test closes its browser is a matter of timing.
 * An empty dictionary list loads nothing; `browser.enable_spellchecking: false` alone does not
 * stop the download.
 */
export const QUIET_PREFERENCES = {
  browser: { enable_spellchecking: false },
  spellcheck: { dictionaries: [], dictionary: '', use_spelling_service: false },
};

/** Writes {@link QUIET_PREFERENCES} into the profile, keeping any other preference it has. */
export function writeQuietPreferences(userData) {
  const file = path.join(userData, 'Default', 'Preferences');
  mkdirSync(path.dirname(file), { recursive: true });
  const prefs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const [section, values] of Object.entries(QUIET_PREFERENCES)) {
    prefs[section] = { ...prefs[section], ...values };
  }
  writeFileSync(file, JSON.stringify(prefs));
}

/**
 * The flags every launch shares: no sandbox, no GPU process, and Chromium's own Google traffic
 * kept off the network (G6): each request it would make goes to a dead loopback port or is
 * never made. test/e2e/measure-webgpu.mjs launches with these and no extension.
 */
export const QUIET_ARGS = [
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
  '--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,OptimizationHints,MediaRouter,AimEnabled,PreconnectToSearch',
  '--component-updater=url-source=http://127.0.0.1:9/cup',
  '--gaia-url=http://127.0.0.1:9/',
  // GCM device check-in, android.clients.google.com/checkin (Debian Chromium 150): sent to a dead loopback port.
  '--gcm-checkin-url=http://127.0.0.1:9/checkin',
];

/**
 * puppeteer.launch options: the extension loaded by flags, Chromium's own Google traffic
 * silenced (G6, and {@link QUIET_PREFERENCES}, written into the profile here), and every
 * non-loopback request sent to the recording proxy. Loopback stays bypassed (Chromium's
 * default) so that the fixture pages load directly.
 */
export function buildLaunchOptions({
  profile,
  proxyPort,
  headless = true,
  extensionDir = EXTENSION_DIR,
}) {
  writeQuietPreferences(profile.userData);
  const args = [
    ...QUIET_ARGS,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  if (proxyPort !== undefined) args.push(`--proxy-server=http://127.0.0.1:${proxyPort}`);
  // MARGINALIA_E2E_NET_LOG=<folder>: one Chromium net-log per launch, for a request the egress
  // proxy reports only as "CONNECT host:443": the net-log has its URL and traffic annotation.
  const netLogDir = process.env.MARGINALIA_E2E_NET_LOG;
  if (netLogDir) {
    mkdirSync(netLogDir, { recursive: true });
    const name = `${path.basename(profile.base)}-${Date.now()}.json`;
    args.push(`--log-net-log=${path.join(path.resolve(netLogDir), name)}`);
  }
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
