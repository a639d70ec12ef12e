/**
 * The coder's active encounter. By default it lives in `chrome.storage.session` only: in
 * memory, gone when the browser closes or the coder closes the encounter. A hospital may enable
 * a persistent store by policy (`encounterStore: "persistent"`, managed-schema.json): then a
 * copy with codes and note titles only (no evidence, no note text) is also kept in
 * `chrome.storage.local` and deleted after `encounterRetentionDays`. Shared by the Chrome
 * service worker and Firefox's background page; the summary comes from the pure core
 * (src/encounter) wherever the terminology is loaded.
 */
import {
  addNoteToEncounter,
  isPastRetention,
  setEncounterChoices,
  startEncounter,
  toPersistentEncounter,
} from '../../src/encounter/encounter-record.js';
import type { Encounter, EncounterSummary } from '../../src/encounter/encounter-types.js';
import type { MessageHandlers } from '../shared/messaging.js';
import type { EncounterMessages, EncounterView } from '../shared/protocol.js';
import { loadManagedSettings, type ManagedSettings } from '../shared/settings-store.js';

export const SESSION_ENCOUNTER_KEY = 'encounter:active';
export const PERSISTENT_ENCOUNTER_KEY = 'encounter:persistent';
export const DEFAULT_RETENTION_DAYS = 7;

export interface EncounterPolicy {
  store: 'session' | 'persistent';
  retentionDays: number;
}

export function encounterPolicyOf(managed: ManagedSettings): EncounterPolicy {
  const days = managed.encounterRetentionDays;
  return {
    store: managed.encounterStore === 'persistent' ? 'persistent' : 'session',
    retentionDays:
      typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 90
        ? days
        : DEFAULT_RETENTION_DAYS,
  };
}

interface PersistentRecord {
  encounter: Encounter;
  savedAt: string;
}

async function readEncounter(policy: EncounterPolicy): Promise<Encounter | null> {
  const session = (await chrome.storage.session.get(SESSION_ENCOUNTER_KEY))[
    SESSION_ENCOUNTER_KEY
  ] as Encounter | undefined;
  const stored = (await chrome.storage.local.get(PERSISTENT_ENCOUNTER_KEY))[
    PERSISTENT_ENCOUNTER_KEY
  ] as PersistentRecord | undefined;
  if (
    stored &&
    (policy.store !== 'persistent' ||
      isPastRetention(stored.savedAt, policy.retentionDays, new Date()))
  ) {
    await chrome.storage.local.remove(PERSISTENT_ENCOUNTER_KEY); // policy changed, or retention passed
    return session ?? null;
  }
  return session ?? stored?.encounter ?? null;
}

async function writeEncounter(encounter: Encounter, policy: EncounterPolicy): Promise<void> {
  await chrome.storage.session.set({ [SESSION_ENCOUNTER_KEY]: encounter });
  if (policy.store === 'persistent') {
    const record: PersistentRecord = {
      encounter: toPersistentEncounter(encounter),
      savedAt: new Date().toISOString(),
    };
    await chrome.storage.local.set({ [PERSISTENT_ENCOUNTER_KEY]: record });
  }
}

type EncounterHandlers = MessageHandlers<EncounterMessages>;

/** `summarize` runs the pure core where the terminology is (offscreen document, or in place). */
export function createEncounterHandlers(
  summarize: (encounter: Encounter) => Promise<EncounterSummary>,
): EncounterHandlers {
  // One change at a time: two tabs adding notes must not lose one of them.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const view = async (encounter: Encounter, policy: EncounterPolicy): Promise<EncounterView> => ({
    encounter,
    summary: await summarize(encounter),
    store: policy.store,
  });
  const update = (change: (current: Encounter) => Encounter): Promise<EncounterView> =>
    serialized(async () => {
      const policy = encounterPolicyOf(await loadManagedSettings());
      const current = await readEncounter(policy);
      if (!current)
        throw new Error('Expected an open encounter, found none: start one from the panel first.');
      const next = change(current);
      await writeEncounter(next, policy);
      return view(next, policy);
    });

  return {
    startEncounter: ({ name, setting }) =>
      serialized(async () => {
        const policy = encounterPolicyOf(await loadManagedSettings());
        const encounter = startEncounter({
          id: crypto.randomUUID(),
          name,
          setting,
          now: new Date().toISOString(),
        });
        await writeEncounter(encounter, policy);
        return view(encounter, policy);
      }),
    getEncounter: () =>
      serialized(async () => {
        const policy = encounterPolicyOf(await loadManagedSettings());
        const encounter = await readEncounter(policy);
        return encounter ? view(encounter, policy) : null;
      }),
    addNoteToEncounter: ({ entry }) => update((current) => addNoteToEncounter(current, entry)),
    setEncounterChoices: (choices) => update((current) => setEncounterChoices(current, choices)),
    closeEncounter: () =>
      serialized(async () => {
        await chrome.storage.session.remove(SESSION_ENCOUNTER_KEY);
        await chrome.storage.local.remove(PERSISTENT_ENCOUNTER_KEY);
        return { closed: true as const };
      }),
  };
}
