/** Stubs for the panel's review messages, for tests that build a whole background handler map. */
import type { MessageHandlers } from '../../extension/shared/messaging.js';
import type { ContentToBackground } from '../../extension/shared/protocol.js';

type PanelMessages = Pick<ContentToBackground, 'lookupCode' | 'checkAcceptedCodes' | 'getEngineProgress' | 'saveNoteReview' | 'loadNoteReview'>;

export const PANEL_HANDLER_STUBS: MessageHandlers<PanelMessages> = {
  lookupCode: async () => null,
  checkAcceptedCodes: async () => ({}),
  getEngineProgress: async () => ({ phase: 'ready', fraction: 1, label: 'Ready' }),
  saveNoteReview: async () => ({ saved: true }),
  loadNoteReview: async () => null,
};
