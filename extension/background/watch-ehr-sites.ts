/**
 * Keeps the EHR-site content scripts in step with the settings: on start, when the coder's or
 * the policy's site list changes, and when a host permission is granted or removed. Listeners
 * are registered synchronously (MV3); the work is serialized so registrations never race.
 */
import { logErrorOnce } from '../shared/logger.js';
import { syncEhrSiteScripts } from '../shared/ehr-site-scripts.js';
import { loadEffectiveSettings } from '../shared/settings-store.js';

let queue: Promise<unknown> = Promise.resolve();

export function resyncEhrSites(): Promise<unknown> {
  queue = queue
    .then(async () => syncEhrSiteScripts((await loadEffectiveSettings()).settings.ehrSites))
    .catch((error: unknown) => logErrorOnce('register EHR site scripts', error));
  return queue;
}

export function watchEhrSiteSettings(): void {
  chrome.runtime.onStartup.addListener(() => void resyncEhrSites());
  chrome.runtime.onInstalled.addListener(() => void resyncEhrSites());
  chrome.storage.onChanged.addListener((_changes, area) => {
    if (area === 'sync' || area === 'managed') void resyncEhrSites();
  });
  chrome.permissions.onAdded.addListener(() => void resyncEhrSites());
  chrome.permissions.onRemoved.addListener(() => void resyncEhrSites());
}
