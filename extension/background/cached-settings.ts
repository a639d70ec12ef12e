/**
 * The effective settings as the background's request handlers read them: loaded once and kept
 * until chrome.storage reports a change of the coder's settings or of the policy. Reading them
 * afresh cost every coding request three storage round trips through the browser (issue 15).
 * The cache lives as long as this worker; a restarted worker reads the settings again.
 */
import { loadEffectiveSettings, type EffectiveSettings } from '../shared/settings-store.js';

let cached: Promise<EffectiveSettings> | undefined;
let isWatching = false;

export function cachedEffectiveSettings(): Promise<EffectiveSettings> {
  if (!isWatching) {
    isWatching = true;
    chrome.storage.onChanged.addListener((_changes, area) => {
      if (area === 'sync' || area === 'managed') cached = undefined;
    });
  }
  const loading = (cached ??= loadEffectiveSettings());
  // A failed read is not kept: the next request reads again.
  loading.catch(() => {
    if (cached === loading) cached = undefined;
  });
  return loading;
}
