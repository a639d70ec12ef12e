import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createEncounterHandlers,
  encounterPolicyOf,
  PERSISTENT_ENCOUNTER_KEY,
  SESSION_ENCOUNTER_KEY,
} from '../../../extension/background/encounter-store.js';
import type {
  Encounter,
  EncounterNoteEntry,
  EncounterSummary,
} from '../../../src/encounter/encounter-types.js';

function area(): chrome.storage.StorageArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (key: string) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (values: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(values)) items.set(k, structuredClone(v));
    },
    remove: async (key: string) => void items.delete(key),
  } as unknown as chrome.storage.StorageArea & { items: Map<string, unknown> };
}

let session: ReturnType<typeof area>;
let local: ReturnType<typeof area>;
let policy: Record<string, unknown>;
const sender = {} as chrome.runtime.MessageSender;
const summarize = vi.fn(async (encounter: Encounter): Promise<EncounterSummary> => ({
  codes: [],
  dropped: [],
  warnings: [],
  principalReason: `${encounter.notes.length} notes`,
}));

const entry: EncounterNoteEntry = {
  note: { id: 'a1b2c3', kind: 'consult', title: 'Consult', addedAt: '2026-12-06T08:00:00Z' },
  codes: [
    {
      code: 'N18.32',
      title: 'Chronic kidney disease, stage 3b',
      billable: true,
      assertion: 'present',
      evidence: ['CKD stage 3b'],
    },
  ],
};

beforeEach(() => {
  session = area();
  local = area();
  policy = {};
  vi.stubGlobal('chrome', { storage: { session, local, managed: { get: async () => policy } } });
});

afterEach(() => vi.unstubAllGlobals());

describe('the encounter store', () => {
  it('keeps the encounter in session storage only, by default', async () => {
    const handlers = createEncounterHandlers(summarize);
    const started = await handlers.startEncounter(
      { name: 'Admission', setting: 'inpatient' },
      sender,
    );
    expect(started.store).toBe('session');
    const view = await handlers.addNoteToEncounter({ entry }, sender);
    expect(view.summary.principalReason).toBe('1 notes');
    expect(
      (session.items.get(SESSION_ENCOUNTER_KEY) as Encounter).notes[0]!.codes[0]!.evidence,
    ).toEqual(['CKD stage 3b']);
    expect([...local.items.keys()]).toEqual([]);
    expect((await handlers.getEncounter({}, sender))?.encounter.name).toBe('Admission');
  });

  it('says what is missing when a note is added with no encounter open', async () => {
    await expect(
      createEncounterHandlers(summarize).addNoteToEncounter({ entry }, sender),
    ).rejects.toThrow(/Expected an open encounter, found none/);
  });

  it('closes: nothing left anywhere', async () => {
    policy = { encounterStore: 'persistent' };
    const handlers = createEncounterHandlers(summarize);
    await handlers.startEncounter({ name: '', setting: 'inpatient' }, sender);
    await handlers.closeEncounter({}, sender);
    expect(session.items.size + local.items.size).toBe(0);
    expect(await handlers.getEncounter({}, sender)).toBeNull();
  });

  it('with the persistent policy, also keeps codes and note titles only (no evidence) on the device', async () => {
    policy = { encounterStore: 'persistent', encounterRetentionDays: 3 };
    const handlers = createEncounterHandlers(summarize);
    await handlers.startEncounter({ name: 'Admission', setting: 'inpatient' }, sender);
    await handlers.addNoteToEncounter({ entry }, sender);
    const stored = local.items.get(PERSISTENT_ENCOUNTER_KEY) as {
      encounter: Encounter;
      savedAt: string;
    };
    expect(stored.encounter.notes[0]!.note.title).toBe('Consult');
    expect(stored.encounter.notes[0]!.codes[0]).toMatchObject({ code: 'N18.32', evidence: [] });
    expect(JSON.stringify(stored)).not.toContain('CKD stage 3b');
    // A new browser session: session storage is empty, the persistent copy comes back.
    session.items.clear();
    expect((await handlers.getEncounter({}, sender))?.store).toBe('persistent');
  });

  it('deletes a persistent encounter past its retention, and when the policy goes back to session', async () => {
    policy = { encounterStore: 'persistent', encounterRetentionDays: 3 };
    const old = {
      encounter: {
        id: 'x',
        name: '',
        startedAt: '',
        setting: 'inpatient',
        notes: [],
        confirmedPoa: {},
      },
      savedAt: '2020-01-01T00:00:00Z',
    };
    local.items.set(PERSISTENT_ENCOUNTER_KEY, old);
    const handlers = createEncounterHandlers(summarize);
    expect(await handlers.getEncounter({}, sender)).toBeNull();
    expect(local.items.has(PERSISTENT_ENCOUNTER_KEY)).toBe(false);

    local.items.set(PERSISTENT_ENCOUNTER_KEY, { ...old, savedAt: new Date().toISOString() });
    policy = {};
    expect(await handlers.getEncounter({}, sender)).toBeNull();
    expect(local.items.has(PERSISTENT_ENCOUNTER_KEY)).toBe(false);
  });

  it('reads the policy with safe defaults', () => {
    expect(encounterPolicyOf({})).toEqual({ store: 'session', retentionDays: 7 });
    expect(
      encounterPolicyOf({ encounterStore: 'persistent', encounterRetentionDays: 500 }),
    ).toEqual({ store: 'persistent', retentionDays: 7 });
  });
});
