// Validation of the feedback and terminology-update messages: only stored-form terms and codes
// pass (no sentence of a note), and the extension-page-only messages refuse tabs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isFeedbackEventInput,
  isFeedbackRecord,
  LEARNING_VALIDATORS,
} from '../../../extension/shared/learning-payload-validators.js';
import {
  BACKGROUND_TO_OFFSCREEN_VALIDATORS,
  CONTENT_TO_BACKGROUND_VALIDATORS,
} from '../../../extension/shared/payload-validators.js';
import { listenForMessages, type MessageHandlers } from '../../../extension/shared/messaging.js';
import type { ContentToBackground } from '../../../extension/shared/protocol.js';
import { createLearningBackgroundHandlers } from '../../../extension/background/learning-handlers.js';
import { PANEL_HANDLER_STUBS } from '../panel-handler-stubs.js';
import {
  EXTENSION_ID,
  EXTENSION_ORIGIN,
  installFakeChrome,
  type FakeChrome,
} from '../fake-chrome.js';

const SENTENCE = 'the patient a 67 year old man came in with chest pain';

describe('feedback event payloads', () => {
  it('accepts stored-form terms and codes', () => {
    expect(isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: ['chest pain'] })).toBe(
      true,
    );
    expect(
      isFeedbackEventInput({
        decision: 'replace',
        code: 'E11.9',
        replacement: 'E11.65',
        terms: ['sugar diabetes'],
      }),
    ).toBe(true);
    expect(isFeedbackEventInput({ decision: 'accept', code: 'I10', terms: [] })).toBe(true);
  });

  it('refuses sentences, raw text, bad codes and stray fields', () => {
    expect(isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: [SENTENCE] })).toBe(
      false,
    );
    expect(
      isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: ['Chest Pain!'] }),
    ).toBe(false);
    expect(
      isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: ['mrn 12345678'] }),
    ).toBe(false);
    expect(isFeedbackEventInput({ decision: 'reject', code: 'chest', terms: ['chest pain'] })).toBe(
      false,
    );
    expect(isFeedbackEventInput({ decision: 'replace', code: 'E11.9', terms: ['dm'] })).toBe(false);
    expect(
      isFeedbackEventInput({ decision: 'reject', code: 'R07.9', replacement: 'R07.89', terms: [] }),
    ).toBe(false);
    expect(
      isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: ['a', 'b', 'c', 'd', 'e'] }),
    ).toBe(false);
    expect(
      isFeedbackEventInput({ decision: 'reject', code: 'R07.9', terms: [], note: SENTENCE }),
    ).toBe(false);
    expect(isFeedbackEventInput({ decision: 'maybe', code: 'R07.9', terms: [] })).toBe(false);
  });

  it('checks records for delete and import', () => {
    expect(
      isFeedbackRecord({ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 2 }),
    ).toBe(true);
    expect(
      isFeedbackRecord({ term: 'chest pain', code: 'R079', decision: 'reject', count: 2 }),
    ).toBe(false);
    expect(
      isFeedbackRecord({ term: 'chest pain', code: 'R07.9', decision: 'reject', count: 0 }),
    ).toBe(false);
    expect(isFeedbackRecord({ term: SENTENCE, code: 'R07.9', decision: 'reject', count: 1 })).toBe(
      false,
    );
    expect(
      LEARNING_VALIDATORS.importFeedback.check({
        records: [{ term: 'x ray', code: 'Z01.89', decision: 'accept', count: 1 }],
      }),
    ).toBe(true);
    expect(LEARNING_VALIDATORS.importFeedback.check({ records: 'all' })).toBe(false);
  });

  it('checks release uploads and version labels', () => {
    expect(
      LEARNING_VALIDATORS.previewTerminologyRelease.check({
        uploadId: crypto.randomUUID(),
        version: '2026',
      }),
    ).toBe(true);
    expect(
      LEARNING_VALIDATORS.previewTerminologyRelease.check({
        uploadId: '../../etc',
        version: '2026',
      }),
    ).toBe(false);
    expect(LEARNING_VALIDATORS.switchTerminology.check({ version: '2026-april' })).toBe(true);
    expect(LEARNING_VALIDATORS.switchTerminology.check({ version: '../2026' })).toBe(false);
    expect(LEARNING_VALIDATORS.switchTerminology.check({ version: 'x'.repeat(41) })).toBe(false);
  });

  it('is wired into both directions, and codeText takes an optional useFeedback flag', () => {
    expect(
      CONTENT_TO_BACKGROUND_VALIDATORS.recordFeedback.check({
        event: { decision: 'accept', code: 'I10', terms: ['hypertension'] },
        undo: false,
      }),
    ).toBe(true);
    expect(
      BACKGROUND_TO_OFFSCREEN_VALIDATORS.recordFeedback.check({
        event: { decision: 'accept', code: 'I10', terms: [SENTENCE] },
        undo: false,
      }),
    ).toBe(false);
    const coding = { text: 'x', setting: 'outpatient', scope: 'reportable' };
    expect(
      BACKGROUND_TO_OFFSCREEN_VALIDATORS.codeText.check({ ...coding, useFeedback: true }),
    ).toBe(true);
    expect(
      BACKGROUND_TO_OFFSCREEN_VALIDATORS.codeText.check({ ...coding, useFeedback: 'yes' }),
    ).toBe(false);
  });
});

