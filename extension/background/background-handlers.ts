/**
 * Everything the background answers, in one map. The background only routes: coding runs in
 * the offscreen document, which it creates on demand.
 */
import type { MessageHandlers } from '../shared/messaging.js';
import type { ContentToBackground } from '../shared/protocol.js';
import { cancelCoding, codeNoteCancellably } from './coding-requests.js';
import { createEncounterHandlers } from './encounter-store.js';
import { LEARNING_BACKGROUND_HANDLERS } from './learning-handlers.js';
import { sendToOffscreenDocument } from './offscreen-document.js';
import { PANEL_BACKGROUND_HANDLERS } from './panel-handlers.js';
import { relayToOffscreen } from './relay-to-offscreen.js';

export const BACKGROUND_HANDLERS: MessageHandlers<ContentToBackground> = {
  codeNote: ({ text, requestId }, sender) => codeNoteCancellably(text, requestId, sender),
  cancelCoding: ({ requestId }, sender) => cancelCoding(requestId, sender),
  searchCodes: relayToOffscreen('searchCodes'),
  getTerminologyStatus: relayToOffscreen('getTerminologyStatus'),
  ...PANEL_BACKGROUND_HANDLERS,
  ...LEARNING_BACKGROUND_HANDLERS,
  ...createEncounterHandlers((encounter) =>
    sendToOffscreenDocument('summarizeEncounter', { encounter }),
  ),
};
