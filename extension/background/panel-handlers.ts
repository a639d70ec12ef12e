/**
 * The background's answers for the panel's review features: code lookups, accepted-list checks
 * and engine progress go to the offscreen document; a note's review is kept by
 * note-review-store.ts (session storage, keyed by the note's SHA-256).
 */
import type { MessageHandlers } from '../shared/messaging.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { NOTE_REVIEW_HANDLERS } from './note-review-store.js';
import { relayToOffscreen } from './relay-to-offscreen.js';

type PanelMessages = Pick<
  ContentToBackground,
  'lookupCode' | 'checkAcceptedCodes' | 'getEngineProgress' | 'saveNoteReview' | 'loadNoteReview'
>;

export const PANEL_BACKGROUND_HANDLERS: MessageHandlers<PanelMessages> = {
  lookupCode: relayToOffscreen('lookupCode'),
  checkAcceptedCodes: relayToOffscreen('checkAcceptedCodes'),
  getEngineProgress: relayToOffscreen('getEngineProgress'),
  ...NOTE_REVIEW_HANDLERS,
};
