import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  loadCodingSettings,
  loadEffectiveSettings,
  mergeSettings,
  normalizeEhrOrigin,
  saveCodingSettings,
  saveSiteSettings,
} from '../../../extension/shared/settings-store.js';
import { installFakeChrome } from '../fake-chrome.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

afterEach(() => vi.unstubAllGlobals());

function withManaged(policy: Record<string, unknown> | Error): void {
  installFakeChrome();
  const stub = chrome as unknown as { storage: Record<string, unknown> };
  stub.storage.managed = {
    get: async () => {
      if (policy instanceof Error) throw policy;
      return policy;
    },
  };
}

describe('managed (policy) settings', () => {
  it('take precedence over the coder’s choices and are reported as locked', async () => {
    withManaged({
      careSetting: 'inpatient',
      keepFeedback: false,
      ehrSites: ['https://ehr.example.org/login', 'not a url'],
    });
    await saveCodingSettings({ setting: 'outpatient', scope: 'mentions' });
    await saveSiteSettings({ keepFeedback: true, ehrSites: ['https://mine.example.org'] });
    const { settings, locked } = await loadEffectiveSettings();
    expect(settings).toEqual({
      setting: 'inpatient',
      scope: 'mentions',
      keepFeedback: false,
      ehrSites: ['https://ehr.example.org'],
    });
    expect(locked).toEqual({ setting: true, keepFeedback: true, ehrSites: true });
    await expect(loadCodingSettings()).resolves.toEqual({
      setting: 'inpatient',
      scope: 'mentions',
    });
  });

  it('fall back to the coder’s settings without a policy or managed storage', async () => {
    withManaged(new Error('Managed storage is not available.'));
    await saveCodingSettings({ setting: 'inpatient', scope: 'reportable' });
    const { settings, locked } = await loadEffectiveSettings();
    expect(settings.setting).toBe('inpatient');
    expect(locked).toEqual({});
  });

  it('do not hold up a prompt read while Chrome has not answered yet, and are applied once it does', async () => {
    installFakeChrome();
    let answer!: (policy: Record<string, unknown>) => void;
    const stub = chrome as unknown as { storage: Record<string, unknown> };
    stub.storage.managed = { get: () => new Promise((resolve) => (answer = resolve)) };
    vi.resetModules();
    const store = await import('../../../extension/shared/settings-store.js');
    await store.saveSiteSettings({ keepFeedback: true, ehrSites: ['https://mine.example.org'] });
    const early = await store.loadEffectiveSettingsPromptly(20);
    expect(early.settings.ehrSites).toEqual(['https://mine.example.org']);
    expect(early.policyPending).toBeInstanceOf(Promise);
    answer({ ehrSites: ['https://ehr.example.org'] });
    await expect(early.policyPending).resolves.toEqual({ ehrSites: ['https://ehr.example.org'] });
    // From the first answer on, the policy is waited for (Chrome answers at once then).
    stub.storage.managed = {
      get: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ ehrSites: ['https://ehr.example.org'] }), 50),
        ),
    };
    const later = await store.loadEffectiveSettingsPromptly(1);
    expect(later).toEqual({
      settings: expect.objectContaining({ ehrSites: ['https://ehr.example.org'] }),
      locked: { ehrSites: true },
    });
  });

  it('ignore policy values outside the schema', () => {
    expect(
      mergeSettings({}, {}, { careSetting: 'icu', scope: 3, keepFeedback: 'yes' }).locked,
    ).toEqual({});
  });

  it('declare every managed key in managed-schema.json, referenced by the manifest', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
    expect(manifest.storage.managed_schema).toBe('managed-schema.json');
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'managed-schema.json'), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual([
      'careSetting',
      'ehrSites',
      'encounterRetentionDays',
      'encounterStore',
      'keepFeedback',
      'scope',
    ]);
    expect(schema.properties.careSetting.enum).toEqual(['inpatient', 'outpatient']);
  });
});

describe('normalizeEhrOrigin', () => {
  it('keeps scheme and host only', () => {
    expect(normalizeEhrOrigin('https://ehr.example.org:8443/chart?x=1')).toBe(
      'https://ehr.example.org',
    );
    expect(normalizeEhrOrigin('ehr.example.org')).toBe('https://ehr.example.org');
    expect(normalizeEhrOrigin('ftp://ehr.example.org')).toBeUndefined();
    expect(normalizeEhrOrigin('  ')).toBeUndefined();
  });
});