describe('background learning handlers', () => {
  let fake: FakeChrome;
  let stop: () => void;
  const dispatched: string[] = [];
  const contentSender: chrome.runtime.MessageSender = {
    id: EXTENSION_ID,
    tab: { id: 3 } as chrome.tabs.Tab,
    url: 'http://127.0.0.1/note.html',
    frameId: 0,
  };
  const optionsSender: chrome.runtime.MessageSender = {
    id: EXTENSION_ID,
    url: `${EXTENSION_ORIGIN}options.html`,
  };

  beforeEach(() => {
    fake = installFakeChrome();
    (globalThis.chrome.storage as unknown as Record<string, unknown>).managed = {
      get: async () => ({}),
    };
    dispatched.length = 0;
    const learning = createLearningBackgroundHandlers(async (type) => {
      dispatched.push(type);
      return (
        type === 'recordFeedback'
          ? { recorded: true }
          : { records: [], terminology: 'ICD-10-CM test' }
      ) as never;
    });
    const handlers: MessageHandlers<ContentToBackground> = {
      codeNote: async () => ({ terminology: 't', model: null, codes: [], flagged: [] }) as never,
      searchCodes: async () => [],
      getTerminologyStatus: async () => ({ version: 'x', loadedFrom: 'package', loadMs: 0 }),
      ...PANEL_HANDLER_STUBS,
      ...learning,
    };
    stop = listenForMessages<ContentToBackground>('background', {
      handlers,
      validators: CONTENT_TO_BACKGROUND_VALIDATORS,
      isAllowedSender: () => true,
    });
  });
  afterEach(() => stop());

  const record = {
    target: 'background',
    type: 'recordFeedback',
    data: { event: { decision: 'reject', code: 'R07.9', terms: ['chest pain'] }, undo: false },
  };

  it('records only while "keep feedback" is on', async () => {
    expect(await fake.deliver(record, contentSender)).toEqual({
      ok: true,
      value: { recorded: true },
    });
    fake.storage.set('site-settings', { keepFeedback: false, ehrSites: [] });
    expect(await fake.deliver(record, contentSender)).toEqual({
      ok: true,
      value: { recorded: false },
    });
    expect(dispatched).toEqual(['recordFeedback']);
  });

  it('a policy turning feedback off wins', async () => {
    (globalThis.chrome.storage as unknown as Record<string, unknown>).managed = {
      get: async () => ({ keepFeedback: false }),
    };
    expect(await fake.deliver(record, contentSender)).toEqual({
      ok: true,
      value: { recorded: false },
    });
  });

  it('lists, deletes and switches for extension pages only', async () => {
    const list = { target: 'background', type: 'listFeedback', data: {} };
    const fromTab = (await fake.deliver(list, contentSender)) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(fromTab.ok).toBe(false);
    expect(fromTab.error?.code).toBe('forbidden-sender');
    expect(await fake.deliver(list, optionsSender)).toEqual({
      ok: true,
      value: { records: [], terminology: 'ICD-10-CM test' },
    });
    const sw = (await fake.deliver(
      { target: 'background', type: 'switchTerminology', data: { version: '2026' } },
      contentSender,
    )) as { ok: boolean };
    expect(sw.ok).toBe(false);
  });

  it('rejects a sentence before any handler runs', async () => {
    const reply = (await fake.deliver(
      {
        ...record,
        data: { event: { decision: 'reject', code: 'R07.9', terms: [SENTENCE] }, undo: false },
      },
      contentSender,
    )) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('invalid-payload');
    expect(reply.error.message).not.toContain('chest pain');
    expect(dispatched).toEqual([]);
  });
});
