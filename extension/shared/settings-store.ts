/**
 * The coder's coding settings, kept in `chrome.storage.sync` (it works without a signed-in
 * profile and follows the coder when sync is on). Managed (policy) storage comes later.
 */
import type { CodingSettings } from './protocol.js';

export const DEFAULT_CODING_SETTINGS: CodingSettings = { setting: 'outpatient', scope: 'reportable' };

const SETTINGS_KEY = 'coding-settings';

/** Keeps only known values, so that a corrupt or old entry falls back to the defaults. */
export function normalizeCodingSettings(stored: unknown): CodingSettings {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    setting:
      record.setting === 'inpatient' || record.setting === 'outpatient'
        ? record.setting
        : DEFAULT_CODING_SETTINGS.setting,
    scope:
      record.scope === 'reportable' || record.scope === 'mentions'
        ? record.scope
        : DEFAULT_CODING_SETTINGS.scope,
  };
}

export async function loadCodingSettings(): Promise<CodingSettings> {
  const stored = await chrome.storage.sync.get(SETTINGS_KEY);
  return normalizeCodingSettings(stored[SETTINGS_KEY]);
}

export async function saveCodingSettings(settings: CodingSettings): Promise<void> {
  await chrome.storage.sync.set({ [SETTINGS_KEY]: normalizeCodingSettings(settings) });
}
