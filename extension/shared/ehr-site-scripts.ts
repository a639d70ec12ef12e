/**
 * The content script on the EHR sites the coder (or the policy) named: each granted origin gets
 * a dynamically registered content script (`chrome.scripting.registerContentScripts`), so the
 * panel can open automatically there without the toolbar button. Origins without a granted
 * host permission are skipped (the options page asks for it with `chrome.permissions.request`).
 */
import { originToMatchPattern } from './settings-store.js';

export const EHR_SCRIPT_ID_PREFIX = 'ehr-site-';
export const CONTENT_SCRIPT_FILE = 'content.js';

export function scriptIdFor(origin: string): string {
  return `${EHR_SCRIPT_ID_PREFIX}${origin.replace(/[^a-z0-9]+/gi, '-')}`;
}

/** Makes the registered EHR content scripts match `origins` (granted ones only). Returns the registered origins. */
export async function syncEhrSiteScripts(origins: readonly string[]): Promise<string[]> {
  const registered = await chrome.scripting.getRegisteredContentScripts();
  const ours = registered
    .filter((script) => script.id.startsWith(EHR_SCRIPT_ID_PREFIX))
    .map((script) => script.id);
  if (ours.length > 0) await chrome.scripting.unregisterContentScripts({ ids: ours });
  const granted: string[] = [];
  for (const origin of origins) {
    if (await chrome.permissions.contains({ origins: [originToMatchPattern(origin)] }))
      granted.push(origin);
  }
  if (granted.length > 0) {
    await chrome.scripting.registerContentScripts(
      granted.map((origin) => ({
        id: scriptIdFor(origin),
        matches: [originToMatchPattern(origin)],
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle' as const,
        persistAcrossSessions: true,
      })),
    );
  }
  return granted;
}
