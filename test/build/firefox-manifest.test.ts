// The Firefox variant's manifest: a background page instead of the service worker, a gecko id,
// no offscreen permission or Chrome-only keys; every path it names is a file of the variant.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIREFOX_ADDON_ID,
  FIREFOX_ENTRIES,
  FIREFOX_EXCLUDED,
  toFirefoxManifest,
} from '../../build/extension/firefox-variant.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));

describe('toFirefoxManifest', () => {
  const firefox = toFirefoxManifest(manifest);

  it('runs the core in a background page and names a gecko id', () => {
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(FIREFOX_ENTRIES.map((entry: { output: string }) => entry.output)).toContain(
      'background.js',
    );
    expect(firefox.browser_specific_settings.gecko.id).toBe(FIREFOX_ADDON_ID);
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({
      required: ['none'],
    });
  });

  it('drops what Firefox does not have', () => {
    expect(firefox.permissions).not.toContain('offscreen');
    for (const key of [
      'minimum_chrome_version',
      'cross_origin_embedder_policy',
      'cross_origin_opener_policy',
      'storage',
    ]) {
      expect(firefox, key).not.toHaveProperty(key);
    }
    expect(FIREFOX_EXCLUDED).toEqual(expect.arrayContaining(['offscreen.html', 'offscreen.js']));
    expect(manifest.background).toEqual({ service_worker: 'background.js' }); // the Chrome manifest is untouched
  });
});
