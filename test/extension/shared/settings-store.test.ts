import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_CODING_SETTINGS,
  loadCodingSettings,
  normalizeCodingSettings,
  saveCodingSettings,
} from '../../../extension/shared/settings-store.js';
import { installFakeChrome } from '../fake-chrome.js';

afterEach(() => vi.unstubAllGlobals());

describe('coding settings', () => {
  it('fall back to the defaults for missing or unknown values', () => {
    expect(normalizeCodingSettings(undefined)).toEqual(DEFAULT_CODING_SETTINGS);
    expect(normalizeCodingSettings({ setting: 'icu', scope: 'mentions' })).toEqual({
      setting: 'outpatient',
      scope: 'mentions',
    });
  });

  it('round-trip through storage.sync', async () => {
    installFakeChrome();
    await saveCodingSettings({ setting: 'inpatient', scope: 'mentions' });
    await expect(loadCodingSettings()).resolves.toEqual({
      setting: 'inpatient',
      scope: 'mentions',
    });
  });
});
