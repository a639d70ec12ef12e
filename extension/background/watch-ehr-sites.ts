/**
 * Keeps the EHR-site content scripts in step with the settings: on start, when the coder's or
 * the policy's site list changes, and when a host permission is granted or removed. Listeners
 * are registered synchronously (MV3); the work is serialized so registrations never race. A
 * resync does not wait many seconds on the policy at browser start (MANAGED_WAIT_MS).
 */
import { logErrorOnce } from '../shared/logger.js';
import { syncEhrSiteScripts } from '../shared/ehr-site-scripts.js';
import { loadEffectiveSettingsPromptly } from '../shared/settings-store.js';

/**
 * How long a resync waits for the policy before the browser's policy service has answered
 * once: a site the coder has just added (and granted) is registered without waiting many
 * seconds for `chrome.storage.managed` (see loadEffectiveSettingsPromptly); when the policy
 * arrives the sites are synced again, so a policy's list still wins.
 */
const MANAGED_WAIT_MS = 1_000;

let queue: Promise<unknown> = Promise.resolve();
let resyncOnPolicy = false;

export function resyncEhrSites(): Promise<unknown> {
  queue = queue
    .then(async () => {
      const { settings, policyPending } = await loadEffectiveSettingsPromptly(MANAGED_WAIT_MS);
      if (policyPending && !resyncOnPolicy) {
        resyncOnPolicy = true;
        void policyPending.then(() => {
          resyncOnPolicy = false;
          void resyncEhrSites();
        });
      }
      return syncEhrSiteScripts(settings.ehrSites);
    })
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
