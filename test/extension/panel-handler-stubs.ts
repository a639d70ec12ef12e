/** Stubs for the panel's review messages, for tests that build a whole background handler map. */
import type { MessageHandlers } from '../../extension/shared/messaging.js';
import type { ContentToBackground, EncounterMessages } from '../../extension/shared/protocol.js';

import type { LearningMessages } from '../../extension/background/learning-handlers.js';

type PanelMessages = Pick<
  ContentToBackground,
  | 'cancelCoding'
  | 'lookupCode'
  | 'checkAcceptedCodes'
  | 'getEngineProgress'
  | 'saveNoteReview'
  | 'loadNoteReview'
> &
  LearningMessages &
  EncounterMessages;

export const PANEL_HANDLER_STUBS: MessageHandlers<PanelMessages> = {
  cancelCoding: async () => ({ cancelled: false }),
  lookupCode: async () => null,
  checkAcceptedCodes: async () => ({}),
  getEngineProgress: async () => ({ phase: 'ready', fraction: 1, label: 'Ready' }),
  saveNoteReview: async () => ({ saved: true }),
  loadNoteReview: async () => null,
  // Feedback and terminology updates (extension/background/learning-handlers.ts).
  recordFeedback: async () => ({ recorded: false }),
  forgetFeedback: async () => ({ forgotten: 0 }),
  listFeedback: async () => ({ records: [], terminology: 'ICD-10-CM test' }),
  deleteFeedback: async () => ({ deleted: 0 }),
  clearFeedback: async () => ({ cleared: true }),
  importFeedback: async () => ({ imported: 0 }),
  previewTerminologyRelease: async () => {
    throw new Error('not in this test');
  },
  switchTerminology: async () => ({ version: 'test', loadedFrom: 'indexeddb', loadMs: 0 }),
  listTerminologyVersions: async () => [],
  deleteTerminologyVersion: async () => ({ deleted: true }),
  // The coder's encounter (extension/background/encounter-store.ts).
  startEncounter: async () => {
    throw new Error('not in this test');
  },
  getEncounter: async () => null,
  addNoteToEncounter: async () => {
    throw new Error('not in this test');
  },
  setEncounterChoices: async () => {
    throw new Error('not in this test');
  },
  closeEncounter: async () => ({ closed: true }),
};
