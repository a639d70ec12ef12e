/**
 * The coder's settings: care setting, coding scope, whether feedback is kept, and the EHR sites
 * the content script runs on. User choices live in `chrome.storage.sync` (it works without a
 * signed-in profile and follows the coder when sync is on). An enterprise policy sets the same
 * settings through `chrome.storage.managed` (schema: managed-schema.json); a managed value
 * takes precedence over the user's and is shown locked on the options page.
 */
import type { CodingSettings } from './protocol.js';

export const DEFAULT_CODING_SETTINGS: CodingSettings = {
  setting: 'outpatient',
  scope: 'reportable',
};

export interface ExtensionSettings extends CodingSettings {
  /** Keep what the coder taught (synonyms, rejections) for later suggestions. */
  keepFeedback: boolean;
  /** EHR origins the panel runs on, e.g. "https://ehr.example.org". */
  ehrSites: string[];
}

export const DEFAULT_SETTINGS: ExtensionSettings = {
  ...DEFAULT_CODING_SETTINGS,
  keepFeedback: true,
  ehrSites: [],
};

/** The managed (policy) keys, as declared in managed-schema.json. */
export interface ManagedSettings {
  careSetting?: CodingSettings['setting'];
  scope?: CodingSettings['scope'];
  keepFeedback?: boolean;
  ehrSites?: string[];
  /** Where coders' encounters are kept: "session" (default) or "persistent" (codes and note titles only). */
  encounterStore?: 'session' | 'persistent';
  /** Days a persistent encounter is kept (default 7). */
  encounterRetentionDays?: number;
}

export interface EffectiveSettings {
  settings: ExtensionSettings;
  /** Settings fixed by policy: the options page shows them locked. */
  locked: { [K in keyof ExtensionSettings]?: true };
}

const SETTINGS_KEY = 'coding-settings';
const SITE_SETTINGS_KEY = 'site-settings';

/** Keeps only known values, so that a corrupt or old entry falls back to the defaults. */
export function normalizeCodingSettings(stored: unknown): CodingSettings {
  const record =
    typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
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

/** "https://ehr.example.org/x" → "https://ehr.example.org"; undefined when not an http(s) origin. */
export function normalizeEhrOrigin(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (!url.hostname || url.username || url.password) return undefined;
    return `${url.protocol}//${url.hostname}`; // match patterns ignore ports
  } catch {
    return undefined;
  }
}

/** The match pattern Chrome needs for an origin: "https://ehr.example.org/*". */
export function originToMatchPattern(origin: string): string {
  return `${origin}/*`;
}

function normalizeSites(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const sites = value.map((site) =>
    typeof site === 'string' ? normalizeEhrOrigin(site) : undefined,
  );
  return [...new Set(sites.filter((site): site is string => site !== undefined))];
}

/** User settings with policy values on top; `locked` names what the policy set. */
export function mergeSettings(
  user: unknown,
  siteSettings: unknown,
  managed: unknown,
): EffectiveSettings {
  const coding = normalizeCodingSettings(user);
  const site =
    typeof siteSettings === 'object' && siteSettings !== null
      ? (siteSettings as Record<string, unknown>)
      : {};
  const settings: ExtensionSettings = {
    ...coding,
    keepFeedback:
      typeof site.keepFeedback === 'boolean' ? site.keepFeedback : DEFAULT_SETTINGS.keepFeedback,
    ehrSites: normalizeSites(site.ehrSites),
  };
  const locked: EffectiveSettings['locked'] = {};
  const policy =
    typeof managed === 'object' && managed !== null ? (managed as Record<string, unknown>) : {};
  if (policy.careSetting === 'inpatient' || policy.careSetting === 'outpatient') {
    settings.setting = policy.careSetting;
    locked.setting = true;
  }
  if (policy.scope === 'reportable' || policy.scope === 'mentions') {
    settings.scope = policy.scope;
    locked.scope = true;
  }
  if (typeof policy.keepFeedback === 'boolean') {
    settings.keepFeedback = policy.keepFeedback;
    locked.keepFeedback = true;
  }
  if (Array.isArray(policy.ehrSites)) {
    settings.ehrSites = normalizeSites(policy.ehrSites);
    locked.ehrSites = true;
  }
  return { settings, locked };
}

/** Policy values; an empty object when there is no policy (or no managed storage, e.g. tests). */
export async function loadManagedSettings(): Promise<ManagedSettings> {
  try {
    return ((await chrome.storage.managed?.get(null)) ?? {}) as ManagedSettings;
  } catch {
    return {}; // "Managed storage is not available" without a schema or a policy
  }
}

export async function loadEffectiveSettings(): Promise<EffectiveSettings> {
  const [coding, site, managed] = await Promise.all([
    chrome.storage.sync.get(SETTINGS_KEY),
    chrome.storage.sync.get(SITE_SETTINGS_KEY),
    loadManagedSettings(),
  ]);
  return mergeSettings(coding[SETTINGS_KEY], site[SITE_SETTINGS_KEY], managed);
}

/** Whether chrome.storage.managed has answered once in this context (it answers at once from then on). */
let managedAnswered = false;

/**
 * Effective settings without waiting long on the policy. Chromium answers
 * `chrome.storage.managed` only once its policy service has loaded the extension's schema,
 * which after the extension starts can take many seconds (3 to 18 s seen on Chromium 150
 * under load). Until the first answer, this waits at most `managedWaitMs`; past that it returns
 * the coder's settings as if there were no policy, with `policyPending`: the read still under
 * way, for the caller to apply the policy once it arrives.
 */
export async function loadEffectiveSettingsPromptly(
  managedWaitMs: number,
): Promise<EffectiveSettings & { policyPending?: Promise<ManagedSettings> }> {
  const managedRead = loadManagedSettings().then((managed) => {
    managedAnswered = true;
    return managed;
  });
  const [coding, site] = await Promise.all([
    chrome.storage.sync.get(SETTINGS_KEY),
    chrome.storage.sync.get(SITE_SETTINGS_KEY),
  ]);
  const late = Symbol('late');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const managed = managedAnswered
    ? await managedRead
    : await Promise.race([
        managedRead,
        new Promise<typeof late>(
          (resolve) => (timer = setTimeout(() => resolve(late), managedWaitMs)),
        ),
      ]);
  clearTimeout(timer);
  if (managed === late)
    return {
      ...mergeSettings(coding[SETTINGS_KEY], site[SITE_SETTINGS_KEY], {}),
      policyPending: managedRead,
    };
  return mergeSettings(coding[SETTINGS_KEY], site[SITE_SETTINGS_KEY], managed);
}

/** What the coder gets: policy first, then the coder's choice, then the defaults. */
export async function loadCodingSettings(): Promise<CodingSettings> {
  const { settings } = await loadEffectiveSettings();
  return { setting: settings.setting, scope: settings.scope };
}

export async function saveCodingSettings(settings: CodingSettings): Promise<void> {
  await chrome.storage.sync.set({ [SETTINGS_KEY]: normalizeCodingSettings(settings) });
}

export async function saveSiteSettings(
  settings: Pick<ExtensionSettings, 'keepFeedback' | 'ehrSites'>,
): Promise<void> {
  await chrome.storage.sync.set({
    [SITE_SETTINGS_KEY]: {
      keepFeedback: settings.keepFeedback,
      ehrSites: normalizeSites(settings.ehrSites),
    },
  });
}
